package dev.concierge.core.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text before it reaches logs, exports or analytics: email addresses, mobile and
 * landline phone numbers, Chinese resident ID numbers and bank-card numbers (digit runs that pass the Luhn check,
 * and UnionPay's 62… numbers of 16-19 digits, so that other order numbers stay readable). Stateless and thread-safe.
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
     */
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9A-Za-z_\\-])(\\(0[1-9][0-9]{1,2}\\)|0[1-9][0-9]{1,2})[ \\-]?([2-9][0-9]{2,3}[ \\-]?[0-9]{2})([0-9]{2})"
                    + "(?![0-9A-Za-z\\-])");

    /** The fewest digits (with at most single spaces or dashes between them) each pattern can match. */
    private static final int MIN_ID_DIGITS = 17;
    private static final int MIN_CARD_DIGITS = 13;
    private static final int MIN_MOBILE_DIGITS = 11;
    private static final int MIN_LANDLINE_RUN = 7;

    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // Most text (log lines above all) holds nothing to mask: one pass over it decides which patterns can
        // match at all, so the regular expressions run only where they might find something.
        boolean at = false;
        boolean plus = false;
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
            }
        }
        String out = at ? EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(maskEmail(m.group()))) : text;
        if (longestRun >= MIN_ID_DIGITS) {
            out = ID_CARD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(keepEnds(m.group(), 3, 2)));
        }
        if (longestRun >= MIN_CARD_DIGITS) {
            out = replaceCards(out);
        }
        if (plus || longestRun >= MIN_MOBILE_DIGITS) {
            out = PHONE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(maskPhone(m.group())));
        }
        if (longestRun >= MIN_LANDLINE_RUN) {
            out = LANDLINE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "-****" + m.group(3)));
        }
        return out;
    }

    private static String replaceCards(String text) {
        Matcher m = CARD.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group(1).replaceAll("[ \\-]", "");
            // UnionPay (62…) debit cards of 16-19 digits do not all pass the Luhn check: masked all the same
            boolean card = luhnValid(digits) || digits.startsWith("62") && digits.length() >= 16;
            String replacement = card ? "****" + digits.substring(digits.length() - 4) : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Whether {@code s} has the shape of a mainland resident ID number, as masked here: 18 characters, a region
     * code, a birth date from 1900 and a last character that may be X. The check character is not verified: a
     * mistyped ID is still personal data, never an order number.
     */
    public static boolean isResidentId(String s) {
        return s != null && s.length() == 18 && ID_CARD.matcher(s).matches();
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
