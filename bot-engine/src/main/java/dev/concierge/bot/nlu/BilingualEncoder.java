package dev.concierge.bot.nlu;

import dev.concierge.bot.language.LanguageDetector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Routes each message to an English or a Chinese sentence encoder by its detected language. The vector
 * has both halves, English first: the half of the other language stays zero, so the intent model learns
 * separate weights for the two embedding spaces. Thread-safe.
 */
public final class BilingualEncoder implements SentenceEncoder {

    private final SentenceEncoder english;
    private final SentenceEncoder chinese;
    private final LanguageDetector detector = new LanguageDetector();

    public BilingualEncoder(SentenceEncoder english, SentenceEncoder chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** bge-small-en-v1.5 + bge-small-zh (v1), both quantised, in-process (loads two ONNX models, about 2 s). */
    public static BilingualEncoder createDefault() {
        return new BilingualEncoder(new BgeSmallEnEncoder(), new BgeSmallZhEncoder());
    }

    static String nameOf(String englishName, String chineseName) {
        return englishName + "+" + chineseName;
    }

    /** Name of {@link #createDefault()}'s encoder, as stored in model files. */
    public static final String DEFAULT_NAME = nameOf(BgeSmallEnEncoder.NAME, BgeSmallZhEncoder.NAME);

    @Override
    public String name() {
        return nameOf(english.name(), chinese.name());
    }

    @Override
    public int dimension() {
        return english.dimension() + chinese.dimension();
    }

    @Override
    public float[] encode(String text) {
        float[] out = new float[dimension()];
        if (LanguageDetector.CHINESE.equals(detector.detect(text))) {
            float[] v = chinese.encode(text);
            System.arraycopy(v, 0, out, english.dimension(), v.length);
        } else {
            float[] v = english.encode(text);
            System.arraycopy(v, 0, out, 0, v.length);
        }
        return out;
    }

    @Override
    public List<float[]> encodeAll(List<String> texts) {
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        boolean[] isZh = new boolean[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            isZh[i] = LanguageDetector.CHINESE.equals(detector.detect(texts.get(i)));
            (isZh[i] ? zh : en).add(texts.get(i));
        }
        List<float[]> enVectors = en.isEmpty() ? List.of() : english.encodeAll(en);
        List<float[]> zhVectors = zh.isEmpty() ? List.of() : chinese.encodeAll(zh);
        List<float[]> out = new ArrayList<>(texts.size());
        int e = 0;
        int z = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] v = new float[dimension()];
            if (isZh[i]) {
                float[] src = zhVectors.get(z++);
                System.arraycopy(src, 0, v, english.dimension(), src.length);
            } else {
                float[] src = enVectors.get(e++);
                System.arraycopy(src, 0, v, 0, src.length);
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public String toString() {
        return name() + Arrays.asList(english.dimension(), chinese.dimension());
    }
}
