package dev.concierge.bot.curation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Greedy single-pass grouping of unanswered questions: a question joins the first group whose representative
 * shares at least {@value #JACCARD} of its character bigrams (Jaccard), or the same knowledge-base top hit and at
 * least half that overlap. Quadratic in the number of groups, fine for the thousands kept in the log.
 */
public final class UnansweredGrouping {
    static final double JACCARD = 0.4;

    private UnansweredGrouping() {
    }

    public static List<UnansweredGroup> group(List<UnansweredQuestion> questions) {
        List<UnansweredQuestion> oldestFirst = new ArrayList<>(questions);
        oldestFirst.sort(Comparator.comparing(UnansweredQuestion::at));
        List<List<UnansweredQuestion>> groups = new ArrayList<>();
        List<Set<String>> shingles = new ArrayList<>();
        for (UnansweredQuestion q : oldestFirst) {
            Set<String> mine = bigrams(q.text());
            int found = -1;
            for (int g = 0; g < groups.size() && found < 0; g++) {
                double similarity = jaccard(mine, shingles.get(g));
                UnansweredQuestion rep = groups.get(g).get(0);
                boolean sameHit = !q.kbTopHit().isEmpty() && q.kbTopHit().equals(rep.kbTopHit());
                if (similarity >= JACCARD || (sameHit && similarity >= JACCARD / 2)) {
                    found = g;
                }
            }
            if (found < 0) {
                groups.add(new ArrayList<>(List.of(q)));
                shingles.add(mine);
            } else {
                groups.get(found).add(q);
            }
        }
        List<UnansweredGroup> out = new ArrayList<>();
        for (List<UnansweredQuestion> g : groups) {
            Instant last = g.get(g.size() - 1).at();
            out.add(new UnansweredGroup(g.get(0).text(), g.size(), mostCommonHit(g), g.get(0).language(), last, g));
        }
        out.sort(Comparator.comparingInt(UnansweredGroup::count).reversed()
                .thenComparing(UnansweredGroup::lastSeen, Comparator.reverseOrder()));
        return out;
    }

    /** CSV (RFC 4180, UTF-8 text): one row per group. */
    public static String toCsv(List<UnansweredGroup> groups) {
        StringBuilder sb = new StringBuilder("representative,count,kb_top_hit,language,last_seen,examples\r\n");
        for (UnansweredGroup g : groups) {
            List<String> examples = g.questions().stream().map(UnansweredQuestion::text).distinct().limit(5).toList();
            sb.append(cell(g.representative())).append(',').append(g.count()).append(',').append(cell(g.kbTopHit()))
                    .append(',').append(cell(g.language())).append(',').append(g.lastSeen()).append(',')
                    .append(cell(String.join(" | ", examples))).append("\r\n");
        }
        return sb.toString();
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        int common = 0;
        for (String s : a) {
            if (b.contains(s)) {
                common++;
            }
        }
        return common / (double) (a.size() + b.size() - common);
    }

    static Set<String> bigrams(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", " ").strip();
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= t.length(); i++) {
            String gram = t.substring(i, i + 2);
            if (!gram.isBlank()) {
                out.add(gram);
            }
        }
        if (out.isEmpty() && !t.isEmpty()) {
            out.add(t);
        }
        return out;
    }

    private static String mostCommonHit(List<UnansweredQuestion> g) {
        Map<String, Integer> counts = new HashMap<>();
        for (UnansweredQuestion q : g) {
            if (!q.kbTopHit().isEmpty()) {
                counts.merge(q.kbTopHit(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    private static String cell(String value) {
        String v = value == null ? "" : value;
        // a leading =, +, - or @ would run as a formula in a spreadsheet
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
