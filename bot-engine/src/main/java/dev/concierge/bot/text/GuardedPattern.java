package dev.concierge.bot.text;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A regular expression behind a substring check: {@link #find} runs the expression only when the lower-cased text
 * contains one of the literal fragments that every match must contain. Alternations of keywords with word
 * boundaries, tried at every position of every message, cost more than the rest of a bot turn's text handling;
 * most messages contain none of the fragments, and {@link String#indexOf} rules them out in a few nanoseconds per
 * character. The answer is always the expression's own: the fragments only skip work that could not match.
 */
public final class GuardedPattern {
    private final Pattern pattern;
    private final List<String> fragments;

    private GuardedPattern(Pattern pattern, List<String> fragments) {
        this.pattern = pattern;
        this.fragments = fragments;
    }

    /**
     * @param regex     the expression
     * @param flags     {@link Pattern} flags
     * @param fragments lower-case literals; every match of the expression contains at least one of them (with
     *                  {@link Pattern#CASE_INSENSITIVE}, in the match's lower-cased form)
     */
    public static GuardedPattern of(String regex, int flags, String... fragments) {
        if (fragments.length == 0) {
            throw new IllegalArgumentException("a guarded pattern needs at least one fragment");
        }
        for (String f : fragments) {
            if (f.isEmpty() || !f.equals(f.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("fragments must be non-empty and lower-case: '" + f + "'");
            }
        }
        return new GuardedPattern(Pattern.compile(regex, flags), List.of(fragments));
    }

    /** Whether the expression matches somewhere in {@code text}, as {@code pattern().matcher(text).find()}. */
    public boolean find(String text) {
        return mayMatch(text) && pattern.matcher(text).find();
    }

    /** False only when no match is possible: the text holds none of the fragments. */
    public boolean mayMatch(String text) {
        String lower = Objects.requireNonNull(text).toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            if (lower.contains(f)) {
                return true;
            }
        }
        return false;
    }

    public Pattern pattern() {
        return pattern;
    }
}
