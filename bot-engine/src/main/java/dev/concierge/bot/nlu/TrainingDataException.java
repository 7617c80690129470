package dev.concierge.bot.nlu;

/** A training or evaluation file could not be read; the message names the source and, where known, the line. */
public final class TrainingDataException extends RuntimeException {

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
