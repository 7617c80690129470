package dev.concierge.bot.placeholder;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.BotEngine;
import dev.concierge.bot.BotTurn;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deliberately small bot for the walking skeleton: it greets, recognises a request for a human in Chinese or
 * English and hands off, and otherwise says it will pass the question on. The NLU-driven dialogue engine
 * replaces it.
 */
public final class KeywordBot implements BotEngine {

    private static final Pattern HUMAN = Pattern.compile(
            "人工|转人工|真人|客服人员|\\bagent\\b|\\bhuman\\b|real person|\\boperator\\b|customer service rep",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GREETING = Pattern.compile("^(你好|您好|嗨|hi|hello|hey)\\b.*|^(你好|您好|嗨).*",
            Pattern.CASE_INSENSITIVE);

    @Override
    public BotDecision decide(BotTurn turn) {
        String language = languageOf(turn.text(), turn.localeHint());
        boolean zh = language.equals("zh");
        String text = turn.text().strip();
        if (HUMAN.matcher(text).find()) {
            return new BotDecision.Handoff("human_request", 0.99, language,
                    zh ? "好的，正在为您转接人工客服，请稍候。" : "Sure, I'm connecting you with a human agent. Please hold on.",
                    List.of(), "human_request", 0, Set.of());
        }
        if (GREETING.matcher(text).matches()) {
            return new BotDecision.Answer("greeting", 0.9, language,
                    zh ? "您好！我是智能客服，请问有什么可以帮您？" : "Hello! I'm the Concierge assistant. How can I help?",
                    List.of(zh ? "人工客服" : "Talk to an agent"), null);
        }
        return new BotDecision.Answer("fallback", 0.3, language,
                zh ? "收到您的问题。如需人工服务，请回复“人工”。" : "Thanks, I got your question. Reply \"agent\" to talk to a person.",
                List.of(zh ? "人工客服" : "Talk to an agent"), null);
    }

    /** Chinese if a good share of the letters are CJK ideographs, else the hint, else English. */
    static String languageOf(String text, String hint) {
        int han = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                letters++;
            } else if (Character.isLetter(cp)) {
                letters++;
            }
            i += Character.charCount(cp);
        }
        if (letters == 0) {
            return hint != null && hint.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
        }
        return han * 3 >= letters ? "zh" : "en";
    }
}
