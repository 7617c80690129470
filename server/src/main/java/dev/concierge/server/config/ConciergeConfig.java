package dev.concierge.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole configuration, loaded once at start-up and validated here so that a bad value stops the server with
 * a clear message instead of failing later. Each component receives only its own part.
 */
public record ConciergeConfig(ServerSettings server, StoreSettings store, AuthSettings auth, ChatSettings chat,
        IntegrationSettings integrations, LimitSettings limits, BotSettings bot, RoutingConfig routing) {

    public ConciergeConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(integrations, "integrations");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(routing, "routing");
    }

    /**
     * The bot: which intent model to use and where the platform's order API is.
     *
     * @param nluProfile     {@code fast} (word features), {@code lexical} (+ character n-grams) or {@code default} (+ in-process sentence embeddings)
     * @param nluModelFile   a model written by {@code bin/concierge nlu-train}, or "" for the bundled intents
     * @param orderApiUrl    the order API base URL, or "" for the embedded demo order service
     * @param orderApiAuth   the whole Authorization header value sent to the order API, or ""
     * @param kbDense        also rank FAQ answers by in-process sentence embeddings (bge-small en/zh): embeds the
     *                       knowledge base at start-up (seconds) and every FAQ query (milliseconds)
     */
    public record BotSettings(String nluProfile, String nluModelFile, String orderApiUrl, String orderApiAuth,
            int orderApiTimeoutMillis, boolean kbDense) {
        public BotSettings {
            nluProfile = nluProfile == null ? "fast" : nluProfile.trim().toLowerCase(java.util.Locale.ROOT);
            if (!nluProfile.equals("fast") && !nluProfile.equals("lexical") && !nluProfile.equals("default")) {
                throw new IllegalArgumentException("bot.nluProfile must be fast, lexical or default");
            }
            nluModelFile = nluModelFile == null ? "" : nluModelFile.trim();
            orderApiUrl = orderApiUrl == null ? "" : orderApiUrl.trim();
            if (!orderApiUrl.isEmpty() && !orderApiUrl.matches("https?://.+")) {
                throw new IllegalArgumentException("bot.orderApiUrl must be an http(s) URL");
            }
            orderApiAuth = orderApiAuth == null ? "" : orderApiAuth;
            if (orderApiTimeoutMillis < 100 || orderApiTimeoutMillis > 30_000) {
                throw new IllegalArgumentException("bot.orderApiTimeoutMillis must be 100-30000");
            }
        }
    }

    /** Rate limits (token buckets per node): answered with 429 / a rate_limited frame and Retry-After. */
    public record LimitSettings(double httpPerIpPerSecond, int httpBurst, double loginsPerIpPerMinute,
            int loginBurst, double chatMessagesPerSecond, int chatBurst, double chatSignInsPerIpPerMinute,
            int chatSignInBurst, List<String> trustedProxies) {
        public LimitSettings {
            if (!(httpPerIpPerSecond > 0) || httpBurst < 1 || !(loginsPerIpPerMinute > 0) || loginBurst < 1
                    || !(chatMessagesPerSecond > 0) || chatBurst < 1 || !(chatSignInsPerIpPerMinute > 0)
                    || chatSignInBurst < 1) {
                throw new IllegalArgumentException("limits: every rate must be > 0 and every burst >= 1");
            }
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
            new dev.concierge.server.http.ClientAddress(trustedProxies); // refuses a bad entry at start-up
        }
    }

    /**
     * Keys that integrators present as {@code Authorization: Bearer KEY} on the REST channel and the bot API.
     * An empty list turns those endpoints off.
     */
    public record IntegrationSettings(List<String> apiKeys) {
        public IntegrationSettings {
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
            for (String key : apiKeys) {
                if (key == null || key.length() < 16) {
                    throw new IllegalArgumentException("integrations.apiKeys entries must be at least 16 characters");
                }
            }
        }
    }

    /** HTTP and WebSocket listener. */
    public record ServerSettings(String host, int port, int maxFrameBytes, int maxBodyBytes,
            int shutdownGraceSeconds, int workerThreads) {
        public ServerSettings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("server.host is required");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("server.port must be 0-65535 (0 = any free port), got " + port);
            }
            if (maxFrameBytes < 1024 || maxFrameBytes > 1 << 20) {
                throw new IllegalArgumentException("server.maxFrameBytes must be 1 KiB - 1 MiB");
            }
            if (maxBodyBytes < 1024 || maxBodyBytes > 64 << 20) {
                throw new IllegalArgumentException("server.maxBodyBytes must be 1 KiB - 64 MiB");
            }
            if (shutdownGraceSeconds < 0 || shutdownGraceSeconds > 600) {
                throw new IllegalArgumentException("server.shutdownGraceSeconds must be 0-600");
            }
            if (workerThreads < 1 || workerThreads > 256) {
                throw new IllegalArgumentException("server.workerThreads must be 1-256");
            }
        }
    }

    public enum StoreType {
        MEMORY,
        REDIS;

        static StoreType parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Where state lives: this JVM (embedded default) or a shared Redis. */
    public record StoreSettings(StoreType type, String redisUrl, String namespace, int maxConnections) {
        public StoreSettings {
            Objects.requireNonNull(type, "store.type (memory or redis) is required");
            if (type == StoreType.REDIS && (redisUrl == null || !redisUrl.matches("rediss?://.+"))) {
                throw new IllegalArgumentException("store.redisUrl must be redis://host:port when store.type is redis");
            }
            if (namespace == null || !namespace.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("store.namespace must be 1-64 characters of [A-Za-z0-9._-]");
            }
            if (maxConnections < 1 || maxConnections > 1024) {
                throw new IllegalArgumentException("store.maxConnections must be 1-1024");
            }
        }
    }

    /** Agent and supervisor accounts and their sessions. */
    public record AuthSettings(int sessionTtlMinutes, List<Account> accounts) {
        public AuthSettings {
            if (sessionTtlMinutes < 1 || sessionTtlMinutes > 7 * 24 * 60) {
                throw new IllegalArgumentException("auth.sessionTtlMinutes must be 1-10080");
            }
            accounts = accounts == null ? List.of() : List.copyOf(accounts);
            long distinct = accounts.stream().map(Account::id).distinct().count();
            if (distinct != accounts.size()) {
                throw new IllegalArgumentException("auth.accounts has duplicate ids");
            }
        }
    }

    public enum Role {
        AGENT,
        SUPERVISOR
    }

    /**
     * One agent or supervisor. {@code passwordHash} is a PBKDF2 hash made by {@code bin/concierge hash-password};
     * plain passwords never appear in configuration.
     */
    public record Account(String id, String name, Role role, String team, List<String> skills,
            List<String> languages, int chatCapacity, String passwordHash) {
        public Account {
            if (id == null || !id.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("auth.accounts[].id must be 1-64 characters of [A-Za-z0-9._@-]");
            }
            name = name == null || name.isBlank() ? id : name;
            role = role == null ? Role.AGENT : role;
            team = team == null || team.isBlank() ? "general" : team;
            skills = skills == null ? List.of() : List.copyOf(skills);
            languages = languages == null || languages.isEmpty() ? List.of("zh", "en") : List.copyOf(languages);
            if (chatCapacity < 0 || chatCapacity > 100) {
                throw new IllegalArgumentException("auth.accounts[" + id + "].chatCapacity must be 0-100");
            }
            if (chatCapacity == 0) {
                chatCapacity = 3;
            }
            if (passwordHash == null || !passwordHash.startsWith("pbkdf2-sha256$")) {
                throw new IllegalArgumentException("auth.accounts[" + id
                        + "].passwordHash must be a pbkdf2-sha256 hash (bin/concierge hash-password)");
            }
        }
    }

    /** The shopper web chat. */
    public record ChatSettings(int maxTextChars, int historyOnResume) {
        public ChatSettings {
            if (maxTextChars < 1 || maxTextChars > 32_000) {
                throw new IllegalArgumentException("chat.maxTextChars must be 1-32000");
            }
            if (historyOnResume < 0 || historyOnResume > 1000) {
                throw new IllegalArgumentException("chat.historyOnResume must be 0-1000");
            }
        }
    }
}
