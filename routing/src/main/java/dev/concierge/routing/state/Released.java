package dev.concierge.routing.state;

import java.util.Objects;
import java.util.Optional;

/** What releasing a conversation freed, and how many conversations still wait (0 = no need to drain). */
public record Released(Optional<Held> held, long waiting) {
    public Released {
        Objects.requireNonNull(held, "held");
    }
}
