package dev.concierge.core.privacy;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it reaches logs, exports or analytics: email addresses, mobile and
 * landline phone numbers, Chinese resident ID numbers and bank-card numbers (digit runs that pass the Luhn check,
 * and UnionPay's 62… numbers of 16-19 digits, so that other order numbers stay readable). Full-width digits, letters
 * and signs, as Chinese input methods type them ("１３８…", "ｚｈａｎｇ＠ｑｑ．ｃｏｍ"), count as their ASCII forms; a
 * masked span comes out in ASCII, the rest of the text as it was. Stateless and thread-safe.
 */
public final class PersonalDataMasker {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
    /**
     * 18-digit resident ID (the last character may be X), also written in its usual 6-8-4 groups ("110105 19491231
     * 002X", with spaces or dashes).
     */
    private static final Pattern ID_CARD = Pattern.compile(
            "(?<![0-9])([1-9][0-9]{5}[ \\-]?(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[ \\-]?"
                    + "[0-9]{3}[0-9Xx])(?![0-9])");
    /** Card numbers: 13-19 digits, optionally grouped by spaces or dashes. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9])([0-9](?:[ \\-]?[0-9]){12,18})(?![0-9])");
    /** Mainland mobile numbers and international E.164-style numbers. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9])(?:\\+?86[ \\-]?)?1[3-9][0-9][ \\-]?[0-9]{4}[ \\-]?[0-9]{4}(?![0-9])"
                    + "|(?<![0-9A-Za-z])\\+[1-9][0-9 \\-]{7,16}[0-9](?![0-9])");

    /**
     * Mainland landlines: an area code (0 and two or three digits, maybe in brackets), then seven or eight digits,
     * grouped or not ("021 6234 5678", "(021) 6234-5678", "0571-87654321"). Not inside identifiers such as UUIDs.
     * After a space, a dash or a bracket the number may start with any digit ("021-12345678"); run together with the
     * area code it must start with 2-9, as real local numbers do, so that other digit runs beginning with 0 stay
     * readable.
     */
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9A-Za-z_\\-])(\\(0[1-9][0-9]{1,2}\\)|0[1-9][0-9]{1,2})(?:[ \\-]|(?<=\\))|(?=[2-9]))"
                    + "([0-9]{3,4}[ \\-]?[0-9]{2})([0-9]{2})(?![0-9A-Za-z\\-])");

    /** The fewest digits (with at most single spaces or dashes between them) each pattern can match. */
    private static final int MIN_ID_DIGITS = 17;
    private static final int MIN_CARD_DIGITS = 13;
    private static final int MIN_MOBILE_DIGITS = 11;
    private static final int MIN_LANDLINE_RUN = 7;
    private static final int MAX_CARD_DIGITS = 19;
    private static final int MIN_UNIONPAY_LENGTH = 16;
    /** From a full-width form (U+FF01-U+FF5E) to its ASCII character (U+0021-U+007E). */
    private static final int FULL_WIDTH_OFFSET = 0xFEE0;

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Scan scan = Scan.of(text);
        if (!scan.fullWidth()) {
            return mask(new Masking(text, text), scan);
        }
        String ascii = asciiForms(text);
        return mask(new Masking(ascii, text), Scan.of(ascii));
    }

    /**
     * Whether {@code digits}, digits only, is a bank-card number as masked here: 13-19 digits that pass the Luhn
     * check, or a UnionPay (62…) number of 16-19 digits, as not all of those pass it.
     */
    public static boolean isBankCard(String digits) {
        if (digits == null || digits.length() < MIN_CARD_DIGITS || digits.length() > MAX_CARD_DIGITS
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return luhnValid(digits) || digits.startsWith("62") && digits.length() >= MIN_UNIONPAY_LENGTH;
    }

    /**
     * Whether {@code s} has the shape of a mainland resident ID number, as masked here: 18 characters, a region
     * code, a birth date from 1900 and a last character that may be X. The check character is not verified: a
     * mistyped ID is still personal data, never an order number.
     */
    public static boolean isResidentId(String s) {
        return s != null && s.length() == 18 && ID_CARD.matcher(s).matches();
    }

    private static String mask(Masking text, Scan scan) {
        // the scan tells which patterns can match at all, so the regular expressions run only where they might
        // find something: most text (log lines above all) holds nothing to mask
        Masking out = text;
        if (scan.at()) {
            out = out.replace(EMAIL, m -> maskEmail(m.group()));
        }
        if (scan.longestRun() >= MIN_ID_DIGITS) {
            out = out.replace(ID_CARD, m -> keepEnds(m.group(), 3, 2));
        }
        if (scan.longestRun() >= MIN_CARD_DIGITS) {
            out = out.replace(CARD, PersonalDataMasker::maskCard);
        }
        if (scan.plus() || scan.longestRun() >= MIN_MOBILE_DIGITS) {
            out = out.replace(PHONE, m -> maskPhone(m.group()));
        }
        if (scan.longestRun() >= MIN_LANDLINE_RUN) {
            out = out.replace(LANDLINE, m -> m.group(1) + "-****" + m.group(3));
        }
        return out.shown();
    }

    /** What one pass over the text found: whether an '@', a '+' or full-width letters or digits occur, and digits. */
    private record Scan(boolean at, boolean plus, int longestRun, boolean fullWidth) {
        static Scan of(String text) {
            boolean at = false;
            boolean plus = false;
            boolean fullWidth = false;
            int longestRun = 0;
            int run = 0;
            int gap = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    run++;
                    gap = 0;
                    longestRun = Math.max(longestRun, run);
                } else if ((c == ' ' || c == '-') && run > 0 && gap == 0) {
                    gap = 1; // one separator may sit between the digits of a card or phone number
                } else {
                    run = 0;
                    gap = 0;
                    at |= c == '@';
                    plus |= c == '+';
                    fullWidth |= c >= '\uFF10' && isFullWidthLetterOrDigit(c);
                }
            }
            return new Scan(at, plus, longestRun, fullWidth);
        }

        /** Full-width digits, '＠' and Latin letters; not the full-width punctuation of ordinary Chinese text. */
        private static boolean isFullWidthLetterOrDigit(char c) {
            return c >= '\uFF10' && c <= '\uFF19' || c >= '\uFF20' && c <= '\uFF3A' || c >= '\uFF41' && c <= '\uFF5A';
        }
    }

    /**
     * Text being masked: the patterns match on {@code ascii}, the caller gets {@code shown} back. The two differ only
     * where the caller's text had full-width forms, one character for one, so a match in one is at the same place in
     * the other; both get the same masked span.
     */
    private record Masking(String ascii, String shown) {
        /** Replaces what {@code pattern} matches by what {@code masked} returns for it, unless that is null. */
        Masking replace(Pattern pattern, Function<MatchResult, String> masked) {
            Matcher m = pattern.matcher(ascii);
            boolean sameText = ascii.equals(shown);
            StringBuilder newAscii = new StringBuilder();
            StringBuilder newShown = sameText ? null : new StringBuilder();
            int from = 0;
            boolean replaced = false;
            while (m.find()) {
                String replacement = masked.apply(m);
                if (replacement != null) {
                    newAscii.append(ascii, from, m.start()).append(replacement);
                    if (!sameText) {
                        newShown.append(shown, from, m.start()).append(replacement);
                    }
                    from = m.end();
                    replaced = true;
                }
            }
            if (!replaced) {
                return this;
            }
            newAscii.append(ascii, from, ascii.length());
            if (sameText) {
                String out = newAscii.toString();
                return new Masking(out, out);
            }
            newShown.append(shown, from, shown.length());
            return new Masking(newAscii.toString(), newShown.toString());
        }
    }

    /**
     * The full-width forms (U+FF01-U+FF5E) and the ideographic space as the ASCII characters NFKC makes of them, one
     * character for one so that positions stay as they were (NFKC itself may change the length, "㎡" becoming "m2");
     * the same instance when there is none. The entity extractor reads "ＤＤ２０２６…" and "１３８…" through it too.
     */
    public static String asciiForms(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char ascii = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - FULL_WIDTH_OFFSET) : c == '\u3000' ? ' ' : c;
            if (ascii != c) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = ascii;
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** Null (left as it is) unless the digits are a bank-card number. */
    private static String maskCard(MatchResult m) {
        String digits = m.group(1).replaceAll("[ \\-]", "");
        return isBankCard(digits) ? "****" + digits.substring(digits.length() - 4) : null;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static String maskEmail(String email) {
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        return (local.isEmpty() ? "" : local.substring(0, 1)) + "***" + email.substring(at);
    }

    private static String maskPhone(String phone) {
        String digits = phone.replaceAll("[^0-9+]", "");
        if (digits.length() < 7) {
            return "***";
        }
        return digits.substring(0, digits.startsWith("+") ? 4 : 3) + "****" + digits.substring(digits.length() - 4);
    }

    private static String keepEnds(String s, int head, int tail) {
        return s.substring(0, head) + "*".repeat(s.length() - head - tail) + s.substring(s.length() - tail);
    }
}
