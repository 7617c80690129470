package dev.concierge.channel.sms;

/**
 * The fixed compliance replies, in the language of the keyword the shopper sent: "STOP" gets English, "退订" and
 * "TD" (the Chinese carriers' unsubscribe code) get Chinese. They were both languages in one message, which on a
 * Chinese number costs a second segment and on either reads as noise.
 */
record SmsReplies(Texts zh, Texts en) {

    /**
     * One language's replies.
     *
     * @param stopNothingElseDone the opt-out confirmation for a keyword that is also an everyday word ("cancel",
     *                            "end", "quit", "T"): says that the request it may have answered was not carried out
     * @param helpOptedOut        HELP from an opted-out number: it is answered all the same, and says how to opt in
     */
    record Texts(String stop, String stopNothingElseDone, String start, String help, String helpOptedOut) {
    }

    static SmsReplies defaults() {
        return new SmsReplies(
                new Texts("您已退订，将不再收到本号码的短信。回复“订阅”可恢复。",
                        "您已退订，将不再收到本号码的短信。其他请求（如取消订单）均未处理。回复“订阅”可恢复后再告诉我们。",
                        "您已恢复订阅。回复“退订”可退订。",
                        "客服帮助：直接回复您的问题即可。回复“退订”可退订。",
                        "客服帮助：您已退订，不会收到本号码的短信。回复“订阅”可恢复，然后直接回复您的问题。"),
                new Texts("You are unsubscribed and will get no more messages. Reply START to resubscribe.",
                        "You are unsubscribed and will get no more messages. Nothing else was done: no order was"
                                + " cancelled. Reply START to resubscribe, then ask again.",
                        "You are subscribed again. Reply STOP to unsubscribe.",
                        "Support: just reply with your question. Reply STOP to unsubscribe.",
                        "Support: you are unsubscribed and get no messages from us. Reply START to resubscribe, then"
                                + " send your question."));
    }

    /**
     * The reply to {@code keyword}, in the language of {@code body}, the keyword as the shopper typed it.
     *
     * @param optedOut whether the number is opted out (after the keyword took effect)
     */
    String to(SmsKeyword keyword, String body, boolean optedOut) {
        Texts texts = SmsKeyword.isChinese(body) ? zh : en;
        return switch (keyword) {
            case STOP -> SmsKeyword.isEverydayWord(body) ? texts.stopNothingElseDone() : texts.stop();
            case START -> texts.start();
            case HELP -> optedOut ? texts.helpOptedOut() : texts.help();
        };
    }
}
