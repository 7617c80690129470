package dev.concierge.bot.dialogue;

import dev.concierge.bot.BotTurn;
import dev.concierge.bot.entity.Entities;
import dev.concierge.bot.nlu.IntentPrediction;
import dev.concierge.bot.sentiment.Sentiment;
import dev.concierge.kb.FaqResult;

/**
 * One customer message after understanding: language, entities, sentiment, intent and FAQ candidates. {@code text} is
 * what was understood (stripped, Traditional Chinese simplified); {@link #said()} the words as typed. {@code context}
 * is the conversation's context the FAQ candidates were searched with ("" when the message was searched alone).
 */
record Turn(BotTurn raw, String text, String language, Entities entities, Sentiment sentiment,
        IntentPrediction prediction, FaqResult faq, String context) {

    /** The message as the shopper typed it (stripped): what is kept in slots, such as a return reason or address. */
    String said() {
        return raw.text().strip();
    }

    boolean zh() {
        return language.equals("zh");
    }

    String t(String chinese, String english) {
        return zh() ? chinese : english;
    }

    /**
     * The same turn with the knowledge-base candidates of the message searched again behind {@code words}, the
     * conversation's context it leans on ({@link #context()}; "" for a turn understood alone).
     */
    Turn inContext(String words, FaqResult contextual) {
        return new Turn(raw, text, language, entities, sentiment, prediction, contextual, words);
    }

    /** The intent if it is confident and in scope, else "". */
    String confidentIntent(double threshold) {
        return !prediction.outOfScope() && prediction.confidence() >= threshold ? prediction.intent() : "";
    }
}
