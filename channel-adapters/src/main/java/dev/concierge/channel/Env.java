package dev.concierge.channel;

import java.util.Map;
import java.util.Optional;

/** Reads settings from an environment map (System.getenv() in production, a plain map in tests). */
final class Env {
    private Env() {
    }

    static Optional<String> get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
