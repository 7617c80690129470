package dev.concierge.channel.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Carrier compliance keywords. They are answered by the channel itself and never reach the bot or an agent.
 * Only a message that is exactly the keyword counts ("stop" yes, "stop sending me the wrong size" no), once
 * normalised: full-width forms folded (NFKC), surrounding whitespace, trailing punctuation and surrounding
 * quotes removed, case ignored ("Stop.", " stop ", "ＳＴＯＰ！", "退订。", "“订阅”" are keywords).
 */
public enum SmsKeyword {
    STOP(Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "退订", "TD", "T", "取消订阅")),
    START(Set.of("START", "UNSTOP", "SUBSCRIBE", "YES", "订阅")),
    HELP(Set.of("HELP", "INFO", "帮助"));

    /** Whitespace (no-break spaces too), invisible format characters, opening quotes and brackets. */
    private static final Pattern LEADING = Pattern.compile("^[\\s\\p{Z}\\p{Cf}\\p{Pi}\\p{Ps}\"']+");
    /** Whitespace, format characters, any punctuation (ASCII or not: "…", "～", closing quotes) and ASCII symbols. */
    private static final Pattern TRAILING = Pattern.compile("[\\s\\p{Z}\\p{Cf}\\p{P}\\p{Punct}]+$");
    /**
     * Opt-out keywords that are also everyday words a shopper uses mid-dialogue ("cancel" an order, "end" the chat;
     * "T", "TD" are short enough to be typed as anything). Carriers treat them as opt-outs (Twilio does so itself
     * for US numbers), so we do too, but the confirmation says that nothing else was done.
     */
    private static final Set<String> EVERYDAY_WORDS = Set.of("CANCEL", "END", "QUIT", "T", "TD");
    /** Longer messages are sentences, never a keyword (and are not scanned). */
    private static final int MAX_KEYWORD_MESSAGE = 40;

    private final Set<String> words;

    SmsKeyword(Set<String> words) {
        this.words = words;
    }

    /** Keywords that are also ordinary answers to the bot ("yes"): a keyword only for opted-out numbers. */
    public static boolean isConversational(String body) {
        return "YES".equals(normalise(body));
    }

    static String normalise(String body) {
        if (body.length() > MAX_KEYWORD_MESSAGE) {
            return "";
        }
        String folded = Normalizer.normalize(body, Normalizer.Form.NFKC);
        String trimmed = TRAILING.matcher(LEADING.matcher(folded).replaceFirst("")).replaceFirst("");
        return trimmed.toUpperCase(Locale.ROOT);
    }

    /** Whether the message is an opt-out keyword that is also an everyday word ("cancel", "end", "quit", "T"). */
    static boolean isEverydayWord(String body) {
        return EVERYDAY_WORDS.contains(normalise(body));
    }

    /** Whether the keyword is a Chinese one: written in Chinese, or a Chinese carriers' code ("TD", "T"). */
    static boolean isChinese(String body) {
        String w = normalise(body);
        return w.equals("TD") || w.equals("T") || w.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HAN);
    }

    public static Optional<SmsKeyword> of(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String w = normalise(body);
        for (SmsKeyword k : values()) {
            if (k.words.contains(w)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
