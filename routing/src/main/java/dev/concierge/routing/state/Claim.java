package dev.concierge.routing.state;

/** Outcome of an atomic attempt to offer a waiting conversation to an agent. */
public enum Claim {
    OFFERED,
    /** Someone else offered it first, or it was released: try the next conversation. */
    CONVERSATION_GONE,
    /** The agent has no spare capacity on the channel or is no longer online: try the next agent. */
    AGENT_UNAVAILABLE
}
