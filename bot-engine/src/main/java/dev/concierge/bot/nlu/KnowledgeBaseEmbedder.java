package dev.concierge.bot.nlu;

import dev.concierge.kb.TextEmbedder;

import java.util.List;

/**
 * The knowledge base's {@link TextEmbedder} backed by this module's in-process sentence encoders: English text
 * through one encoder, Chinese through the other (the knowledge base knows each text's locale, so no language
 * detection and no shared bilingual vector space is needed). Thread-safe as the encoders are.
 */
public final class KnowledgeBaseEmbedder implements TextEmbedder {

    private final SentenceEncoder english;
    private final SentenceEncoder chinese;

    public KnowledgeBaseEmbedder(SentenceEncoder english, SentenceEncoder chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** bge-small-en-v1.5 + bge-small-zh (v1), quantised, in-process (loads two ONNX models, about 2 s). */
    public static KnowledgeBaseEmbedder createDefault() {
        return new KnowledgeBaseEmbedder(new BgeSmallEnEncoder(), new BgeSmallZhEncoder());
    }

    @Override
    public String modelId() {
        return BilingualEncoder.nameOf(english.name(), chinese.name());
    }

    @Override
    public int dimension(String locale) {
        SentenceEncoder e = encoder(locale);
        return e == null ? 0 : e.dimension();
    }

    @Override
    public float[] embed(String text, String locale) {
        return required(locale).encode(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts, String locale) {
        return required(locale).encodeAll(texts);
    }

    private SentenceEncoder encoder(String locale) {
        return switch (locale == null ? "" : locale) {
            case "en" -> english;
            case "zh" -> chinese;
            default -> null;
        };
    }

    private SentenceEncoder required(String locale) {
        SentenceEncoder e = encoder(locale);
        if (e == null) {
            throw new IllegalArgumentException("no sentence encoder for locale " + locale);
        }
        return e;
    }

    @Override
    public String toString() {
        return modelId();
    }
}
