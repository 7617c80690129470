package dev.concierge.bot.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Frustration detection in Chinese and English: a small binary logistic regression (negative vs not) over Han
 * character uni/bigrams and English word uni/bigrams, trained at start-up on a bundled labelled set
 * ({@code /sentiment/train.tsv}, a few hundred lines, trains in milliseconds), combined with a lexicon of strong
 * words that the training set cannot cover well (insults, threats to go public). Immutable once built; thread-safe.
 */
public final class SentimentAnalyzer {
    public static final String BUNDLED_TRAINING = "/sentiment/train.tsv";

    private static final Lexicon ANGER = new Lexicon(
            List.of("气死", "骗子", "垃圾", "滚", "他妈", "妈的", "投诉你们", "曝光", "315", "消协", "工商", "报警", "欺诈",
                    "忍无可忍", "太过分", "去死", "!!", "！！"),
            Set.of("scam", "fraud", "ridiculous", "furious", "disgusting", "wtf", "damn", "sue", "lawyer", "crap",
                    "idiot", "idiots", "pathetic", "unacceptable"),
            List.of(), List.of());
    private static final Lexicon NEGATIVE_WORDS = new Lexicon(
            List.of("差劲", "失望", "生气", "愤怒", "太慢", "烂", "坑", "恶心", "糟糕", "无语", "受不了", "没人管", "还没到",
                    "一直没", "多少次", "不满", "崩溃", "着急", "急死"),
            Set.of("terrible", "awful", "worst", "angry", "upset", "disappointed", "horrible", "useless"),
            List.of("frustrat"),
            List.of("never again", "still not", "still hasn't", "still haven't", "fed up"));
    private static final Lexicon POSITIVE_WORDS = new Lexicon(
            List.of("谢谢", "感谢", "太好了", "满意", "好评", "不错", "赞", "棒"),
            Set.of("thank", "thanks", "great", "awesome", "perfect", "love", "excellent"),
            List.of("appreciate"),
            List.of());

    private final Map<String, Double> weights;
    private final double bias;
    private final double threshold;

    private SentimentAnalyzer(Map<String, Double> weights, double bias, double threshold) {
        this.weights = Map.copyOf(weights);
        this.bias = bias;
        this.threshold = threshold;
    }

    /** Trained on the bundled set. */
    public static SentimentAnalyzer bundled() {
        try (InputStream in = SentimentAnalyzer.class.getResourceAsStream(BUNDLED_TRAINING)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_TRAINING + " is missing from the classpath");
            }
            return train(readTsv(in), 0.5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code negative<TAB>text} or {@code other<TAB>text}; '#' starts a comment line. */
    public static List<LabelledText> readTsv(InputStream in) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException("expected label<TAB>text: " + line);
            }
            out.add(new LabelledText(line.substring(tab + 1).strip(), line.substring(0, tab).strip().equals("negative")));
        }
        return out;
    }

    /** Plain batch gradient descent with L2; the sets are small, so 300 epochs cost a few milliseconds. */
    public static SentimentAnalyzer train(List<LabelledText> examples, double threshold) {
        List<Set<String>> features = examples.stream().map(e -> features(e.text())).toList();
        Map<String, Double> w = new HashMap<>();
        double b = 0;
        double rate = 0.5;
        double l2 = 0.001;
        for (int epoch = 0; epoch < 300; epoch++) {
            Map<String, Double> grad = new HashMap<>();
            double gradB = 0;
            for (int i = 0; i < examples.size(); i++) {
                double p = sigmoid(score(w, b, features.get(i)));
                double err = p - (examples.get(i).negative() ? 1 : 0);
                for (String f : features.get(i)) {
                    grad.merge(f, err, Double::sum);
                }
                gradB += err;
            }
            int n = examples.size();
            for (Map.Entry<String, Double> g : grad.entrySet()) {
                double old = w.getOrDefault(g.getKey(), 0.0);
                w.put(g.getKey(), old - rate * (g.getValue() / n + l2 * old));
            }
            b -= rate * gradB / n;
        }
        return new SentimentAnalyzer(w, b, threshold);
    }

    public Sentiment analyze(String text) {
        if (text == null || text.isBlank()) {
            return new Sentiment(Sentiment.Label.NEUTRAL, 0.0, false);
        }
        double p = sigmoid(score(weights, bias, features(text)));
        boolean angry = ANGER.matches(text);
        if (angry || NEGATIVE_WORDS.matches(text)) {
            p = Math.max(p, angry ? 0.9 : 0.7);
        }
        if (p >= threshold) {
            return new Sentiment(Sentiment.Label.NEGATIVE, p, angry);
        }
        Sentiment.Label label = POSITIVE_WORDS.matches(text) ? Sentiment.Label.POSITIVE : Sentiment.Label.NEUTRAL;
        return new Sentiment(label, p, false);
    }

    /** The trained model's probability alone, without the lexicon (for evaluation). */
    double modelProbability(String text) {
        return sigmoid(score(weights, bias, features(text)));
    }

    private static double score(Map<String, Double> w, double b, Set<String> features) {
        double s = b;
        for (String f : features) {
            s += w.getOrDefault(f, 0.0);
        }
        return s;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static Set<String> features(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>();
        StringBuilder han = new StringBuilder();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han.append(c);
                flush(word, words);
            } else {
                if (han.length() > 0) {
                    addHan(han, out);
                    han.setLength(0);
                }
                if (Character.isLetterOrDigit(c) || c == '\'') {
                    word.append(c);
                } else {
                    flush(word, words);
                    if (c == '!' || c == '！' || c == '?' || c == '？') {
                        out.add("p:" + c);
                    }
                }
            }
        }
        addHan(han, out);
        flush(word, words);
        for (int i = 0; i < words.size(); i++) {
            out.add("w:" + words.get(i));
            if (i > 0) {
                out.add("w:" + words.get(i - 1) + "_" + words.get(i));
            }
        }
        return out;
    }

    private static void addHan(CharSequence han, Set<String> out) {
        for (int i = 0; i < han.length(); i++) {
            out.add("c:" + han.charAt(i));
            if (i > 0) {
                out.add("c:" + han.charAt(i - 1) + han.charAt(i));
            }
        }
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** One labelled sentence of the training or evaluation set. */
    public record LabelledText(String text, boolean negative) {
        public LabelledText {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text is required");
            }
        }
    }
}
