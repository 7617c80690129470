package dev.concierge.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void dropsScriptsStylesAndDecodesEntitiesKeepingLineBreaks() {
        String html = "<html><head><style>p{color:red}</style><title>t</title></head><body>"
                + "<script>alert('x')</script><p>Hello&nbsp;there &amp; welcome &lt;3</p>"
                + "<div>Order&#160;<b>12345</b><br>arrived   broken</div><ul><li>one</li><li>two</li></ul>"
                + "<p>&#20320;&#22909; 你好</p></body></html>";
        assertThat(HtmlToText.convert(html)).isEqualTo("Hello there & welcome <3\nOrder 12345\narrived broken\n"
                + "- one\n- two\n你好 你好");
    }

    @Test
    void dropsQuotedHistoryContainers() {
        String html = "<div>New question</div><div class=\"gmail_quote\">On Mon wrote:<blockquote>old</blockquote></div>";
        assertThat(HtmlToText.convert(html)).isEqualTo("New question");
    }

    @Test
    void survivesBrokenHtml() {
        assertThat(HtmlToText.convert("<p>unclosed <b>bold <div>x")).isEqualTo("unclosed bold\nx");
        assertThat(HtmlToText.convert("")).isEmpty();
    }
}
