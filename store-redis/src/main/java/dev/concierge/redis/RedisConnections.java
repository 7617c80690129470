package dev.concierge.redis;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Builds the pooled Jedis client from a redis:// URL. The only place that knows how we connect. */
public final class RedisConnections {
    private RedisConnections() {
    }

    public static UnifiedJedis open(String url, int maxConnections, Duration timeout) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("redis url must start with redis:// or rediss://: " + url);
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis((int) timeout.toMillis())
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("concierge");
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            } else {
                config.password(userInfo);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        JedisClientConfig clientConfig = config.build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(Math.min(2, maxConnections));
        pool.setMaxWait(timeout);
        pool.setTestWhileIdle(true);
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), port))
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }
}
