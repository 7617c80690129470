package dev.concierge.server.web;

import java.util.Locale;
import java.util.Optional;

/** Validation of an uploaded image: its type from its magic bytes (never from the client), a safe file name. */
final class ImageUpload {
    private ImageUpload() {
    }

    /** The image's content type, or empty when the bytes are not a JPEG, PNG, GIF or WebP image. */
    static Optional<String> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (startsWith(b, new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of("image/png");
        }
        if (startsWith(b, new int[] {'G', 'I', 'F', '8', '7', 'a'}) || startsWith(b, new int[] {'G', 'I', 'F', '8', '9', 'a'})) {
            return Optional.of("image/gif");
        }
        if (b.length >= 12 && startsWith(b, new int[] {'R', 'I', 'F', 'F'}) && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /**
     * The last path segment of the client's name, reduced to {@code [A-Za-z0-9._-]}, without leading dots, at most
     * 100 characters, with the extension of the sniffed type: never a path, never hidden, never misleading.
     */
    static String safeName(String given, String contentType) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot >= 0 ? name.substring(0, dot) : name;
        if (stem.isEmpty() && dot == 0) {
            stem = name.substring(1);
        }
        stem = stem.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._-]+", "");
        if (!stem.matches(".*[A-Za-z0-9].*")) {
            stem = "photo";
        }
        if (stem.length() > 90) {
            stem = stem.substring(0, 90);
        }
        String ext = switch (contentType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            default -> "webp";
        };
        return stem + "." + ext;
    }

    private static boolean startsWith(byte[] b, int[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
