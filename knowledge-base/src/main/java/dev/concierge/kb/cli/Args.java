package dev.concierge.kb.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} pairs; unknown or dangling options are usage errors. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    static Args parse(String[] argv, Set<String> allowed) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String name = argv[i];
            if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
                throw new UsageException("unknown option: " + name);
            }
            if (i + 1 >= argv.length) {
                throw new UsageException("missing value for " + name);
            }
            a.values.put(name.substring(2), argv[++i]);
        }
        return a;
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    float getFloat(String name, float fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, got " + v);
        }
    }

    int getInt(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs an integer, got " + v);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
