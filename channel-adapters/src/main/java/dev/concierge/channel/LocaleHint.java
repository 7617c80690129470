package dev.concierge.channel;

/** A cheap first guess at the customer's language; the bot's language detection has the final word. */
public final class LocaleHint {
    private LocaleHint() {
    }

    /** "zh" when the text has Han characters, else "" (unknown). */
    public static String of(String text) {
        return text != null && text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                ? "zh" : "";
    }
}
