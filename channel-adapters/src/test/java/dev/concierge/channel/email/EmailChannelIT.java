package dev.concierge.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.concierge.channel.InboundMessage;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.RecordingInboundHandler;
import dev.concierge.channel.WebhookRequest;
import dev.concierge.channel.WebhookResponse;
import dev.concierge.channel.dedupe.InMemoryIdempotencyStore;
import dev.concierge.channel.outbox.InMemoryOutboxStore;
import dev.concierge.channel.outbox.OutboxDispatcher;
import dev.concierge.channel.outbox.OutboxEntry;
import dev.concierge.channel.outbox.OutboxStatus;
import dev.concierge.channel.outbox.RetryPolicy;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.Identity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The email channel against real protocol peers: a Jakarta Mail SMTP client session delivers to our listener,
 * GreenMail plays the outbound relay, and the webhook path gets the same mails as a provider would post them.
 */
class EmailChannelIT {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private static final String KEY = "webhook-signing-key-0123456789";
    private static final String SUPPORT = "support@shop.example.com";
    private static final String CUSTOMER = "li.wei@customer.example.org";

    private GreenMail relay;
    private EmailSettings settings;
    private InMemoryEmailThreadStore threads;
    private RecordingInboundHandler handler;
    private SmtpInboundListener listener;
    private EmailWebhookHandler webhook;
    private OutboxDispatcher dispatcher;
    private Session client;

    @BeforeEach
    void start() {
        relay = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        relay.start();
        settings = new EmailSettings(SUPPORT, 0, "127.0.0.1", relay.getSmtp().getPort(), KEY,
                EmailSettings.DEFAULT_MAX_MESSAGE_BYTES, EmailSettings.DEFAULT_MAX_ATTACHMENT_BYTES, Duration.ofSeconds(10));
        threads = new InMemoryEmailThreadStore();
        handler = new RecordingInboundHandler();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InMemoryIdempotencyStore dedupe = new InMemoryIdempotencyStore(clock);
        EmailInbound inbound = new EmailInbound(threads, dedupe, handler, clock);
        listener = new SmtpInboundListener(settings, new MimeEmailParser(settings.maxAttachmentBytes()), inbound);
        listener.start();
        webhook = new EmailWebhookHandler(settings, dedupe, inbound, clock);
        dispatcher = new OutboxDispatcher(List.of(new EmailOutputChannel(settings, threads)), new InMemoryOutboxStore(),
                new RetryPolicy(2, 4, Duration.ofMillis(10), Duration.ofSeconds(1)), Clock.systemUTC(), d -> { });
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(listener.port()));
        p.setProperty("mail.smtp.connectiontimeout", "5000");
        p.setProperty("mail.smtp.timeout", "20000");
        client = Session.getInstance(p);
    }

    @AfterEach
    void stop() {
        listener.stop();
        relay.stop();
    }

    private MimeMessage customerMail(String subject, String text, String html, byte[] photo) throws Exception {
        MimeMessage m = new MimeMessage(client);
        m.setFrom(new InternetAddress(CUSTOMER, "Li Wei"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        m.setSubject(subject, "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        alternative.addBodyPart(plain);
        if (html != null) {
            MimeBodyPart h = new MimeBodyPart();
            h.setContent(html, "text/html; charset=UTF-8");
            alternative.addBodyPart(h);
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        if (photo != null) {
            MimeBodyPart att = new MimeBodyPart();
            att.setContent(photo, "image/jpeg");
            att.setFileName("defect.jpg");
            att.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(att);
        }
        m.setContent(mixed);
        return m;
    }

    private static final String QUOTED_TEXT = """
            The kettle I received is cracked, order 20261120-88. Can I get a replacement?

            Best regards,
            Li Wei

            On Mon, Nov 20, 2026 at 10:00 AM Shop Support <support@shop.example.com> wrote:
            > Thank you for your order.
            """;

    @Test
    void aRealSmtpSessionDeliversANormalisedMessage() throws Exception {
        byte[] photo = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4};
        Transport.send(customerMail("Cracked kettle", QUOTED_TEXT, "<p>The kettle</p>", photo));

        assertThat(handler.messages()).hasSize(1);
        InboundMessage m = handler.messages().get(0);
        assertThat(m.channel()).isEqualTo(Channel.EMAIL);
        assertThat(m.sender()).isEqualTo(Identity.email(CUSTOMER));
        assertThat(m.text()).isEqualTo("The kettle I received is cracked, order 20261120-88. Can I get a replacement?");
        assertThat(m.attachments()).hasSize(1);
        assertThat(m.attachments().get(0).name()).isEqualTo("defect.jpg");
        assertThat(m.attachments().get(0).contentType()).isEqualTo("image/jpeg");
        assertThat(m.attachments().get(0).content()).isEqualTo(photo);
        assertThat(m.metadata()).containsEntry("email.subject", "Cracked kettle")
                .containsEntry(InboundMessage.SENDER_NAME, "Li Wei");
        assertThat(m.threadHint()).isNull();
    }

    @Test
    void htmlOnlyMailIsConvertedAndStripped() throws Exception {
        MimeMessage m = new MimeMessage(client);
        m.setFrom(new InternetAddress(CUSTOMER));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        m.setSubject("退款", "UTF-8");
        m.setContent("<html><style>.x{}</style><body><div>我的退款什么时候到账？&nbsp;订单&nbsp;123</div>"
                + "<div>谢谢</div><div class=\"gmail_quote\">在 2026年11月20日 写道：<blockquote>旧邮件</blockquote></div>"
                + "<script>x()</script></body></html>", "text/html; charset=UTF-8");
        Transport.send(m);
        InboundMessage in = handler.messages().get(0);
        assertThat(in.text()).isEqualTo("我的退款什么时候到账？ 订单 123");
        assertThat(in.localeHint()).isEqualTo("zh");
    }

    @Test
    void replyIsThreadedAndTheCustomersAnswerFindsTheConversation() throws Exception {
        MimeMessage first = customerMail("Cracked kettle", QUOTED_TEXT, null, null);
        Transport.send(first);
        String customerId = first.getMessageID(); // assigned by the client's saveChanges during send
        ConversationId conversation = handler.conversations().get(0);

        OutboxEntry sent = dispatcher.submit(Channel.EMAIL,
                OutboundMessage.text(conversation, Identity.email(CUSTOMER), "Sorry about that! A replacement is on its way."));
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);

        assertThat(relay.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage reply = relay.getReceivedMessages()[0];
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(customerId);
        assertThat(reply.getHeader("References", null)).contains(customerId);
        assertThat(reply.getSubject()).isEqualTo("Re: Cracked kettle");
        assertThat(reply.getMessageID()).isEqualTo("<" + sent.providerMessageId() + ">");
        assertThat(reply.getReplyTo()[0].toString()).startsWith("support+c-").endsWith("@shop.example.com");
        assertThat(reply.getAllRecipients()[0].toString()).isEqualTo(CUSTOMER);
        assertThat(((String) reply.getContent()).strip()).isEqualTo("Sorry about that! A replacement is on its way.");

        // the customer answers: a normal client sets In-Reply-To to our Message-ID
        MimeMessage answer = customerMail("Re: Cracked kettle", "Great, thank you!\n\nOn Tue wrote:\n> Sorry", null, null);
        answer.setHeader("In-Reply-To", reply.getMessageID());
        answer.setHeader("References", customerId + " " + reply.getMessageID());
        Transport.send(answer);
        assertThat(handler.messages()).hasSize(2);
        assertThat(handler.messages().get(1).threadHint()).isEqualTo(conversation);
        assertThat(handler.messages().get(1).text()).isEqualTo("Great, thank you!");

        // a client that drops the headers still reaches the conversation through the reply address token
        MimeMessage bare = customerMail("kettle again", "One more question about the kettle.", null, null);
        bare.setRecipients(Message.RecipientType.TO, reply.getReplyTo());
        Transport.send(bare);
        assertThat(handler.messages().get(2).threadHint()).isEqualTo(conversation);

        // the second reply carries the whole thread in References
        dispatcher.submit(Channel.EMAIL, OutboundMessage.text(conversation, Identity.email(CUSTOMER), "Anything else?"));
        assertThat(relay.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage second = relay.getReceivedMessages()[1];
        assertThat(second.getHeader("References", null)).contains(customerId).contains(reply.getMessageID());
        assertThat(second.getSubject()).isEqualTo("Re: Cracked kettle");
    }

    @Test
    void theSameMailTwiceIsOneMessage() throws Exception {
        MimeMessage m = customerMail("dup", "Where is my parcel?", null, null);
        m.saveChanges();
        Transport.send(m);
        Transport t = client.getTransport("smtp");
        t.connect();
        t.sendMessage(m, m.getAllRecipients()); // resend the identical message (same Message-ID)
        t.close();
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void aStoreFailureIsATemporarySmtpErrorAndTheRetryGetsIn() throws Exception {
        MimeMessage m = customerMail("retry", "Where is my parcel?", null, null);
        m.saveChanges();
        handler.setFailing(true);
        Throwable t = catchThrowable(() -> Transport.send(m));
        assertThat(t).isInstanceOf(MessagingException.class);
        assertThat(smtpCode(t)).isEqualTo(451);
        handler.setFailing(false);
        Transport t2 = client.getTransport("smtp"); // the sending server retries the very same message
        t2.connect();
        t2.sendMessage(m, m.getAllRecipients());
        t2.close();
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void mailForOtherDomainsIsRefusedAtRcpt() throws Exception {
        MimeMessage m = customerMail("spam", "hello", null, null);
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@elsewhere.example.net"));
        Throwable t = catchThrowable(() -> Transport.send(m));
        assertThat(t).isInstanceOf(MessagingException.class);
        assertThat(handler.messages()).isEmpty();
    }

    @Test
    void repliesShareAKeptConnectionAndARestartedRelayGetsANewOne() throws Exception {
        ConversationId conversation = new ConversationId("c-kept");
        for (int i = 1; i <= 3; i++) {
            assertThat(dispatcher.submit(Channel.EMAIL, OutboundMessage.text(conversation, Identity.email(CUSTOMER),
                    "Reply " + i)).status()).isEqualTo(OutboxStatus.SENT);
        }
        assertThat(relay.waitForIncomingEmail(5000, 3)).isTrue();
        int port = relay.getSmtp().getPort();
        relay.stop(); // the kept connection is now dead
        relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
        assertThat(dispatcher.submit(Channel.EMAIL, OutboundMessage.text(conversation, Identity.email(CUSTOMER),
                "After the restart")).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(relay.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(((String) relay.getReceivedMessages()[0].getContent()).strip()).isEqualTo("After the restart");
    }

    @Test
    void anUnreachableRelayLeavesTheReplyInTheOutboxUntilItIsBack() throws Exception {
        InMemoryOutboxStore store = new InMemoryOutboxStore();
        EmailSettings down = new EmailSettings(SUPPORT, -1, "127.0.0.1", 1, "", 1024 * 1024, 1024,
                Duration.ofSeconds(2));
        OutboxDispatcher failing = new OutboxDispatcher(List.of(new EmailOutputChannel(down, threads)), store,
                new RetryPolicy(2, 5, Duration.ofMillis(1), Duration.ofMillis(10)), Clock.systemUTC(), d -> { });
        OutboxEntry e = failing.submit(Channel.EMAIL,
                OutboundMessage.text(new ConversationId("c-9"), Identity.email(CUSTOMER), "Your refund is done."));
        assertThat(e.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(e.lastError()).contains("unreachable");

        OutboxDispatcher recovered = new OutboxDispatcher(List.of(new EmailOutputChannel(settings, threads)), store,
                RetryPolicy.defaults(), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), d -> { });
        assertThat(recovered.drainOnce(5)).isEqualTo(1);
        assertThat(store.find(e.id()).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(relay.waitForIncomingEmail(5000, 1)).isTrue();
    }

    // --- the webhook path

    private MultipartForm signedForm(long timestamp, String token) {
        return new MultipartForm().field("timestamp", Long.toString(timestamp)).field("token", token)
                .field("signature", new EmailWebhookSignature(KEY).sign(Long.toString(timestamp), token));
    }

    private WebhookResponse post(MultipartForm form) {
        return webhook.handle(new WebhookRequest("POST", "/webhooks/email/inbound", Map.of(), Map.of(), form.body(),
                form.contentType(), "127.0.0.1"));
    }

    @Test
    void theWebhookPathNormalisesAndThreadsTheSameWay() throws Exception {
        byte[] photo = {9, 8, 7, 6};
        WebhookResponse r = post(signedForm(NOW.getEpochSecond(), "tok-1")
                .field("from", "Li Wei <" + CUSTOMER + ">").field("to", SUPPORT).field("subject", "Cracked kettle")
                .field("text", QUOTED_TEXT).field("html", "<p>ignored when text is present</p>")
                .field("headers", "Message-ID: <cust-1@customer.example.org>\r\nFrom: " + CUSTOMER)
                .file("attachment1", "defect.jpg", "image/jpeg", photo));
        assertThat(r.status()).isEqualTo(200);
        InboundMessage m = handler.messages().get(0);
        assertThat(m.text()).isEqualTo("The kettle I received is cracked, order 20261120-88. Can I get a replacement?");
        // the From display name, for the agent's card
        assertThat(m.metadata()).containsEntry(InboundMessage.SENDER_NAME, "Li Wei");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("defect.jpg");
            assertThat(a.content()).isEqualTo(photo);
        });
        ConversationId conversation = handler.conversations().get(0);

        OutboxEntry sent = dispatcher.submit(Channel.EMAIL,
                OutboundMessage.text(conversation, Identity.email(CUSTOMER), "A replacement is on its way."));
        assertThat(relay.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(relay.getReceivedMessages()[0].getHeader("In-Reply-To", null)).isEqualTo("<cust-1@customer.example.org>");

        WebhookResponse answer = post(signedForm(NOW.getEpochSecond(), "tok-2").field("from", CUSTOMER)
                .field("to", SUPPORT).field("subject", "Re: Cracked kettle")
                .field("html", "<div>Thanks!</div><blockquote>old</blockquote>")
                .field("headers", "Message-ID: <cust-2@customer.example.org>\r\nIn-Reply-To: <"
                        + sent.providerMessageId() + ">"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(handler.messages().get(1).threadHint()).isEqualTo(conversation);
        assertThat(handler.messages().get(1).text()).isEqualTo("Thanks!");
    }

    @Test
    void badSignatureStaleTimestampAndReplayedTokenAreRejected() {
        MultipartForm forged = new MultipartForm().field("timestamp", Long.toString(NOW.getEpochSecond()))
                .field("token", "tok-x").field("signature", "00".repeat(32)).field("from", CUSTOMER).field("text", "hi");
        assertThat(post(forged).status()).isEqualTo(403);
        MultipartForm unsigned = new MultipartForm().field("from", CUSTOMER).field("text", "hi");
        assertThat(post(unsigned).status()).isEqualTo(403);
        WebhookResponse stale = post(signedForm(NOW.minusSeconds(301).getEpochSecond(), "tok-y")
                .field("from", CUSTOMER).field("text", "hi"));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("stale");
        assertThat(post(signedForm(NOW.getEpochSecond(), "tok-z").field("from", CUSTOMER).field("text", "hi"))
                .status()).isEqualTo(200);
        WebhookResponse replay = post(signedForm(NOW.getEpochSecond(), "tok-z").field("from", CUSTOMER)
                .field("text", "hi again"));
        assertThat(replay.status()).isEqualTo(403);
        assertThat(replay.body()).contains("replayed");
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void urlencodedWebhookPostsWorkAndAutoRepliesAreIgnored() {
        long ts = NOW.getEpochSecond();
        String sig = new EmailWebhookSignature(KEY).sign(Long.toString(ts), "tok-u");
        String form = "timestamp=" + ts + "&token=tok-u&signature=" + sig + "&from=" + CUSTOMER.replace("@", "%40")
                + "&subject=%E9%80%80%E6%AC%BE&body-plain=%E8%AF%B7%E9%80%80%E6%AC%BE";
        WebhookResponse r = webhook.handle(new WebhookRequest("POST", "/webhooks/email/inbound", Map.of(), Map.of(),
                form.getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(handler.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("请退款");
            assertThat(m.metadata()).containsEntry("email.subject", "退款");
        });

        WebhookResponse auto = post(signedForm(ts, "tok-auto").field("from", CUSTOMER).field("text", "I am away")
                .field("headers", "Auto-Submitted: auto-replied"));
        assertThat(auto.status()).isEqualTo(200);
        assertThat(auto.body()).isEqualTo("ignored");
        assertThat(handler.messages()).hasSize(1);
    }

    // --- malformed input, on both paths

    private static byte[] raw(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String BROKEN_MIME = """
            From: li.wei@customer.example.org
            To: support@shop.example.com
            Subject: broken
            Message-ID: <broken-1@x>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="never-used"

            there is no boundary anywhere in this body
            """;

    private static final String BAD_CHARSET = """
            From: li.wei@customer.example.org
            To: support@shop.example.com
            Subject: charset
            Message-ID: <charset-1@x>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=x-no-such-charset

            hello
            """;

    private static final String NO_FROM = """
            To: support@shop.example.com
            Subject: anonymous
            Message-ID: <nofrom-1@x>
            Content-Type: text/plain; charset=utf-8

            hello
            """;

    private static byte[] invalidUtf8Mail() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(raw("""
                From: li.wei@customer.example.org
                To: support@shop.example.com
                Subject: bytes
                Message-ID: <utf8-1@x>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                """));
        out.writeBytes(new byte[] {'h', 'i', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, '\r', '\n'});
        return out.toByteArray();
    }

    private static byte[] twentyMegabyteAttachmentMail() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(CUSTOMER));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        m.setSubject("video of the defect");
        MimeMultipart mixed = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("see attached", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart big = new MimeBodyPart();
        byte[] bytes = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(bytes);
        big.setContent(bytes, "application/octet-stream");
        big.setFileName("defect.mp4");
        mixed.addBodyPart(big);
        m.setContent(mixed);
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    /** Sends raw bytes over SMTP as they are (no client-side rewriting) and returns the SMTP reply code. */
    private int sendRaw(byte[] mail) throws Exception {
        MimeMessage m = new MimeMessage(client, new ByteArrayInputStream(mail));
        Transport t = client.getTransport("smtp");
        t.connect();
        try {
            t.sendMessage(m, new InternetAddress[] {new InternetAddress(SUPPORT)});
            return 250;
        } catch (MessagingException e) {
            return smtpCode(e);
        } finally {
            t.close();
        }
    }

    private static int smtpCode(Throwable t) {
        for (Throwable c = t; c != null; c = c instanceof MessagingException me && me.getNextException() != null
                ? me.getNextException() : c.getCause()) {
            if (c instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        throw new AssertionError("no SMTP reply code in " + t);
    }

    @Test
    void malformedMailIsRefusedOverSmtpWith5xx() throws Exception {
        assertThat(sendRaw(raw(BROKEN_MIME))).isEqualTo(554);
        assertThat(sendRaw(raw(BAD_CHARSET))).isEqualTo(554);
        assertThat(sendRaw(invalidUtf8Mail())).isEqualTo(554);
        assertThat(sendRaw(raw(NO_FROM))).isEqualTo(554);
        assertThat(sendRaw(twentyMegabyteAttachmentMail())).isEqualTo(552);
        assertThat(handler.messages()).isEmpty();
        // the listener is still healthy
        Transport.send(customerMail("ok", "Where is my parcel?", null, null));
        assertThat(handler.messages()).hasSize(1);
    }

    @Test
    void malformedWebhookPostsAreAClear4xx() throws Exception {
        long ts = NOW.getEpochSecond();
        WebhookResponse brokenMultipart = webhook.handle(new WebhookRequest("POST", "/webhooks/email/inbound", Map.of(),
                Map.of(), "--nope\r\nno headers here".getBytes(StandardCharsets.US_ASCII),
                "multipart/form-data; boundary=other", ""));
        assertThat(brokenMultipart.status()).isEqualTo(400);

        WebhookResponse badCharset = post(signedForm(ts, "t1").field("from", CUSTOMER)
                .rawField("text", "text/plain; charset=x-bogus", "hi".getBytes(StandardCharsets.US_ASCII)));
        assertThat(badCharset.status()).isEqualTo(415);
        assertThat(badCharset.body()).contains("charset");

        WebhookResponse badUtf8 = post(signedForm(ts, "t2").field("from", CUSTOMER)
                .rawField("text", "text/plain; charset=utf-8", new byte[] {'h', (byte) 0xC3, (byte) 0x28}));
        assertThat(badUtf8.status()).isEqualTo(400);
        assertThat(badUtf8.body()).contains("UTF-8");

        WebhookResponse missingFrom = post(signedForm(ts, "t3").field("text", "hi"));
        assertThat(missingFrom.status()).isEqualTo(400);
        assertThat(missingFrom.body()).contains("from");

        WebhookResponse empty = post(signedForm(ts, "t4").field("from", CUSTOMER).field("text", "   "));
        assertThat(empty.status()).isEqualTo(422);

        byte[] twenty = new byte[20 * 1024 * 1024];
        WebhookResponse big = post(signedForm(ts, "t5").field("from", CUSTOMER).field("text", "video attached")
                .file("attachment1", "defect.mp4", "video/mp4", twenty));
        assertThat(big.status()).isEqualTo(413);

        WebhookResponse wrongType = webhook.handle(new WebhookRequest("POST", "/webhooks/email/inbound", Map.of(),
                Map.of(), "{}".getBytes(StandardCharsets.US_ASCII), "application/json", ""));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(handler.messages()).isEmpty();
    }
}
