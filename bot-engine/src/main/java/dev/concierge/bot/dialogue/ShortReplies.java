package dev.concierge.bot.dialogue;

import java.text.Normalizer;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The few-word replies that answer the bot rather than ask it something: "ok", "yes please", "no thanks, I'm
 * good", "没有了", "不是". They carry no topic, so the intent model and the FAQ can only guess at them (before this,
 * "yes please" read as a request for a human, "不是" as an account-security emergency and "ok" got the return
 * policy). The dialogue recognises them by their whole text instead, in both languages.
 */
final class ShortReplies {
    /** What a short reply says. */
    enum Kind {
        /** Agreement or acknowledgement: "yes", "ok", "好的", "no problem". */
        AFFIRM,
        /** Nothing more is needed: "no thanks", "that's all", "没有了". */
        DONE,
        /** The bot got it wrong: "不是", "not this", "that's not what I asked". */
        WRONG,
        /** Anything else. */
        NONE
    }

    private static final Set<String> AFFIRM = normalized(
            "yes", "yes please", "yes pls", "yeah", "yep", "yup", "y", "sure", "sure thing", "ok", "okay", "k", "kk",
            "ok thanks", "okay thanks", "ok thank you", "ok sure", "alright", "all right", "sounds good", "got it",
            "cool", "fine", "no problem", "no worries", "go ahead", "please do", "understood", "i see",
            "好", "好的", "好滴", "好嘞", "好吧", "好呀", "好啊", "嗯", "嗯嗯", "嗯好", "嗯好的", "哦", "哦哦", "噢", "可以",
            "可以的", "行", "行吧", "是", "是的", "是啊", "对", "对的", "对啊", "没问题", "收到", "知道了", "明白", "明白了",
            "了解", "了解了", "好的知道了", "好的明白了", "ok的", "okk");
    private static final Set<String> DONE = normalized(
            "no", "nope", "nah", "no thanks", "no thank you", "no thx", "no thanks i'm good", "no i'm good",
            "no i'm fine", "i'm good", "i'm fine", "i'm good thanks", "that's all", "that's it", "that's all thanks",
            "nothing else", "nothing", "nothing thanks", "all good", "no more questions", "no that's all",
            "thanks bye", "thank you bye", "thanks bye bye", "thanks goodbye", "thank you goodbye", "bye thanks",
            "bye thank you", "ok thanks bye", "okay thanks bye", "great thanks bye", "thanks see you",
            "谢谢再见", "谢谢拜拜", "谢谢，再见", "好的谢谢再见", "好的再见", "好的拜拜", "再见谢谢", "拜拜谢谢",
            "没有", "没有了", "没了", "没有啦", "没事", "没事了", "不用", "不用了", "不用了谢谢", "不需要", "不需要了",
            "就这些", "就这样", "就这样吧", "没有其他问题", "没有其他问题了", "没别的了", "没有别的了", "没有了谢谢",
            "没有了，谢谢");
    private static final Set<String> WRONG = normalized(
            "wrong", "that's wrong", "no that's wrong", "no that's not it", "that's not it", "not this", "not that",
            "not that one", "no not that", "not what i asked", "that's not what i asked", "that's not what i meant",
            "wrong answer", "you misunderstood", "incorrect",
            "不是", "不对", "不是的", "不是这个", "不是这样", "不是这个意思", "不是我要的", "不是我问的", "错了", "答错了",
            "答非所问", "你理解错了", "理解错了", "牛头不对马嘴");

    private ShortReplies() {
    }

    static Kind of(String text) {
        if (text == null || text.length() > 40) {
            return Kind.NONE;
        }
        String key = normalize(text);
        if (AFFIRM.contains(key)) {
            return Kind.AFFIRM;
        }
        if (DONE.contains(key)) {
            return Kind.DONE;
        }
        return WRONG.contains(key) ? Kind.WRONG : Kind.NONE;
    }

    /** NFKC (full-width to ASCII, "～" to "~"), apostrophes dropped ("im" is "i'm"), then as a quick-reply label. */
    static String normalize(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).replace("'", "").replace("’", "");
        return DialogueEngine.normalizedLabel(s);
    }

    private static Set<String> normalized(String... phrases) {
        return Stream.of(phrases).map(ShortReplies::normalize).collect(Collectors.toUnmodifiableSet());
    }
}
