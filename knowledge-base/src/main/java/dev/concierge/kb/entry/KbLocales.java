package dev.concierge.kb.entry;

import java.util.List;
import java.util.Locale;

/** The locales a knowledge base can hold, and the language guess used when a caller gives none. */
public final class KbLocales {
    public static final String ZH = "zh";
    public static final String EN = "en";
    /** Supported locale codes, in the order they are written to files. */
    public static final List<String> SUPPORTED = List.of(ZH, EN);

    private KbLocales() {
    }

    public static boolean isSupported(String locale) {
        return locale != null && SUPPORTED.contains(locale);
    }

    /**
     * Normalises a caller's locale ({@code zh-CN}, {@code en_US}, {@code ZH}) to a supported code,
     * or detects it from the text when the locale is null, blank or unsupported.
     */
    public static String resolve(String locale, String text) {
        if (locale != null && !locale.isBlank()) {
            String lang = locale.trim().toLowerCase(Locale.ROOT);
            int cut = lang.indexOf('-') >= 0 ? lang.indexOf('-') : lang.indexOf('_');
            if (cut > 0) {
                lang = lang.substring(0, cut);
            }
            if (isSupported(lang)) {
                return lang;
            }
        }
        return detect(text);
    }

    /** Chinese when at least one Han character is present (shoppers mix in Latin product names), else English. */
    public static String detect(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    return ZH;
                }
                i += Character.charCount(cp);
            }
        }
        return EN;
    }
}
