package dev.concierge.channel;

import java.util.Objects;

/**
 * The outcome of a send the provider accepted, or one we deliberately did not make.
 *
 * @param providerMessageId the provider's id (SMS sid, our email Message-ID), "" when suppressed
 * @param suppressed        true when nothing was sent on purpose (the recipient opted out)
 */
public record SendResult(String providerMessageId, boolean suppressed, String note) {
    public SendResult {
        providerMessageId = providerMessageId == null ? "" : providerMessageId;
        note = Objects.requireNonNullElse(note, "");
    }

    public static SendResult sent(String providerMessageId) {
        return new SendResult(providerMessageId, false, "");
    }

    public static SendResult suppressed(String why) {
        return new SendResult("", true, why);
    }
}
