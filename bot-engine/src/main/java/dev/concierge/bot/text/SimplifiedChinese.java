package dev.concierge.bot.text;

import com.ibm.icu.text.Transliterator;

/**
 * Traditional Chinese characters in their Simplified forms ("有人盜用我的帳戶" → "有人盗用我的帐户"), so that a shopper
 * from Hong Kong or Taiwan is understood by intent data, knowledge base and word lists written in Simplified Chinese.
 * "盜用我的帳戶" was not read as account theft and "退貨運費誰出" not as a returns question.
 *
 * <p>The mapping is ICU's Traditional-Simplified transform, taken character by character into a table when the class
 * loads (about 70 ms): the transform itself costs about 30 µs a message, the table a lookup per character. Characters
 * whose Simplified form lies outside the Basic Multilingual Plane (a few rare ones) are left as they are. Thread-safe.
 */
public final class SimplifiedChinese {
    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9FFF';
    /** Simplified form per character from {@link #FIRST} to {@link #LAST}; 0 where the character stays. */
    private static final char[] TABLE = table();

    private SimplifiedChinese() {
    }

    /** {@code text} with every Traditional character simplified; the same instance when there is none. */
    public static String of(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST && TABLE[c - FIRST] != 0) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = TABLE[c - FIRST];
            }
        }
        return out == null ? text : new String(out);
    }

    /** The Simplified form of {@code c}, or 0 when {@link #of} leaves it as it is. */
    static char simplifiedOf(char c) {
        return c >= FIRST && c <= LAST ? TABLE[c - FIRST] : 0;
    }

    private static char[] table() {
        Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
        char[] table = new char[LAST - FIRST + 1];
        for (char c = FIRST; c <= LAST; c++) {
            String simplified = toSimplified.transliterate(String.valueOf(c));
            if (simplified.length() == 1 && simplified.charAt(0) != c) {
                table[c - FIRST] = simplified.charAt(0);
            }
        }
        return table;
    }
}
