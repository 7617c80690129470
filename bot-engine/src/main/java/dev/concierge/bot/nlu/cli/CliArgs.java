package dev.concierge.bot.nlu.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options; unknown names, missing values and repeats are usage errors. */
final class CliArgs {

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private CliArgs(Map<String, String> values) {
        this.values = values;
    }

    static CliArgs parse(String[] args, Set<String> allowed) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !allowed.contains(a.substring(2))) {
                throw new UsageException("unknown argument: " + a);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("missing value for " + a);
            }
            if (values.put(a.substring(2), args[++i]) != null) {
                throw new UsageException("repeated argument: " + a);
            }
        }
        return new CliArgs(values);
    }

    String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException("missing --" + name);
        }
        return v;
    }

    String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        double n = number(name, fallback, min, max);
        if (n != Math.rint(n)) {
            throw new UsageException("--" + name + " must be a whole number: " + values.get(name));
        }
        return (int) n;
    }

    double number(String name, double fallback, double min, double max) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v);
            if (!(n >= min && n <= max)) {
                throw new UsageException("--" + name + " must be in " + plain(min) + ".." + plain(max));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    /** 64 rather than 64.0 in messages. */
    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
