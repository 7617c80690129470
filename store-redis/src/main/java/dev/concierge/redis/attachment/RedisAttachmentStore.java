package dev.concierge.redis.attachment;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * Attachment bytes as a binary hash {name, type, data, uploader?}, shared by every node; a customer's uploads are
 * also listed in a set per customer, so that erasing the customer finds the ones never sent.
 */
public final class RedisAttachmentStore implements AttachmentStore {
    private static final byte[] NAME = bytes("name");
    private static final byte[] TYPE = bytes("type");
    private static final byte[] DATA = bytes("data");
    private static final byte[] UPLOADER = bytes("uploader");

    private final UnifiedJedis redis;
    private final RedisKeys keys;

    public RedisAttachmentStore(UnifiedJedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public String put(StoredFile file) {
        String reference = "att-" + UUID.randomUUID();
        Map<byte[], byte[]> fields = new HashMap<>(Map.of(NAME, bytes(file.name()), TYPE, bytes(file.contentType()),
                DATA, file.content()));
        if (file.uploader() != null) {
            fields.put(UPLOADER, bytes(file.uploader().value()));
            // listed before it is stored: a failure in between leaves a reference to nothing, never a file
            // that erasure cannot find
            guard(() -> redis.sadd(keys.uploadsOf(file.uploader()), reference));
        }
        guard(() -> redis.hset(bytes(keys.attachment(reference)), fields));
        return reference;
    }

    @Override
    public Optional<StoredFile> get(String reference) {
        List<byte[]> fields = guard(() -> redis.hmget(bytes(keys.attachment(reference)), NAME, TYPE, DATA, UPLOADER));
        if (fields == null || fields.get(2) == null) {
            return Optional.empty();
        }
        // a file stored before uploads recorded their uploader has none: no customer may send it
        return Optional.of(new StoredFile(text(fields.get(0)), text(fields.get(1)), fields.get(2),
                fields.get(3) == null ? null : new CustomerId(text(fields.get(3)))));
    }

    @Override
    public void delete(String reference) {
        byte[] uploader = guard(() -> redis.hget(bytes(keys.attachment(reference)), UPLOADER));
        guard(() -> redis.del(keys.attachment(reference)));
        if (uploader != null) {
            guard(() -> redis.srem(keys.uploadsOf(new CustomerId(text(uploader))), reference));
        }
    }

    @Override
    public int deleteUploadsOf(CustomerId customer) {
        String index = keys.uploadsOf(customer);
        int deleted = 0;
        // one key at a time: attachment keys are in different cluster slots
        for (String reference : guard(() -> redis.smembers(index))) {
            deleted += guard(() -> redis.del(keys.attachment(reference))).intValue();
        }
        guard(() -> redis.del(index));
        return deleted;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
