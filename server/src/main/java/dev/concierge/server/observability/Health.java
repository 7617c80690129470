package dev.concierge.server.observability;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Readiness: the node takes traffic only while it is not draining and its store answers. The store check is
 * blocking (a Redis PING), so it runs on a worker thread.
 */
public final class Health {
    private final Vertx vertx;
    private final String storeName;
    private final BooleanSupplier storeAnswers;
    private final AtomicBoolean draining = new AtomicBoolean();

    public Health(Vertx vertx, String storeName, BooleanSupplier storeAnswers) {
        this.vertx = vertx;
        this.storeName = storeName;
        this.storeAnswers = storeAnswers;
    }

    public void startDraining() {
        draining.set(true);
    }

    public boolean isDraining() {
        return draining.get();
    }

    public Future<Status> check() {
        if (draining.get()) {
            return Future.succeededFuture(Status.down("draining"));
        }
        return vertx.executeBlocking(() -> {
            boolean up;
            try {
                up = storeAnswers.getAsBoolean();
            } catch (RuntimeException e) {
                up = false;
            }
            return up ? new Status(true, "ready", storeName, true) : new Status(false, "store unavailable", storeName,
                    false);
        }, false);
    }

    /** What {@code /health/ready} reports. */
    public record Status(boolean up, String detail, String store, boolean storeUp) {
        public static Status down(String detail) {
            return new Status(false, detail, "", false);
        }

        public Map<String, Object> toWire() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", up ? "UP" : "DOWN");
            out.put("detail", detail);
            if (!store.isEmpty()) {
                out.put("store", Map.of("type", store, "status", storeUp ? "UP" : "DOWN"));
            }
            return out;
        }
    }
}
