package dev.concierge.core.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of a {@code bin/concierge} subcommand. Names are given without the dashes.
 * An unknown name, a name without a value (or followed by another option), a repeated name and a value that is
 * not a number, or outside its range, where one is expected are {@link UsageException}s.
 */
public final class CommandOptions {

    /** A malformed command line; its message is meant for the user, next to the command's usage line. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private CommandOptions(Map<String, String> values) {
        this.values = values;
    }

    /** @param allowed the option names the command knows, without the leading {@code --} */
    public static CommandOptions parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !allowed.contains(a.substring(2))) {
                throw new UsageException("unknown option: " + a);
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new UsageException("missing value for " + a);
            }
            if (values.put(a.substring(2), args[++i]) != null) {
                throw new UsageException("repeated option: " + a);
            }
        }
        return new CommandOptions(values);
    }

    public String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when the option is absent. */
    public int integer(String name, int fallback, int min, int max) {
        double n = number(name, fallback, min, max);
        if (n != Math.rint(n)) {
            throw new UsageException("--" + name + " must be a whole number: " + values.get(name));
        }
        return (int) n;
    }

    /** A number in {@code [min, max]}, or {@code fallback} when the option is absent. */
    public double number(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v);
            if (!(n >= min && n <= max)) {
                throw new UsageException("--" + name + " must be in " + plain(min) + ".." + plain(max) + ": " + v);
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
