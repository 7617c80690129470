package dev.concierge.routing.sla;

/** The service-level promises routing watches. */
public enum SlaKind {
    /** Chat: a human answers within 15 minutes of business time. */
    CHAT_FIRST_RESPONSE(true),
    /** Any channel: a human's first reply within 24 hours. */
    INITIAL_REPLY(true),
    /** A complaint is resolved by its severity's deadline. */
    COMPLAINT_RESOLUTION(false);

    private final boolean stoppedByFirstResponse;

    SlaKind(boolean stoppedByFirstResponse) {
        this.stoppedByFirstResponse = stoppedByFirstResponse;
    }

    /** True when the agent's first reply keeps this promise. */
    public boolean stoppedByFirstResponse() {
        return stoppedByFirstResponse;
    }
}
