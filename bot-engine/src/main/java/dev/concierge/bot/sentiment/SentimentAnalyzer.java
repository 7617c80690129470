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
 * words that the training set cannot cover well (insults, threats to go public), and "!!", which turns an upset
 * message into an angry one. Immutable once built; thread-safe.
 */
public final class SentimentAnalyzer {
    public static final String BUNDLED_TRAINING = "/sentiment/train.tsv";

    private static final Lexicon ANGER = new Lexicon(
            List.of("气死", "骗子", "垃圾", "滚", "他妈", "妈的", "投诉你们", "曝光", "12315", "打315", "去315", "找315",
                    "到315", "向315", "上315", "315投诉", "315晚会", "消协", "工商", "报警", "欺诈", "忍无可忍", "太过分",
                    "去死", "f***", "F***", "f**k", "F**K", "f*ck", "F*CK", "sh*t"),
            Set.of("scam", "scams", "scammer", "scammers", "fraud", "frauds", "fraudster", "fraudsters", "cheaters",
                    "thieves", "liars", "ridiculous", "furious", "disgusting", "wtf", "damn", "sue", "lawyer", "crap",
                    "idiot", "idiots", "moron", "morons", "pathetic", "unacceptable", "fuck", "fucking", "shit",
                    "bullshit", "stfu"),
            List.of(), List.of("screw you"),
            // shop words around the strong ones: bin bags, a drum washer, a bank, "my mother's", camera settings,
            // smoke alarms, exfoliation (去死皮), anti-fraud features, rock music
            List.of("垃圾袋", "垃圾桶", "垃圾篓", "垃圾箱", "垃圾筐", "垃圾篮", "垃圾铲", "垃圾夹", "垃圾车", "垃圾站",
                    "垃圾分类", "垃圾处理", "滚筒", "滚轮", "滚动", "滚珠", "滚刷", "滚轴", "滚梳", "滚烫", "滚边", "滚针",
                    "滚压", "滚涂", "滚子", "滚刀", "滚圆", "滚落", "滚石", "滚滚", "翻滚", "打滚", "摇滚", "滚雪球",
                    "工商银行", "工商卡", "他妈妈", "妈妈的", "我妈的", "俺妈的", "老妈的", "宝妈的", "孕妈的", "辣妈的",
                    "姨妈的", "舅妈的", "姑妈的", "干妈的", "曝光补偿", "曝光度", "曝光时间", "曝光模式", "曝光值", "曝光量",
                    "曝光过度", "曝光不足", "曝光锁定", "曝光参数", "自动曝光", "长曝光", "多重曝光", "包围曝光", "报警器",
                    "报警灯", "报警声", "报警音", "报警铃", "报警功能", "报警系统", "报警装置", "报警提示", "报警模式",
                    "报警阈值", "防盗报警", "烟雾报警", "烟感报警", "漏水报警", "燃气报警", "温度报警", "超温报警",
                    "低电量报警", "自动报警", "去死皮", "去死角", "去死细胞", "反欺诈", "防欺诈"));
    /**
     * "!!" says the writer is shouting, not what about: it makes an upset message angry (an immediate handoff), a
     * borderline one upset, and leaves "Thanks so much!!" alone.
     */
    private static final double SHOUTING_ODDS = 3;
    private static final Lexicon SHOUTING = new Lexicon(List.of("!!", "！！", "!！", "！!"), Set.of(), List.of(), List.of());
    private static final Lexicon NEGATIVE_WORDS = new Lexicon(
            List.of("差劲", "失望", "生气", "愤怒", "太慢", "烂", "坑", "恶心", "糟糕", "无语", "受不了", "没人管", "还没到",
                    "一直没", "多少次", "不满", "崩溃", "着急", "急死", "😡", "😠", "🤬", "😤", "👎"),
            Set.of("terrible", "awful", "worst", "angry", "upset", "disappointed", "horrible", "useless"),
            List.of("frustrat"),
            List.of("never again", "still not", "still hasn't", "still haven't", "fed up", "the hell"),
            // "不满 100 元" is "under 100 yuan", "不满足条件" "does not meet the conditions"
            List.of("灿烂", "绚烂", "烂漫", "坑位", "坑纹", "不满足", "不满0", "不满1", "不满2", "不满3", "不满4", "不满5",
                    "不满6", "不满7", "不满8", "不满9", "不满一", "不满二", "不满三", "不满五", "不满十", "不满百"));
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
        boolean positive = POSITIVE_WORDS.matches(text);
        if (!angry && !positive && SHOUTING.matches(text)) {
            // upset and shouting is angry; otherwise the shouting triples the odds ("Where is my refund?? It's been
            // a month!!" 0.43 -> 0.69), which a plain question's low score survives ("Hi!! do you ship to Canada?")
            angry = p >= threshold;
            p = angry ? Math.max(p, 0.9) : SHOUTING_ODDS * p / (SHOUTING_ODDS * p + 1 - p);
        }
        if (p >= threshold) {
            return new Sentiment(Sentiment.Label.NEGATIVE, p, angry);
        }
        return new Sentiment(positive ? Sentiment.Label.POSITIVE : Sentiment.Label.NEUTRAL, p, false);
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
