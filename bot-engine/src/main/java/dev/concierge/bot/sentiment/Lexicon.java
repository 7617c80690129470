package dev.concierge.bot.sentiment;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A list of words and phrases the sentiment detector looks for, matched without regular expressions: every
 * message passes through three of these, and a regular expression with dozens of case-insensitive,
 * word-bounded alternatives tries each one at every position of the text.
 *
 * <p>Matching rules, the same as a case-insensitive {@code \b...\b} pattern over ASCII words:
 * <ul>
 *   <li>{@code fragments} match anywhere (Chinese words, "!!", "315");</li>
 *   <li>{@code words} match a whole word, a word being a maximal run of ASCII letters, digits and underscores;</li>
 *   <li>{@code stems} match the start of a word ("frustrat" matches "frustrated");</li>
 *   <li>{@code phrases} are words separated by single spaces ("never again", "still hasn't"), matched from the
 *       start of a word to the end of one.</li>
 * </ul>
 * A fragment inside one of the {@code benign} words does not count: shop vocabulary holds many Chinese
 * compounds around a strong word ("垃圾" in 垃圾袋 bin bags, "滚" in 滚筒洗衣机 a drum washer, "工商" in
 * 工商银行 a bank, "妈的" in 我妈的 my mother's), so those compounds are blanked out before fragments are looked
 * for. So are runs of six or more ASCII letters and digits that hold a digit (order, tracking and phone numbers),
 * so that a number fragment such as "12315" only matches on its own.
 */
final class Lexicon {
    private final List<String> fragments;
    private final Set<String> words;
    private final List<String> stems;
    private final List<String> phrases;
    private final List<String> benign;

    Lexicon(List<String> fragments, Set<String> words, List<String> stems, List<String> phrases) {
        this(fragments, words, stems, phrases, List.of());
    }

    Lexicon(List<String> fragments, Set<String> words, List<String> stems, List<String> phrases, List<String> benign) {
        this.fragments = List.copyOf(fragments);
        this.words = Set.copyOf(words);
        this.stems = List.copyOf(stems);
        this.phrases = List.copyOf(phrases);
        this.benign = List.copyOf(benign);
    }

    /** Whether {@code text} holds any of the entries. */
    boolean matches(String text) {
        String unmasked = fragments.isEmpty() ? text : withoutBenignWords(text);
        for (String fragment : fragments) {
            if (unmasked.contains(fragment)) {
                return true;
            }
        }
        String lower = asciiLowerCase(text);
        int i = 0;
        int n = lower.length();
        while (i < n) {
            if (!isWordChar(lower.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            while (end < n && isWordChar(lower.charAt(end))) {
                end++;
            }
            if (matchesAt(lower, i, end)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private boolean matchesAt(String lower, int start, int end) {
        if (words.contains(lower.substring(start, end))) {
            return true;
        }
        for (String stem : stems) {
            if (end - start >= stem.length() && lower.startsWith(stem, start)) {
                return true;
            }
        }
        for (String phrase : phrases) {
            int after = start + phrase.length();
            if (lower.startsWith(phrase, start) && (after == lower.length() || !isWordChar(lower.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    /** The text with every benign word and every long alphanumeric code replaced by spaces (same length). */
    private String withoutBenignWords(String text) {
        char[] chars = null;
        for (String word : benign) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                Arrays.fill(chars, at, at + word.length(), ' ');
            }
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isAsciiAlphanumeric(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            boolean digit = false;
            while (end < n && isAsciiAlphanumeric(text.charAt(end))) {
                digit |= Character.isDigit(text.charAt(end));
                end++;
            }
            if (digit && end - i >= 6) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                Arrays.fill(chars, i, end, ' ');
            }
            i = end;
        }
        return chars == null ? text : new String(chars);
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** Case-insensitive as a pattern without the Unicode flag is: only ASCII letters fold. */
    private static String asciiLowerCase(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /** {@code \w} without the Unicode flag: ASCII letters, digits and the underscore. */
    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
