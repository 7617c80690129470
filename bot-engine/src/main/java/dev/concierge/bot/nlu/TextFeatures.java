package dev.concierge.bot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns a message into tokens and lexical feature strings.
 *
 * <p>Normalisation: Unicode NFKC (full-width letters and digits become ASCII), lower case, apostrophes
 * dropped ("don't" → "dont"). Tokens are runs of Han characters, runs of letters, or runs of digits;
 * anything else separates them. Numbers become {@code #num} (up to 4 digits) or {@code #id} (longer, or
 * letters mixed with digits, e.g. order numbers), so "order 123456" and "order 998877" look alike.
 * English words get a light plural/suffix strip ("orders" → "order").
 *
 * <p>Chinese is not segmented into words: Han runs produce character n-grams, which measured better than
 * a dictionary segmenter on short shopper messages and need no dictionary (see docs/nlu.md).
 *
 * <p>Stateless and thread-safe.
 */
final class TextFeatures {

    enum Kind { HAN, WORD, NUMBER }

    record Token(String text, Kind kind) {
    }

    private final Profile profile;

    TextFeatures(Profile profile) {
        this.profile = profile;
    }

    static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return s.replace("'", "").replace("’", "");
    }

    static List<Token> tokenize(String text) {
        String s = normalize(text);
        List<Token> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isHan(cp)) {
                int start = i;
                while (i < n && isHan(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                out.add(new Token(s.substring(start, i), Kind.HAN));
            } else if (Character.isLetterOrDigit(cp)) {
                int start = i;
                boolean digits = false;
                boolean letters = false;
                while (i < n) {
                    int c = s.codePointAt(i);
                    if (isHan(c) || !Character.isLetterOrDigit(c)) {
                        break;
                    }
                    if (Character.isDigit(c)) {
                        digits = true;
                    } else {
                        letters = true;
                    }
                    i += Character.charCount(c);
                }
                String raw = s.substring(start, i);
                if (!digits) {
                    out.add(new Token(stem(raw), Kind.WORD));
                } else if (!letters && raw.length() <= 4) {
                    out.add(new Token("#num", Kind.NUMBER));
                } else if (letters && raw.length() <= 3) {
                    // short letter+digit tokens are product names or sizes ("5g", "xl2"), keep them
                    out.add(new Token(raw, Kind.WORD));
                } else {
                    out.add(new Token("#id", Kind.NUMBER));
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** A deliberately light English suffix strip; character n-grams cover the rest of morphology. */
    static String stem(String w) {
        int n = w.length();
        if (n <= 3 || !isAsciiLetters(w)) {
            return w;
        }
        if (w.endsWith("ies") && n > 4) {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("sses")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    private static boolean isAsciiLetters(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    static boolean isHan(int cp) {
        // no Han character below U+2E80: skip the script lookup for Latin text
        return cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** Emits every feature string of the text (duplicates included: the caller counts them). */
    void features(String text, Consumer<String> sink) {
        List<Token> tokens = tokenize(text);
        boolean rich = profile.richLexical();
        String prev = "<s>";
        for (Token t : tokens) {
            switch (t.kind()) {
                case HAN -> {
                    String h = t.text();
                    int len = h.length();
                    for (int i = 0; i < len; i++) {
                        sink.accept("h1:" + h.charAt(i));
                        if (i + 1 < len) {
                            sink.accept("h2:" + h.substring(i, i + 2));
                        }
                        if (rich && i + 2 < len) {
                            sink.accept("h3:" + h.substring(i, i + 3));
                        }
                    }
                    prev = "<han>";
                }
                case WORD, NUMBER -> {
                    String w = t.text();
                    sink.accept("w:" + w);
                    sink.accept("b:" + prev + "_" + w);
                    if (rich && t.kind() == Kind.WORD) {
                        charGrams(w, sink);
                    }
                    prev = w;
                }
            }
        }
        if (!prev.equals("<s>") && !prev.equals("<han>")) {
            sink.accept("b:" + prev + "_</s>");
        }
    }

    private static void charGrams(String w, Consumer<String> sink) {
        String padded = "<" + w + ">";
        int len = padded.length();
        for (int n = 3; n <= 5; n++) {
            for (int i = 0; i + n <= len; i++) {
                if (n == len) {
                    continue; // the whole word is already a feature
                }
                sink.accept("c:" + padded.substring(i, i + n));
            }
        }
    }
}
