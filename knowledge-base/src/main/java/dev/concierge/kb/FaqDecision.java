package dev.concierge.kb;

/** What the bot should do with a FAQ search. */
public enum FaqDecision {
    /** The top entry is confident enough to answer directly. */
    ANSWER,
    /** Plausible but ambiguous: offer the top candidates (at most three) as quick replies. */
    CLARIFY,
    /** Nothing relevant: fall through to intents, flows or a human. */
    NONE
}
