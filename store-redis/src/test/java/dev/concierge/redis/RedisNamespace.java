package dev.concierge.redis;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * A JUnit extension giving each test a client to the real test Redis and a fresh key namespace, deleted
 * afterwards; skips (or, under {@code CI=true}, fails) like {@link RedisTestSupport#connectOrSkip()}. Register it
 * with {@code @RegisterExtension}; it runs before the test class's own {@code @BeforeEach} methods.
 */
public final class RedisNamespace implements BeforeEachCallback, AfterEachCallback {
    private final String prefix;
    private UnifiedJedis client;
    private String namespace;

    public RedisNamespace(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client = RedisTestSupport.connectOrSkip();
        namespace = RedisTestSupport.uniqueNamespace(prefix);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (client != null) {
            RedisTestSupport.deleteNamespace(client, namespace);
            client.close();
            client = null;
        }
    }

    public UnifiedJedis client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public RedisKeys keys() {
        return new RedisKeys(namespace);
    }
}
