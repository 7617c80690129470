package dev.concierge.bot.nlu;

/** Test double for a sentence encoder: character trigrams hashed into 32 dimensions, L2-normalised. */
final class HashingEncoder implements SentenceEncoder {

    static final int DIMENSION = 32;

    @Override
    public String name() {
        return "test-hashing";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] encode(String text) {
        float[] v = new float[DIMENSION];
        String s = " " + text.toLowerCase() + " ";
        for (int i = 0; i + 3 <= s.length(); i++) {
            v[Math.floorMod(s.substring(i, i + 3).hashCode(), DIMENSION)] += 1;
        }
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] /= (float) Math.max(1e-9, Math.sqrt(norm));
        }
        return v;
    }
}
