package dev.concierge.server.auth;

import dev.concierge.server.config.ConciergeConfig.Role;

/** An authenticated agent or supervisor. */
public record Principal(String accountId, String name, Role role, String team) {
    public boolean isSupervisor() {
        return role == Role.SUPERVISOR;
    }
}
