package dev.concierge.server.http;

import dev.concierge.channel.FormFields;
import dev.concierge.channel.MalformedInputException;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;

/** Request bodies as text: UTF-8, decoded strictly, so that invalid bytes are refused rather than replaced. */
final class Bodies {
    private Bodies() {
    }

    /**
     * @return the body, or null when there is none
     * @throws BadRequestException {@code invalid_encoding} when the body is not valid UTF-8
     */
    static String utf8(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null) {
            return null;
        }
        try {
            return FormFields.strictUtf8(ByteBuffer.wrap(ctx.body().buffer().getBytes()));
        } catch (MalformedInputException e) {
            throw new BadRequestException("invalid_encoding", "the request body must be UTF-8");
        }
    }
}
