package dev.concierge.routing.state;

/**
 * Where a waiting conversation stands, read in one step: its 0-based place in the queue and how many agents are
 * online (for the expected wait).
 */
public record QueuePlace(long position, long onlineAgents) {
    public QueuePlace {
        if (position < 0 || onlineAgents < 0) {
            throw new IllegalArgumentException("position and online agents cannot be negative");
        }
    }
}
