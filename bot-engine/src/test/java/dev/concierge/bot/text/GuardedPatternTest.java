package dev.concierge.bot.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

public class GuardedPatternTest {
    /**
     * Asserts that the guard never changes the expression's answer on the bundled intent examples (every line of
     * intents.yaml, as written, upper-cased and title-cased) and on {@code extra}; returns how many texts matched.
     */
    public static int assertSameAsExpression(GuardedPattern g, List<String> extra) throws IOException {
        List<String> texts = new ArrayList<>(extra);
        try (InputStream in = GuardedPatternTest.class.getResourceAsStream("/nlu/intents.yaml")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                texts.add(line);
                texts.add(line.toUpperCase(Locale.ROOT));
                texts.add(line.isEmpty() ? line : Character.toUpperCase(line.charAt(0)) + line.substring(1));
            }
        }
        int matched = 0;
        for (String t : texts) {
            boolean expected = g.pattern().matcher(t).find();
            assertEquals(expected, g.find(t), () -> "'" + g.pattern() + "' on '" + t + "'");
            matched += expected ? 1 : 0;
        }
        return matched;
    }

    @Test
    void answersAsTheExpressionAndSkipsTextsWithoutAFragment() throws IOException {
        GuardedPattern g = GuardedPattern.of("\\bhuman\\b|真人", Pattern.CASE_INSENSITIVE, "human", "真人");
        assertTrue(g.find("I want a HUMAN please"));
        assertTrue(g.find("找真人"));
        assertFalse(g.find("inhuman"), "the fragment is there, the expression still decides");
        assertFalse(g.mayMatch("where is my order"));
        assertTrue(assertSameAsExpression(g, List.of("Human!", "a human-being", "真人客服")) >= 3);
    }

    @Test
    void rejectsMissingOrUpperCaseFragments() {
        assertThrows(IllegalArgumentException.class, () -> GuardedPattern.of("a", 0));
        assertThrows(IllegalArgumentException.class, () -> GuardedPattern.of("Agent", 0, "Agent"));
        assertThrows(IllegalArgumentException.class, () -> GuardedPattern.of("a", 0, ""));
    }
}
