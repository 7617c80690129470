package dev.concierge.channel.sms;

/** The fixed compliance replies, bilingual because our customers write in Chinese and English. */
record SmsReplies(String stopConfirmation, String startConfirmation, String help) {
    static SmsReplies defaults() {
        return new SmsReplies(
                "您已退订，将不再收到本号码的短信。回复START可恢复。You are unsubscribed and will get no more messages. Reply START to resubscribe.",
                "您已恢复订阅。You are subscribed again. Reply STOP to unsubscribe.",
                "客服帮助：直接回复您的问题即可。回复STOP退订。Support: just reply with your question. Reply STOP to unsubscribe.");
    }
}
