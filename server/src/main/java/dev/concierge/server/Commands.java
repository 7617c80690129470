package dev.concierge.server;

import java.io.PrintStream;
import java.util.Optional;

/**
 * The tool subcommands (evaluations, benchmarks, training). Each prints progress on stderr and, for evaluations
 * and benchmarks, one JSON object as its last stdout line.
 */
final class Commands {
    private Commands() {
    }

    static Optional<Integer> run(String name, String[] args, PrintStream out, PrintStream err) {
        return switch (name) {
            default -> Optional.empty();
        };
    }

    static String usage() {
        return "";
    }
}
