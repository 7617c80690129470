package dev.concierge.bot.language;

/**
 * Decides whether a shopper's message is Chinese ("zh") or English ("en").
 *
 * <p>Shoppers mix scripts ("iPhone 15 有货吗", "订单 SO20231122001 到哪了", "where is my 快递"), paste order
 * numbers and write digits-only replies. The rule: count Han characters against Latin-script words,
 * ignoring digits, punctuation and tokens that look like identifiers (letters mixed with digits).
 * A Chinese sentence carries its meaning in few characters, so one Han character weighs as much as one
 * English word. Text with neither (digits, emoji, "???") gets the configured fallback language.
 *
 * <p>Immutable and thread-safe.
 */
public final class LanguageDetector {

    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";

    private final String fallback;

    /** A detector that answers "en" when a message has no letters at all. */
    public LanguageDetector() {
        this(ENGLISH);
    }

    /** @param fallback language for messages without Han characters or Latin words: "zh" or "en" */
    public LanguageDetector(String fallback) {
        if (!CHINESE.equals(fallback) && !ENGLISH.equals(fallback)) {
            throw new IllegalArgumentException("fallback must be \"zh\" or \"en\", got " + fallback);
        }
        this.fallback = fallback;
    }

    /** @return "zh" or "en"; never null (null or blank text gets the fallback) */
    public String detect(String text) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        int han = 0;
        int latinWords = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) {
                han++;
                i += Character.charCount(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                // a run of letters/digits: a word, a number or an identifier such as an order number
                boolean letters = false;
                boolean digits = false;
                int start = i;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (isHan(c) || !(Character.isLetterOrDigit(c) || c == '\'')) {
                        break;
                    }
                    if (Character.isDigit(c)) {
                        digits = true;
                    } else if (Character.isLetter(c)) {
                        letters = true;
                    }
                    i += Character.charCount(c);
                }
                if (letters && !digits && i - start >= 2) {
                    latinWords++;
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        if (han == 0 && latinWords == 0) {
            return fallback;
        }
        return han >= latinWords ? CHINESE : ENGLISH;
    }

    /** CJK unified ideographs (basic, extension A and the compatibility block). */
    static boolean isHan(int cp) {
        // no Han character below U+2E80: skip the script lookup for Latin text
        return cp >= 0x2E80 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }
}
