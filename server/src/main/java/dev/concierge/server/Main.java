package dev.concierge.server;

import dev.concierge.channel.ChannelSettings;
import dev.concierge.server.auth.PasswordHasher;
import dev.concierge.server.config.ConciergeConfig;
import dev.concierge.server.config.ConfigException;
import dev.concierge.server.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** {@code bin/concierge SUBCOMMAND ...}: one entry point for the server and every tool. */
public final class Main {
    private static final java.util.List<String> LOG_LEVELS = java.util.List.of("TRACE", "DEBUG", "INFO", "WARN",
            "ERROR", "OFF");

    /** What is wrong with a {@code CONCIERGE_LOG_LEVEL} value, if anything: logback falls back to DEBUG silently. */
    static java.util.Optional<String> logLevelError(String value) {
        if (value == null || value.isBlank()
                || LOG_LEVELS.contains(value.strip().toUpperCase(java.util.Locale.ROOT))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("CONCIERGE_LOG_LEVEL must be one of " + LOG_LEVELS + ", got '" + value + "'");
    }
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** @return the exit code, or {@link Integer#MIN_VALUE} when a server was started and keeps running */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "serve" -> serve(rest, err);
            case "hash-password" -> hashPassword(out, err);
            default -> Commands.run(args[0], rest, out, err).orElseGet(() -> {
                err.println("unknown subcommand: " + args[0]);
                usage(err);
                return 2;
            });
        };
    }

    private static int serve(String[] args, PrintStream err) {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                err.println("missing value for " + flag);
                return 2;
            }
            String value = args[++i];
            switch (flag) {
                case "--config" -> file = Path.of(value);
                case "--port" -> overrides.put("server.port", value);
                case "--host" -> overrides.put("server.host", value);
                case "--redis" -> {
                    overrides.put("store.type", "redis");
                    overrides.put("store.redisUrl", value);
                }
                default -> {
                    err.println("unknown option for serve: " + flag);
                    return 2;
                }
            }
        }
        java.util.Optional<String> badLevel = logLevelError(System.getenv("CONCIERGE_LOG_LEVEL"));
        if (badLevel.isPresent()) {
            err.println("configuration error: " + badLevel.get());
            return 2;
        }
        ConciergeConfig config;
        ChannelSettings channels;
        try {
            config = new ConfigLoader().load(file, System.getenv(), overrides);
            channels = ChannelSettings.fromEnvironment(System.getenv());
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
        Application app;
        try {
            app = Application.start(config, channels, Clock.systemUTC());
        } catch (RuntimeException e) {
            err.println("cannot start: " + e.getMessage());
            LoggerFactory.getLogger(Main.class).debug("start-up failure", e);
            return 1;
        }
        // readiness 503 for up to 5 s (half the grace period at most) before the listener closes
        java.time.Duration notice = java.time.Duration.ofMillis(Math.min(5_000,
                config.server().shutdownGraceSeconds() * 500L));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> app.drainAndClose(notice), "concierge-shutdown"));
        return Integer.MIN_VALUE;
    }

    private static int hashPassword(PrintStream out, PrintStream err) {
        try {
            char[] password;
            if (System.console() != null) {
                password = System.console().readPassword("password: ");
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
            if (password == null || password.length < 8) {
                err.println("passwords must have at least 8 characters");
                return 2;
            }
            out.println(new PasswordHasher(new SecureRandom()).hash(password));
            Arrays.fill(password, '\0');
            return 0;
        } catch (java.io.IOException e) {
            err.println("cannot read the password: " + e.getMessage());
            return 1;
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: concierge <subcommand> [options]

                  serve [--config FILE] [--port N] [--host H] [--redis URL]
                                       start the server (embedded defaults: in-memory state, bundled KB and model)
                  hash-password        read a password on stdin, print its PBKDF2 hash for the config file
                """ + Commands.usage());
    }
}
