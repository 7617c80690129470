package dev.concierge.kb;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double: a text's vector counts which "concepts" its words belong to (a fixed word list per concept, any
 * language), so tests can make two texts with no word in common close, as a sentence encoder would. Texts
 * with no concept word get their own axis. Counts its calls. Thread-safe.
 */
public final class ConceptEmbedder implements TextEmbedder {
    /** Each row: the words (substrings, lower case) that belong to one concept. */
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("parcel", "package", "arrive", "arrived", "delivered", "delivery", "shipping", "到货", "包裹", "快递"),
            List.of("refund", "money back", "reimburse", "退款", "退钱", "钱"),
            List.of("password", "log in", "login", "locked out", "密码"));
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String modelId() {
        return "concept-test";
    }

    @Override
    public int dimension(String locale) {
        return "en".equals(locale) || "zh".equals(locale) ? CONCEPTS.size() + 1 : 0;
    }

    @Override
    public float[] embed(String text, String locale) {
        calls.incrementAndGet();
        String t = text.toLowerCase(Locale.ROOT);
        float[] v = new float[CONCEPTS.size() + 1];
        double norm = 0;
        for (int c = 0; c < CONCEPTS.size(); c++) {
            for (String w : CONCEPTS.get(c)) {
                if (t.contains(w)) {
                    v[c]++;
                }
            }
            norm += v[c] * v[c];
        }
        if (norm == 0) {
            v[CONCEPTS.size()] = 1;
            return v;
        }
        for (int c = 0; c < v.length; c++) {
            v[c] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** How many texts were embedded so far. */
    public int calls() {
        return calls.get();
    }
}
