package dev.concierge.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that the percent-escaped bytes of a raw URL part decode as UTF-8. */
final class PercentEscapes {
    private PercentEscapes() {
    }

    /**
     * Whether every run of consecutive {@code %XX} escapes in {@code raw} is well-formed UTF-8. A character that is
     * not escaped ends a run: a multi-byte sequence split by one is malformed. Escapes that are not two hex digits
     * ("%ZZ") are not judged here: the router refuses them already. Null and text without '%' pass.
     */
    static boolean areUtf8(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        byte[] run = new byte[raw.length() / 3 + 1];
        int size = 0;
        int i = 0;
        while (i < raw.length()) {
            int high = i + 2 < raw.length() && raw.charAt(i) == '%' ? hex(raw.charAt(i + 1)) : -1;
            int low = high >= 0 ? hex(raw.charAt(i + 2)) : -1;
            if (low >= 0) {
                run[size++] = (byte) (high << 4 | low);
                i += 3;
                continue;
            }
            if (size > 0 && !utf8(run, size)) {
                return false;
            }
            size = 0;
            i++;
        }
        return size == 0 || utf8(run, size);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean utf8(byte[] bytes, int length) {
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
