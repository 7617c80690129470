package dev.concierge.server.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A benchmark's {@code --name value} options; a dangling or unknown option is an IllegalArgumentException. */
final class BenchOptions {
    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    static BenchOptions parse(String[] args, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            values.put(name, args[++i]);
        }
        return new BenchOptions(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }
}
