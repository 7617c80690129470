package dev.concierge.core.conversation;

import org.slf4j.MDC;

/**
 * The conversation a log line is about, in the logging context (MDC key {@value #KEY}, printed as
 * {@code conversation=...} by the server's log format). Every module puts it under this one key, so that the
 * lines of a conversation can be found together whichever module wrote them.
 */
public final class ConversationLog {
    public static final String KEY = "conversation";

    private ConversationLog() {
    }

    /** Until closed, log lines on this thread carry {@code conversation}; a value set by a caller comes back then. */
    public static Scope scope(ConversationId conversation) {
        String previous = MDC.get(KEY);
        MDC.put(KEY, conversation.value());
        return new Scope(previous);
    }

    /** Restores the caller's value on close. */
    public static final class Scope implements AutoCloseable {
        private final String previous;

        private Scope(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
