package dev.concierge.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTextStripperTest {

    @Test
    void stripsGmailStyleHistoryAndSignature() {
        String mail = """
                Where is my order 12345? It has been a week.

                Thanks,
                Li Wei
                Acme Corp

                On Mon, Nov 20, 2026 at 10:00 AM Support <support@example.com> wrote:
                > Your order has shipped.
                > Regards
                """;
        assertThat(QuotedTextStripper.strip(mail)).isEqualTo("Where is my order 12345? It has been a week.");
    }

    @Test
    void stripsWrappedOnWroteLine() {
        String mail = "Still broken.\n\nOn Mon, Nov 20, 2026 at 10:00 AM Customer Service Team\n<support@example.com> wrote:\n> old";
        assertThat(QuotedTextStripper.strip(mail)).isEqualTo("Still broken.");
    }

    @Test
    void stripsOutlookOriginalMessageAndHeaderBlocks() {
        assertThat(QuotedTextStripper.strip("Please refund.\n-----Original Message-----\nFrom: x\nold text"))
                .isEqualTo("Please refund.");
        assertThat(QuotedTextStripper.strip("Please refund.\n\nFrom: Support <s@example.com>\nSent: Monday\nTo: me\nold"))
                .isEqualTo("Please refund.");
    }

    @Test
    void stripsChineseQuoteHeadersAndSignOffs() {
        String mail = "我的快递还没到，请帮我查一下。\n\n谢谢\n张三\n\n在 2026年11月20日 10:00，客服 <support@example.com> 写道：\n> 您好";
        assertThat(QuotedTextStripper.strip(mail)).isEqualTo("我的快递还没到，请帮我查一下。");
        String outlook = "请退款。\n\n发件人: 客服 <support@example.com>\n发送时间: 2026年11月20日\n收件人: 我\n主题: 订单";
        assertThat(QuotedTextStripper.strip(outlook)).isEqualTo("请退款。");
    }

    @Test
    void stripsDashDashSignatureAndMobileFooters() {
        assertThat(QuotedTextStripper.strip("Refund please.\n-- \nJohn Smith\n+1 555 0100")).isEqualTo("Refund please.");
        assertThat(QuotedTextStripper.strip("Refund please.\n\nSent from my iPhone")).isEqualTo("Refund please.");
        assertThat(QuotedTextStripper.strip("退款\n\n发自我的iPhone")).isEqualTo("退款");
    }

    @Test
    void keepsTextThatMerelyStartsWithThanks() {
        String mail = "Thanks, but where is my parcel?\nIt was due Monday.";
        assertThat(QuotedTextStripper.strip(mail)).isEqualTo(mail);
        assertThat(QuotedTextStripper.strip("Thanks")).isEqualTo("Thanks");
    }
}
