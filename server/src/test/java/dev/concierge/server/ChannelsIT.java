package dev.concierge.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.concierge.channel.ChannelSettings;
import dev.concierge.channel.email.EmailInbound;
import dev.concierge.channel.outbox.OutboxDispatcher;
import dev.concierge.channel.sms.SmsWebhookHandler;
import dev.concierge.channel.sms.SmsSignatureVerifier;
import dev.concierge.server.channels.ChannelOutbound;
import dev.concierge.server.config.ConfigLoader;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SMS and email through the whole server against real protocol peers: WireMock plays the SMS provider's API,
 * GreenMail the outbound SMTP relay, and a Jakarta Mail client delivers to our SMTP listener.
 */
class ChannelsIT {
    private static final String PUBLIC = "https://support.shop.example";
    private static final String TOKEN = "sms-auth-token-for-tests";
    private static final String MESSAGES = "/2010-04-01/Accounts/AC42/Messages.json";
    private static final String SUPPORT = "support@shop.example";

    private WireMockServer provider;
    private GreenMail relay;
    private Application app;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        provider.start();
        provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM-out\",\"status\":\"queued\"}")));
        relay = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        relay.start();
        Map<String, String> env = Map.of(
                "CONCIERGE_PUBLIC_URL", PUBLIC,
                "CONCIERGE_SMS_AUTH_TOKEN", TOKEN,
                "CONCIERGE_SMS_ACCOUNT_SID", "AC42",
                "CONCIERGE_SMS_API_URL", "http://127.0.0.1:" + provider.port(),
                "CONCIERGE_SMS_FROM", "+15550009999",
                "CONCIERGE_EMAIL_FROM", SUPPORT,
                "CONCIERGE_SMTP_LISTEN_PORT", "0",
                "CONCIERGE_SMTP_RELAY", "127.0.0.1:" + relay.getSmtp().getPort());
        var config = new ConfigLoader().load(null, Map.of(), Map.of("server.host", "127.0.0.1", "server.port", "0",
                "server.shutdownGraceSeconds", "2", "server.workerThreads", "4"));
        app = Application.start(config, ChannelSettings.fromEnvironment(env), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        relay.stop();
        provider.stop();
    }

    @Test
    void signedSmsGetsABotAnswerThroughTheProviderAndForgeriesAreRefused() {
        Map<String, String> params = sms("SM-in-1", "+8613800138000", "你好");
        assertThat(postSigned(params).statusCode()).isEqualTo(200);
        eventually(() -> provider.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=%2B8613800138000"))));

        // The provider retries the same message: stored once, answered once.
        assertThat(postSigned(params).statusCode()).isEqualTo(200);
        // A forged signature: refused, nothing stored, nothing sent.
        params.put("MessageSid", "SM-in-2");
        params.put("Body", "forged");
        assertThat(postForm("/webhooks/sms/inbound", params, "bm90LWEtc2lnbmF0dXJl").statusCode()).isEqualTo(403);
        assertThat(postForm("/webhooks/sms/inbound", params, null).statusCode()).isEqualTo(403);
        assertThat(provider.findAll(postRequestedFor(urlEqualTo(MESSAGES)))).hasSize(1);
    }

    @Test
    void channelLogLinesNameTheirConversation() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(SmsWebhookHandler.class),
                (Logger) LoggerFactory.getLogger(OutboxDispatcher.class));
        loggers.forEach(logger -> {
            logger.addAppender(lines);
            logger.setLevel(Level.INFO); // the tests' root level is WARN
        });
        try {
            assertThat(postSigned(sms("SM-log-1", "+8613700137000", "hello")).statusCode()).isEqualTo(200);
            eventually(() -> assertThat(lines.list).anyMatch(e -> e.getMessage().startsWith("event=outbox_sent")));
            List<String> conversations = lines.list.stream()
                    .filter(e -> e.getMessage().startsWith("event=sms_inbound_accepted")
                            || e.getMessage().startsWith("event=outbox_sent"))
                    .map(e -> e.getMDCPropertyMap().get("conversation")).distinct().toList();
            assertThat(conversations).hasSize(1);
            assertThat(conversations.get(0)).startsWith("c-");
        } finally {
            loggers.forEach(logger -> {
                logger.detachAppender(lines);
                logger.setLevel(null);
            });
        }
    }

    @Test
    void aNumberBySmsPicksTheNumberedQuickReply() {
        assertThat(postSigned(sms("SM-num-1", "+8613900139000", "I want to return my order DD20261104004"))
                .statusCode()).isEqualTo(200);
        // the reason step, its quick replies as "1. Defective or damaged" … "3. Changed my mind"
        eventually(() -> provider.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=%2B8613900139000")).withRequestBody(containing("3.+Changed+my+mind"))));
        assertThat(postSigned(sms("SM-num-2", "+8613900139000", "3")).statusCode()).isEqualTo(200);
        // "3" is "Changed my mind": the return options follow (it was read as a goodbye before)
        eventually(() -> provider.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=%2B8613900139000")).withRequestBody(containing("no-reason"))));
        assertThat(provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing("To=%2B8613900139000"))).toString()).doesNotContain("goodbye");
    }

    @Test
    void theAgentOnAnSmsConversationIsToldWhenTheCustomerOptsOut() throws Exception {
        try (WsClient agent = agentDesk()) {
            String conversationId = assignedBySms(agent, "SM-stop-1", "+8613600136000", "转人工，我的包裹破损了");
            assertThat(postSigned(sms("SM-stop-2", "+8613600136000", "退订")).statusCode()).isEqualTo(200);
            // before: nothing; the agent's replies were suppressed without a word
            JsonNode note = agent.await(f -> "message".equals(f.path("type").asText())
                    && "system".equals(f.path("from").asText()), "a system note");
            assertThat(note.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(note.path("text").asText()).contains("退订");
        }
    }

    @Test
    void aReplyToAnOptedOutNumberIsSuppressedWithOneInfoLineNotAWarning() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger outboundLog = (Logger) LoggerFactory.getLogger(ChannelOutbound.class);
        outboundLog.addAppender(lines);
        outboundLog.setLevel(Level.INFO); // the tests' root level is WARN
        try {
            assertThat(postSigned(sms("SM-quiet-1", "+8613400134000", "STOP")).statusCode()).isEqualTo(200);
            // still writes; the bot answers, and the answer is not sent
            assertThat(postSigned(sms("SM-quiet-2", "+8613400134000", "where is my parcel")).statusCode())
                    .isEqualTo(200);
            eventually(() -> assertThat(lines.list).anyMatch(e -> e.getLevel() == Level.INFO
                    && e.getFormattedMessage().startsWith("event=reply_suppressed channel=sms")
                    && e.getFormattedMessage().endsWith("reason=customer_opted_out")));
            // before: a WARN "no sms route" for every reply
            assertThat(lines.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN));
            assertThat(provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                    .withRequestBody(containing("To=%2B8613400134000")))).isEmpty();
        } finally {
            outboundLog.detachAppender(lines);
            outboundLog.setLevel(null);
        }
    }

    @Test
    void theOptOutNoteNamesTheKeywordsThatBringAnEnglishStopperBack() throws Exception {
        try (WsClient agent = agentDesk()) {
            // a Chinese conversation: its notes for the agent are in Chinese
            String conversationId = assignedBySms(agent, "SM-stop-en-1", "+8613300133000", "转人工，我的包裹破损了");
            assertThat(postSigned(sms("SM-stop-en-2", "+8613300133000", "Stop.")).statusCode()).isEqualTo(200);
            JsonNode note = agent.await(f -> "message".equals(f.path("type").asText())
                    && "system".equals(f.path("from").asText()), "a system note");
            assertThat(note.path("conversationId").asText()).isEqualTo(conversationId);
            // the customer was told to send START: the note said only “订阅”
            assertThat(note.path("text").asText()).contains("退订").contains("START").contains("订阅");
        }
    }

    @Test
    void theClosingNoticeReachesAnSmsCustomerBeforeTheSurvey() throws Exception {
        try (WsClient agent = agentDesk()) {
            String conversationId = assignedBySms(agent, "SM-close-1", "+8613500135000", "转人工");
            agent.send(Map.of("type", "close", "conversationId", conversationId, "disposition", "resolved"));
            agent.await("closed");
            // sent one after the other on one lane: on a pool of four the survey could arrive first
            eventually(() -> provider.verify(postRequestedFor(urlEqualTo(MESSAGES))
                    .withRequestBody(containing("To=%2B8613500135000")).withRequestBody(containing("1-5"))));
            List<String> bodies = provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))
                    .withRequestBody(containing("To=%2B8613500135000"))).stream().map(r -> r.getBodyAsString()).toList();
            int closing = -1;
            int survey = -1;
            for (int i = 0; i < bodies.size(); i++) {
                String body = java.net.URLDecoder.decode(bodies.get(i), java.nio.charset.StandardCharsets.UTF_8);
                closing = body.contains("会话已结束") ? i : closing;
                survey = body.contains("1-5") ? i : survey;
            }
            assertThat(closing).isGreaterThanOrEqualTo(0).isLessThan(survey);
        }
    }

    private WsClient agentDesk() {
        WsClient agent = WsClient.connect(app.port(), "/ws/agent", Map.of("Authorization", "Bearer " + login("agent-1")));
        agent.await("welcome");
        return agent;
    }

    /** A signed SMS that asks for a person, offered to the agent and accepted: the conversation's id. */
    private String assignedBySms(WsClient agent, String sid, String from, String text) {
        assertThat(postSigned(sms(sid, from, text)).statusCode()).isEqualTo(200);
        String conversationId = agent.await("offer").path("conversationId").asText();
        agent.send(Map.of("type", "accept", "conversationId", conversationId));
        agent.await("assigned");
        return conversationId;
    }

    @Test
    void emailHandoffIsAnsweredByAnAgentAsAThreadedEmail() throws Exception {
        String token = login("agent-1");
        try (WsClient agent = WsClient.connect(app.port(), "/ws/agent", Map.of("Authorization", "Bearer " + token))) {
            agent.await("welcome");
            sendMail("李雷 <li.lei@customer.example>", "订单问题", "我要转人工，订单 20261122001 的包裹破损了。",
                    "<first-mail@customer.example>", null);

            // The bot's handoff answer goes back by email, threaded to the customer's mail.
            assertThat(relay.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage botReply = relay.getReceivedMessages()[0];
            assertThat(botReply.getHeader("In-Reply-To", null)).isEqualTo("<first-mail@customer.example>");
            assertThat(botReply.getAllRecipients()[0].toString()).isEqualTo("li.lei@customer.example");

            JsonNode offer = agent.await("offer");
            String conversationId = offer.path("conversationId").asText();
            assertThat(offer.path("context").path("channel").asText()).isEqualTo("email");
            // the From header's name, not an empty one
            assertThat(offer.path("context").path("customer").path("name").asText()).isEqualTo("李雷");
            agent.send(Map.of("type", "accept", "conversationId", conversationId));
            agent.await("assigned");
            agent.send(Map.of("type", "message", "conversationId", conversationId,
                    "text", "您好，已为您登记破损补发，请保留包装。"));
            agent.await("ack");

            // The agent's reply arrives as an email in the same thread (after notices such as "agent joined"
            // and, outside business hours, the promised reply time).
            MimeMessage[] agentReply = new MimeMessage[1];
            eventually(() -> agentReply[0] = List.of(relay.getReceivedMessages()).stream()
                    .filter(m -> body(m).contains("破损补发")).findFirst().orElseThrow());
            assertThat(agentReply[0].getHeader("References", null)).contains("<first-mail@customer.example>");
            String agentMessageId = agentReply[0].getMessageID();

            // The customer answers that mail: it lands in the same conversation, at the agent's desk.
            sendMail("li.lei@customer.example", "Re: 订单问题", "好的，谢谢！", "<second-mail@customer.example>",
                    agentMessageId);
            JsonNode forwarded = agent.await(f -> "message".equals(f.path("type").asText())
                    && "customer".equals(f.path("from").asText()), "the customer's email reply");
            assertThat(forwarded.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(forwarded.path("text").asText()).contains("好的");
        }
    }

    @Test
    void aMailPointingAtAnotherCustomersThreadGetsAReplyThreadedToItself() throws Exception {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger inboundLog = (Logger) LoggerFactory.getLogger(EmailInbound.class);
        inboundLog.addAppender(lines);
        inboundLog.setLevel(Level.INFO); // the tests' root level is WARN
        try {
            sendMail("alice@customer.example", "Delivery question", "Where is my parcel for order 20261122001?",
                    "<alice-1@customer.example>", null);
            assertThat(relay.waitForIncomingEmail(10_000, 1)).isTrue();
            // another customer's mail claims to answer Alice's thread (a forwarded mail, a shared mailbox)
            sendMail("bob@customer.example", "Refund for my jacket", "I would like a refund for my jacket.",
                    "<bob-1@customer.example>", "<alice-1@customer.example>");
            MimeMessage[] toBob = new MimeMessage[1];
            eventually(() -> toBob[0] = List.of(relay.getReceivedMessages()).stream()
                    .filter(m -> recipient(m).equals("bob@customer.example")).findFirst().orElseThrow());
            // not in Alice's thread, but in Bob's own: before, no In-Reply-To and a generic subject
            assertThat(toBob[0].getHeader("In-Reply-To", null)).isEqualTo("<bob-1@customer.example>");
            assertThat(toBob[0].getHeader("References", null)).isEqualTo("<bob-1@customer.example>");
            assertThat(toBob[0].getSubject()).isEqualTo("Re: Refund for my jacket");
            // and the log says it was not threaded (it said threaded=true)
            assertThat(lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("event=email_inbound_accepted")).toList())
                    .containsExactly("event=email_inbound_accepted threaded=false",
                            "event=email_inbound_accepted threaded=false thread_hint=refused");
        } finally {
            inboundLog.detachAppender(lines);
            inboundLog.setLevel(null);
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private String login(String agent) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + agent
                        + "\",\"password\":\"concierge-demo\"}")).build());
        return TestServer.json(response.body()).path("token").asText();
    }

    private void sendMail(String from, String subject, String text, String messageId, String inReplyTo)
            throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(app.smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        mail.setSubject(subject, "UTF-8");
        mail.setText(text, "UTF-8");
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", inReplyTo);
            mail.setHeader("References", inReplyTo);
        }
        Transport.send(mail);
    }

    private static String body(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof String s) {
                return s;
            }
            if (content instanceof jakarta.mail.Multipart mp) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < mp.getCount(); i++) {
                    Object part = mp.getBodyPart(i).getContent();
                    sb.append(part instanceof String s ? s : "");
                }
                return sb.toString();
            }
            return "";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A Twilio-style inbound SMS webhook's fields. */
    private static Map<String, String> sms(String sid, String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("AccountSid", "AC42");
        params.put("From", from);
        params.put("To", "+15550009999");
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    private HttpResponse<String> postSigned(Map<String, String> params) {
        return postForm("/webhooks/sms/inbound", params, sign("/webhooks/sms/inbound", params));
    }

    private String sign(String path, Map<String, String> params) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return new SmsSignatureVerifier(TOKEN).sign(PUBLIC + path, multi);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> params, String signature) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return send(request.build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Retries an assertion about asynchronous delivery until it holds or ten seconds pass. */
    private static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
