package dev.concierge.channel.sms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Sizes SMS bodies: detects GSM-7 vs UCS-2, counts segments the way handsets do (an extension character or a
 * surrogate pair is never split across segments), and fits long answers into a bounded number of segments.
 */
public final class SmsSizer {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";
    /** The two alphabets as sets of chars: replies are sized per character, often several times over. */
    private static final BitSet BASIC = charSet(GSM_BASIC);
    private static final BitSet EXTENSION = charSet(GSM_EXTENSION);

    private SmsSizer() {
    }

    private static BitSet charSet(String chars) {
        BitSet set = new BitSet();
        chars.chars().forEach(set::set);
        return set;
    }

    /** The result of fitting a reply. */
    public record Fit(String body, SmsEncoding encoding, int segments, boolean shortened) {
    }

    public static SmsEncoding encodingOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!BASIC.get(c) && !EXTENSION.get(c)) {
                return SmsEncoding.UCS_2;
            }
        }
        return SmsEncoding.GSM_7;
    }

    /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
    public static int units(String text) {
        SmsEncoding enc = encodingOf(text);
        if (enc == SmsEncoding.UCS_2) {
            return text.length();
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += EXTENSION.get(text.charAt(i)) ? 2 : 1;
        }
        return n;
    }

    public static int segmentCount(String text) {
        return split(text).size();
    }

    /** The text as the segments a handset would receive. */
    public static List<String> split(String text) {
        SmsEncoding enc = encodingOf(text);
        if (units(text) <= enc.singleSegmentUnits()) {
            return List.of(text);
        }
        int perSegment = enc.multipartSegmentUnits();
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            int cost = enc == SmsEncoding.UCS_2 ? len : (EXTENSION.get(cp) ? 2 : 1);
            if (used + cost > perSegment) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += cost;
            i += len;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /**
     * Fits a reply into {@code maxSegments}: the full text if it fits, else the caller's short answer if that
     * fits, else the shorter of the two cut at a sentence (or else word) boundary with an ellipsis.
     */
    public static Fit fit(String full, String shortAnswer, int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("maxSegments must be >= 1");
        }
        String text = normaliseWhitespace(full);
        if (segmentCount(text) <= maxSegments) {
            return new Fit(text, encodingOf(text), segmentCount(text), false);
        }
        String shortText = shortAnswer == null ? "" : normaliseWhitespace(shortAnswer);
        if (!shortText.isBlank() && segmentCount(shortText) <= maxSegments) {
            return new Fit(shortText, encodingOf(shortText), segmentCount(shortText), true);
        }
        String source = shortText.isBlank() ? text : shortText;
        String cut = truncate(source, maxSegments);
        return new Fit(cut, encodingOf(cut), segmentCount(cut), true);
    }

    private static String truncate(String text, int maxSegments) {
        String ellipsis = encodingOf(text) == SmsEncoding.GSM_7 ? "..." : "…";
        int[] cps = text.codePoints().toArray();
        int lo = 0;
        int hi = cps.length;
        while (lo < hi) { // longest prefix (in code points) that fits with the ellipsis
            int mid = (lo + hi + 1) >>> 1;
            if (segmentCount(new String(cps, 0, mid) + ellipsis) <= maxSegments) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        String prefix = new String(cps, 0, lo);
        int sentence = lastSentenceEnd(prefix);
        if (sentence >= prefix.length() / 2) {
            return prefix.substring(0, sentence).strip(); // a whole sentence needs no ellipsis
        }
        int space = prefix.lastIndexOf(' ');
        if (space >= prefix.length() / 2) {
            prefix = prefix.substring(0, space);
        }
        return prefix.stripTrailing() + ellipsis;
    }

    /** Index just after the last sentence end in the text, or -1. */
    private static int lastSentenceEnd(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '。' || c == '！' || c == '？' || c == '；' || c == '\n') {
                return i + 1;
            }
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == s.length() || s.charAt(i + 1) == ' ')) {
                return i + 1;
            }
        }
        return -1;
    }

    private static String normaliseWhitespace(String s) {
        return s == null ? "" : s.replace("\r\n", "\n").replaceAll("[ \\t]+", " ").replaceAll("\n{3,}", "\n\n").strip();
    }
}
