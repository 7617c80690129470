package dev.concierge.core.attachment;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * File names that come from outside (an e-mail part, an upload) as we keep and show them: the last path segment, in
 * letters (any script), digits, space, dot, underscore and hyphen only, no leading dot, at most 100 characters,
 * the extension kept. So a name is never a path ("../../etc/passwd" is "passwd"), never hidden, and can go in a
 * header or a page without quotes, semicolons or line breaks to break out of it.
 */
public final class FileNames {
    private static final int MAX = 100;

    private FileNames() {
    }

    /** The safe form of {@code given}; {@code "file"} when nothing usable is left. */
    public static String safe(String given) {
        String name = given == null ? "" : Normalizer.normalize(given, Normalizer.Form.NFKC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> kept.appendCodePoint(Character.isLetterOrDigit(c) || c == '.' || c == '_'
                || c == '-' || c == ' ' ? c : '_'));
        String cleaned = kept.toString().replaceAll("^[. _-]+", "").replaceAll("[ ]+", " ").strip();
        int dot = cleaned.lastIndexOf('.');
        String stem = dot > 0 ? cleaned.substring(0, dot) : cleaned;
        String ext = dot > 0 ? cleaned.substring(dot + 1) : "";
        if (!ext.matches("[A-Za-z0-9]{1,8}")) {
            stem = cleaned;
            ext = "";
        }
        if (stem.codePoints().noneMatch(Character::isLetterOrDigit)) {
            stem = "file";
        }
        int room = MAX - (ext.isEmpty() ? 0 : ext.length() + 1);
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, room));
        }
        return ext.isEmpty() ? stem : stem + "." + ext.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A {@code Content-Disposition} value for {@code name} (made safe first): an ASCII {@code filename} for old
     * clients and the exact name as RFC 5987 {@code filename*}.
     */
    public static String contentDisposition(String disposition, String name) {
        String safe = safe(name);
        String ascii = safe.replaceAll("[^\\x20-\\x7e]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte b : safe.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '.' || c == '_' || c == '-') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return disposition + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
