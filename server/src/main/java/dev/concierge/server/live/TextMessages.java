package dev.concierge.server.live;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Assembles a socket's text messages from its frames (a message may come in fragments) and decodes them strictly
 * as UTF-8. Vert.x's own text handler replaces invalid bytes with U+FFFD, so a client's broken encoding would be
 * stored as if the shopper had typed it; RFC 6455 §8.1 says to fail the connection instead: close code 1007. A
 * message past {@code maxMessageBytes} closes the socket with 1009, whether it came whole or in fragments. Binary
 * messages are not read: the endpoint is told once per message.
 *
 * <p>Install with {@link ServerWebSocket#frameHandler}, and no text or binary message handler; one instance per
 * socket, called on that socket's context.
 */
public final class TextMessages implements Handler<WebSocketFrame> {
    private final ServerWebSocket ws;
    private final int maxMessageBytes;
    private final Handler<String> onText;
    private final Runnable onBinary;
    /** The open fragmented text message, or null. */
    private Buffer text;
    /** Bytes of the open fragmented binary message, or -1 when none is open. */
    private long binaryBytes = -1;

    public TextMessages(ServerWebSocket ws, int maxMessageBytes, Handler<String> onText, Runnable onBinary) {
        this.ws = ws;
        this.maxMessageBytes = maxMessageBytes;
        this.onText = onText;
        this.onBinary = onBinary;
    }

    @Override
    public void handle(WebSocketFrame frame) {
        if (ws.isClosed()) {
            return;
        }
        if (frame.isText()) {
            text = frame.binaryData().copy();
            textFrame(frame.isFinal());
        } else if (frame.isBinary()) {
            binaryBytes = 0;
            binaryFrame(frame);
        } else if (frame.isContinuation()) {
            if (text != null) {
                text.appendBuffer(frame.binaryData());
                textFrame(frame.isFinal());
            } else if (binaryBytes >= 0) {
                binaryFrame(frame);
            }
        }
    }

    private void textFrame(boolean last) {
        if (text.length() > maxMessageBytes) {
            text = null;
            ws.close((short) 1009, "message too large");
            return;
        }
        if (!last) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes());
        text = null;
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            ws.close((short) 1007, "text frames must be UTF-8");
            return;
        }
        onText.handle(decoded);
    }

    private void binaryFrame(WebSocketFrame frame) {
        binaryBytes += frame.binaryData().length();
        if (binaryBytes > maxMessageBytes) {
            binaryBytes = -1;
            ws.close((short) 1009, "message too large");
            return;
        }
        if (frame.isFinal()) {
            binaryBytes = -1;
            onBinary.run();
        }
    }
}
