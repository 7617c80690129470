package dev.concierge.routing.state;

/** Outcome of an atomic attempt to offer a waiting conversation. */
public enum Claim {
    OFFERED,
    /** Someone else offered it first, or it was released: try the next conversation. */
    CONVERSATION_GONE,
    /** None of the eligible agents is online with spare capacity on the channel. */
    AGENT_UNAVAILABLE,
    /** The agent directory changed since the eligible agents were computed: recompute and try again. */
    STALE_DIRECTORY,
    /** Not attempted (enqueue of a conversation that has a first-contact owner: the router decides first). */
    NOT_TRIED
}
