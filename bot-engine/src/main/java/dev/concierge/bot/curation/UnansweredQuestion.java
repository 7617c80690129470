package dev.concierge.bot.curation;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A question the bot could not answer, for knowledge-base curation. {@code text} is already masked
 * (PersonalDataMasker): no phone numbers, emails, ID or card numbers.
 *
 * @param reason     out_of_scope, low_confidence, or the handoff reason (human_request, complaint, ...)
 * @param intent     the best intent guess
 * @param kbTopHit   the best knowledge-base entry, "" when none
 */
public record UnansweredQuestion(Instant at, String conversationId, String language, String text, String reason,
        String intent, double confidence, String kbTopHit) {

    public UnansweredQuestion {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reason, "reason");
        language = language == null ? "zh" : language.toLowerCase(Locale.ROOT);
        intent = intent == null ? "" : intent;
        kbTopHit = kbTopHit == null ? "" : kbTopHit;
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1]");
        }
        if (text.length() > 1000) {
            text = text.substring(0, 1000);
        }
    }
}
