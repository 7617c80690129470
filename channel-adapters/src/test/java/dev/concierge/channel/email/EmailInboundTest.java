package dev.concierge.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.InboundMessage;
import dev.concierge.channel.RecordingInboundHandler;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.core.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailInboundTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
    private final RecordingInboundHandler handler = new RecordingInboundHandler();
    private final EmailInbound inbound = new EmailInbound(new InMemoryEmailThreadStore(),
            new InMemoryIdempotencyStore(clock), handler, clock);

    private static ParsedEmail mail(String text) {
        return new ParsedEmail("li.wei@customer.example", "", List.of("support@shop.example"), "Long complaint",
                "long-1@customer.example", "", List.of(), text, "", List.of(), false, "fp-long-1");
    }

    @Test
    void aMailTooLongForOneMessageIsMarkedAndKeptWholeAsAFile() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 55_000; i++) {
            body.append("Line ").append(i).append(": the parcel arrived damaged and the box was open.\n");
        }
        String full = body.toString().strip();

        inbound.accept(mail(full));

        InboundMessage m = handler.messages().get(0);
        // before: silently cut at 32,000 characters
        assertThat(m.text()).hasSizeLessThanOrEqualTo(Message.MAX_TEXT_CHARS)
                .startsWith(full.substring(0, 1_000))
                .endsWith("[message truncated: " + full.length() + " characters, the full text is attached as"
                        + " full-message.txt / 邮件过长已截断，全文见附件 full-message.txt]");
        InboundAttachment file = m.attachments().get(0);
        assertThat(file.name()).isEqualTo("full-message.txt");
        assertThat(file.contentType()).startsWith("text/plain");
        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo(full);
    }

    @Test
    void aMailThatFitsIsUntouched() throws Exception {
        inbound.accept(mail("Where is my parcel?"));
        assertThat(handler.messages().get(0).text()).isEqualTo("Where is my parcel?");
        assertThat(handler.messages().get(0).attachments()).isEmpty();
    }

    @Test
    void truncationNeverSplitsACharacter() {
        String emoji = "📦".repeat(20_000); // surrogate pairs
        String cut = EmailInbound.truncated(emoji);
        assertThat(cut).hasSizeLessThanOrEqualTo(Message.MAX_TEXT_CHARS);
        String kept = cut.substring(0, cut.indexOf("\n\n[message truncated"));
        assertThat(kept.codePoints().allMatch(c -> c == "📦".codePointAt(0))).isTrue();
    }
}
