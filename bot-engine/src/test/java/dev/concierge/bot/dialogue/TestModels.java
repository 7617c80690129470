package dev.concierge.bot.dialogue;

import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.bot.nlu.IntentModel;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.sentiment.SentimentAnalyzer;
import dev.concierge.kb.KnowledgeBase;

/**
 * The bundled FAST intent model, knowledge base and sentiment model, built once per test JVM: they take seconds to
 * build on a loaded machine and are immutable, so every engine test shares them.
 */
final class TestModels {
    private TestModels() {
    }

    private static final class Holder {
        static final IntentModel INTENTS = IntentModel.bundled(Profile.FAST);
        static final KnowledgeBase KB = KnowledgeBase.bundledDefault();
        static final SentimentAnalyzer SENTIMENT = SentimentAnalyzer.bundled();
    }

    static DialogueEngine.Understanding understanding() {
        return new DialogueEngine.Understanding(Holder.INTENTS, new LanguageDetector("zh"), Holder.SENTIMENT);
    }

    static KnowledgeBase kb() {
        return Holder.KB;
    }
}
