package dev.concierge.bot.nlu;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of lexical features with their inverse document frequencies, and the mapping of a text
 * to an L2-normalised sparse vector (sub-linear tf × idf). Immutable after construction; thread-safe.
 */
final class FeatureSpace {

    record Vector(int[] index, float[] value, int anchors) {
    }

    private final TextFeatures extractor;
    private final String[] names;
    private final float[] idf;
    private final boolean[] anchor;
    private final Map<String, Integer> ids;

    FeatureSpace(Profile profile, String[] names, float[] idf) {
        if (names.length != idf.length) {
            throw new IllegalArgumentException("names and idf differ in length");
        }
        this.extractor = new TextFeatures(profile);
        this.names = names;
        this.idf = idf;
        this.anchor = new boolean[names.length];
        this.ids = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
            ids.put(names[i], i);
            // whole words and Chinese character pairs say something; single characters and sub-word
            // n-grams alone do not prove the message is in the bot's vocabulary
            anchor[i] = names[i].startsWith("w:") || names[i].startsWith("h2:") || names[i].startsWith("h3:");
        }
    }

    /** Builds the vocabulary from training texts, keeping features seen in at least {@code minDf} texts. */
    static FeatureSpace build(Profile profile, List<String> texts, int minDf) {
        TextFeatures extractor = new TextFeatures(profile);
        Map<String, int[]> df = new HashMap<>();
        for (String text : texts) {
            Map<String, Boolean> seen = new HashMap<>();
            extractor.features(text, f -> seen.put(f, Boolean.TRUE));
            for (String f : seen.keySet()) {
                df.computeIfAbsent(f, k -> new int[1])[0]++;
            }
        }
        String[] names = df.entrySet().stream()
                .filter(e -> e.getValue()[0] >= minDf)
                .map(Map.Entry::getKey)
                .sorted()
                .toArray(String[]::new);
        float[] idf = new float[names.length];
        double n = texts.size();
        for (int i = 0; i < names.length; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + df.get(names[i])[0])) + 1.0);
        }
        return new FeatureSpace(profile, names, idf);
    }

    int size() {
        return names.length;
    }

    String[] names() {
        return names;
    }

    float[] idf() {
        return idf;
    }

    /**
     * The sparse vector followed by a dense one (e.g. a sentence embedding) at feature ids {@code offset..}.
     * Zeros of the dense vector are left out (the bilingual encoder's vectors are half zeros).
     */
    static Vector append(Vector v, float[] dense, int offset, float scale) {
        int nonZero = 0;
        for (float d : dense) {
            if (d != 0f) {
                nonZero++;
            }
        }
        int n = v.index().length;
        int[] index = Arrays.copyOf(v.index(), n + nonZero);
        float[] value = Arrays.copyOf(v.value(), n + nonZero);
        int k = n;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0f) {
                index[k] = offset + i;
                value[k++] = dense[i] * scale;
            }
        }
        return new Vector(index, value, v.anchors());
    }

    Vector vectorize(String text) {
        int[] buf = new int[64];
        int[] count = {0};
        int[][] holder = {buf};
        extractor.features(text, f -> {
            Integer id = ids.get(f);
            if (id != null) {
                if (count[0] == holder[0].length) {
                    holder[0] = Arrays.copyOf(holder[0], count[0] * 2);
                }
                holder[0][count[0]++] = id;
            }
        });
        int n = count[0];
        int[] all = holder[0];
        Arrays.sort(all, 0, n);
        int[] index = new int[n];
        float[] value = new float[n];
        int k = 0;
        int anchors = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && all[j] == all[i]) {
                j++;
            }
            int f = all[i];
            index[k] = f;
            value[k] = (float) ((1.0 + Math.log(j - i)) * idf[f]);
            if (anchor[f]) {
                anchors++;
            }
            k++;
            i = j;
        }
        double norm = 0;
        for (int i = 0; i < k; i++) {
            norm += value[i] * value[i];
        }
        if (norm > 0) {
            float inv = (float) (1.0 / Math.sqrt(norm));
            for (int i = 0; i < k; i++) {
                value[i] *= inv;
            }
        }
        return new Vector(Arrays.copyOf(index, k), Arrays.copyOf(value, k), anchors);
    }
}
