package dev.concierge.channel;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An application/x-www-form-urlencoded body, decoded strictly: malformed percent escapes or invalid UTF-8 are
 * an error (the caller answers 400), never silently replaced.
 */
public final class FormFields {
    private final Map<String, List<String>> fields;

    private FormFields(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** The form of a webhook request: its raw body when it has one, else the server's decoded fields. */
    public static FormFields of(WebhookRequest request) throws MalformedInputException {
        if (request.bodyLength() > 0) {
            String mt = request.mediaType();
            if (!mt.isEmpty() && !mt.equals("application/x-www-form-urlencoded")) {
                throw new MalformedInputException("expected application/x-www-form-urlencoded, got " + mt);
            }
            return parse(request.body());
        }
        return new FormFields(new TreeMap<>(request.formParams()));
    }

    public static FormFields parse(byte[] body) throws MalformedInputException {
        Map<String, List<String>> out = new TreeMap<>();
        String ascii = new String(body, StandardCharsets.ISO_8859_1);
        if (ascii.isEmpty()) {
            return new FormFields(out);
        }
        for (String pair : ascii.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new FormFields(out);
    }

    private static String decode(String s) throws MalformedInputException {
        ByteBuffer bytes = ByteBuffer.allocate(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new MalformedInputException("truncated percent escape in form body");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedInputException("bad percent escape in form body");
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        return strictUtf8(bytes);
    }

    /** Decodes UTF-8 and rejects invalid sequences. */
    public static String strictUtf8(ByteBuffer bytes) throws MalformedInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedInputException("invalid UTF-8 in form body");
        }
    }

    public Optional<String> first(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public String firstOrEmpty(String name) {
        return first(name).orElse("");
    }

    public Map<String, List<String>> asMap() {
        return java.util.Collections.unmodifiableMap(fields);
    }
}
