package dev.concierge.bot.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concierge.bot.text.GuardedPatternTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The literal fragments in front of the dialogue's keyword expressions never hide a match. */
class GuardedPatternsTest {
    @Test
    void humanRequests() throws IOException {
        List<String> positives = List.of("Can I talk to an Agent?", "HUMAN please", "real person now", "转人工",
                "我要真人", "找客服人员", "转客服", "an operator", "a Representative, please");
        positives.forEach(t -> assertTrue(DialogueEngine.HUMAN.find(t), t));
        assertFalse(DialogueEngine.HUMAN.find("my agentless order"));
        assertFalse(DialogueEngine.HUMAN.find("Is the delivery agent coming today?"));
        assertFalse(DialogueEngine.HUMAN.find("my travel agent booked this"));
        assertTrue(DialogueEngine.HUMAN.find("I want a human agent"));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.HUMAN, positives) >= positives.size());
    }

    @Test
    void leavingTheQueue() throws IOException {
        List<String> positives = List.of("我自己查到了，取消排队", "不等了", "不用人工了", "cancel my request",
                "I don't need an agent anymore", "I'll stop waiting");
        positives.forEach(t -> assertTrue(DialogueEngine.LEAVE_QUEUE.find(t), t));
        assertFalse(DialogueEngine.LEAVE_QUEUE.find("I need an agent"));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.LEAVE_QUEUE, positives) >= positives.size());
    }

    @Test
    void accountSecurity() throws IOException {
        List<String> positives = List.of("我的账号被盗了", "有人盗号", "信用卡被盗刷", "异常登录提醒", "账号被人登录了",
                "未授权的扣款", "这不是我买的", "不是我付的", "I got HACKED", "stolen account", "My account was stolen",
                "account has been stolen", "an Unauthorized charge", "unauthorised purchase",
                "Someone logged into my account", "someone used my account");
        positives.forEach(t -> assertTrue(DialogueEngine.SECURITY.find(t), t));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.SECURITY, positives) >= positives.size());
    }

    @Test
    void followUps() throws IOException {
        List<String> arrival = List.of("什么时候能到", "啥时候到", "何时送达", "多久能收到", "几天到", "哪天能到",
                "When will it arrive?", "how long until it can get here", "ETA?");
        arrival.forEach(t -> assertTrue(DialogueEngine.FOLLOW_UP_ARRIVAL.find(t), t));
        assertFalse(DialogueEngine.FOLLOW_UP_ARRIVAL.find("退款什么时候到账"));
        assertFalse(DialogueEngine.FOLLOW_UP_ARRIVAL.find("几天能收到钱"));
        List<String> ratings = List.of("4分", "★★★", "非常满意", "3 stars", "4/5", "great service",
                "the agent was helpful", "谢谢，很好", "rating: 4", "Five stars");
        ratings.forEach(t -> assertTrue(DialogueEngine.RATING_LIKE.find(t), t));
        for (String t : List.of("asdkjh 4111 1111 1111 1111 qwe", "I ordered 3 but got 5",
                "my blender arrived broken, call me on 139 1234 5678", "<img src=x onerror=alert(1)>")) {
            assertFalse(DialogueEngine.RATING_LIKE.find(t), t);
        }
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.RATING_LIKE, ratings) >= ratings.size());
        List<String> complaints = List.of("我要投诉", "I want to complain", "a Complaint about the agent", "complaining");
        complaints.forEach(t -> assertTrue(DialogueEngine.COMPLAINT_WORDS.find(t), t));
        assertFalse(DialogueEngine.COMPLAINT_WORDS.find("no complaints, thanks"));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.COMPLAINT_WORDS, complaints)
                >= complaints.size());
        List<String> refund = List.of("退款", "退钱了吗", "到账", "my Refund", "money back");
        refund.forEach(t -> assertTrue(DialogueEngine.REFUND_WORDS.find(t), t));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.REFUND_WORDS, refund) >= refund.size());
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.FOLLOW_UP_ARRIVAL, arrival)
                >= arrival.size());
        List<String> followUp = List.of("那退货呢", "那么运费呢", "还有呢", "那个呢", "它多少钱", "And the refund?",
                "What about shipping?", "how about returns", "Also the invoice");
        followUp.forEach(t -> assertTrue(DialogueEngine.FOLLOW_UP.find(t), t));
        assertTrue(GuardedPatternTest.assertSameAsExpression(DialogueEngine.FOLLOW_UP, followUp) >= followUp.size());
    }

    @Test
    void flowsKeywords() throws IOException {
        List<String> defects = List.of("质量问题", "屏幕坏了", "破了", "有裂缝", "损坏", "有瑕疵", "故障", "不能用", "不工作",
                "漏水", "有划痕", "污渍", "很脏", "Defective", "BROKEN", "damaged box", "cracked", "faulty", "it doesn't work",
                "doesnt work", "not working", "Stopped working", "a scratch", "torn", "leaks", "a stain");
        defects.forEach(t -> assertTrue(Flows.DEFECT.find(t), t));
        assertTrue(GuardedPatternTest.assertSameAsExpression(Flows.DEFECT, defects) >= defects.size());
        List<String> reasons = List.of("发错货了", "买错了", "尺码不合适", "太大了", "偏小", "不喜欢", "不想要了", "有色差",
                "与描述不符", "货不对板", "Wrong size", "the wrong item", "too small", "TOO tight", "it doesn't fit",
                "didnt fit", "I changed my mind", "I don't like it", "not as described", "you sent me the wrong colour");
        reasons.forEach(t -> assertTrue(Flows.STATED_REASON.find(t), t));
        assertFalse(Flows.STATED_REASON.find("I want to return my order"));
        assertTrue(GuardedPatternTest.assertSameAsExpression(Flows.STATED_REASON, reasons) >= reasons.size());
        List<String> noPhoto = List.of("没有相机", "没法拍照", "拍不了", "我没拍照片", "发不了图", "no camera",
                "I can't take a photo", "cannot send a picture", "I don't have a photo", "go ahead without a photo",
                "skip the photo", "my Camera is broken");
        noPhoto.forEach(t -> assertTrue(Flows.NO_PHOTO.find(t), t));
        assertFalse(Flows.NO_PHOTO.find("here is the photo"));
        assertTrue(GuardedPatternTest.assertSameAsExpression(Flows.NO_PHOTO, noPhoto) >= noPhoto.size());
        List<String> recent = List.of("最近的订单", "最新那个", "上一个", "刚买的", "the Latest one", "recent order",
                "my last order", "Most recent");
        recent.forEach(t -> assertTrue(Flows.RECENT.find(t), t));
        assertTrue(GuardedPatternTest.assertSameAsExpression(Flows.RECENT, recent) >= recent.size());
    }

    @Test
    void trailingPunctuationIsTheCharacterClassPlusWhiteSpace() {
        java.util.regex.Pattern cls = java.util.regex.Pattern.compile("[\\p{Punct}\\p{IsPunctuation}\\s]");
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            int cp = c;
            boolean expected = cls.matcher(new String(Character.toChars(c))).matches() || Character.isWhitespace(c);
            assertEquals(expected, DialogueEngine.isPunctuationOrSpace(c), () -> "U+" + Integer.toHexString(cp));
        }
    }
}
