package dev.concierge.redis;

import static org.junit.jupiter.api.Assumptions.abort;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Connects integration tests to the real Redis at {@code REDIS_URL} (default redis://127.0.0.1:6379). Each test
 * class works under its own key namespace and removes it afterwards. Without Redis a developer's run skips with
 * a visible message; under {@code CI=true} it fails instead, because in CI nothing may skip.
 */
public final class RedisTestSupport {
    private RedisTestSupport() {
    }

    public static String url() {
        String url = System.getenv("REDIS_URL");
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
    }

    /** A client to the test Redis; aborts (skips) or fails the test when Redis is unreachable. */
    public static UnifiedJedis connectOrSkip() {
        UnifiedJedis redis = null;
        try {
            redis = RedisConnections.open(url(), 16, Duration.ofSeconds(2));
            redis.ping();
            return redis;
        } catch (RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            String message = "Redis not reachable at " + url() + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + ": under CI=true Redis tests must run");
            }
            System.err.println("SKIPPING Redis test: " + message);
            abort(message);
            throw new AssertionError("unreachable");
        }
    }

    /** A namespace no other test run uses. */
    public static String uniqueNamespace(String what) {
        return "test-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Deletes every key of the namespace with SCAN (never KEYS). */
    public static void deleteNamespace(UnifiedJedis redis, String namespace) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(namespace + ":*").count(500);
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                for (String key : page.getResult()) {
                    redis.del(key);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
