package dev.concierge.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client that writes frames byte by byte, for what well-behaved clients (the JDK's) refuse to send:
 * invalid UTF-8 in text frames, fragments split inside a character. Reads until the server's close frame.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 1;
    static final int CONTINUATION = 0;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    RawWebSocket(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        String key = Base64.getEncoder().encodeToString("concierge-raw-ws".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String status = readHeaders(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One masked client frame (payloads under 64 KiB). */
    void frame(int opcode, boolean fin, byte[] payload) throws IOException {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The server's next text frame, skipping nothing: the caller knows what comes. */
    String readText() throws IOException {
        Frame f = read();
        if (f.opcode != TEXT) {
            throw new IOException("expected a text frame, got opcode " + f.opcode);
        }
        return new String(f.payload, StandardCharsets.UTF_8);
    }

    /** Reads frames until the close frame and returns its status code. */
    int awaitClose() throws IOException {
        while (true) {
            Frame f = read();
            if (f.opcode == 8) {
                return f.payload.length >= 2 ? ((f.payload[0] & 0xff) << 8) | (f.payload[1] & 0xff) : 1005;
            }
        }
    }

    private record Frame(int opcode, byte[] payload) { }

    private Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
