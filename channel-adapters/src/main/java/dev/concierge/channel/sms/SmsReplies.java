package dev.concierge.channel.sms;

/**
 * The fixed compliance replies, in the language of the keyword the shopper sent: "STOP" gets English, "退订" and
 * "TD" (the Chinese carriers' unsubscribe code) get Chinese. They were both languages in one message, which on a
 * Chinese number costs a second segment and on either reads as noise.
 */
record SmsReplies(String stopZh, String stopEn, String startZh, String startEn, String helpZh, String helpEn) {
    static SmsReplies defaults() {
        return new SmsReplies(
                "您已退订，将不再收到本号码的短信。回复“订阅”可恢复。",
                "You are unsubscribed and will get no more messages. Reply START to resubscribe.",
                "您已恢复订阅。回复“退订”可退订。",
                "You are subscribed again. Reply STOP to unsubscribe.",
                "客服帮助：直接回复您的问题即可。回复“退订”可退订。",
                "Support: just reply with your question. Reply STOP to unsubscribe.");
    }

    /** The reply to {@code keyword}, in the language of {@code body}, the keyword as the shopper typed it. */
    String to(SmsKeyword keyword, String body) {
        boolean chinese = SmsKeyword.isChinese(body);
        return switch (keyword) {
            case STOP -> chinese ? stopZh : stopEn;
            case START -> chinese ? startZh : startEn;
            case HELP -> chinese ? helpZh : helpEn;
        };
    }
}
