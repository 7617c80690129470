package dev.concierge.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormFieldsTest {

    @Test
    void decodesPercentPlusAndUtf8() throws Exception {
        FormFields f = FormFields.parse("Body=%E4%BD%A0%E5%A5%BD+there&From=%2B86138&Empty=&Flag"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(f.firstOrEmpty("Body")).isEqualTo("你好 there");
        assertThat(f.firstOrEmpty("From")).isEqualTo("+86138");
        assertThat(f.first("Empty")).contains("");
        assertThat(f.first("Flag")).contains("");
        assertThat(f.first("Missing")).isEmpty();
    }

    @Test
    void rejectsBrokenEscapesAndInvalidUtf8() {
        assertThatThrownBy(() -> FormFields.parse("a=%E4%BD".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> FormFields.parse("a=%zz".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> FormFields.parse("a=%4".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void usesTheServersDecodedFieldsWhenThereIsNoBody() throws Exception {
        WebhookRequest r = new WebhookRequest("POST", "/x", Map.of(), Map.of("Body", List.of("hi")), null,
                "application/x-www-form-urlencoded", "");
        assertThat(FormFields.of(r).firstOrEmpty("Body")).isEqualTo("hi");
        WebhookRequest json = new WebhookRequest("POST", "/x", Map.of(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", "");
        assertThatThrownBy(() -> FormFields.of(json)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void publicUrlKeepsPathAndQueryAndABasePath() {
        PublicUrl u = new PublicUrl(URI.create("https://example.com/concierge"));
        assertThat(u.resolve("http://10.1.1.1:8080/webhooks/sms/inbound?a=1&b=%20"))
                .isEqualTo("https://example.com/concierge/webhooks/sms/inbound?a=1&b=%20");
        assertThat(u.resolve("/concierge/webhooks/sms/inbound")).isEqualTo("https://example.com/concierge/webhooks/sms/inbound");
    }

    @Test
    void webhookRequestHeadersAreCaseInsensitive() {
        WebhookRequest r = new WebhookRequest("POST", "/x", Map.of("X-Twilio-Signature", List.of("s")), Map.of(), null,
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8", "");
        assertThat(r.header("x-twilio-signature")).contains("s");
        assertThat(r.mediaType()).isEqualTo("application/x-www-form-urlencoded");
    }
}
