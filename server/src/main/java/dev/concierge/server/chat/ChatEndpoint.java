package dev.concierge.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.message.Attachment;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.ConversationStore;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.MessageId;
import dev.concierge.routing.AgentId;
import dev.concierge.server.config.ConciergeConfig.ChatSettings;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.Inbound;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.conversation.WireMessages;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.ClientAddress;
import dev.concierge.server.http.Json;
import dev.concierge.server.http.RateLimiter;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.FrameReader;
import dev.concierge.server.live.LiveConnections;
import dev.concierge.server.live.LocalConnections;
import dev.concierge.server.observability.ServerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /ws/chat}: the shopper's side of the wire protocol (docs/protocol.md). Parsing and validation run
 * on the event loop; everything that touches a store runs on the customer's executor lane.
 */
public final class ChatEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);
    private static final Set<String> LOCALES = Set.of("zh", "en");

    /** What a chat socket needs from the rest of the server. */
    public record Dependencies(ConversationService conversations, ConversationStore conversationStore,
            ShopperIdentity identity, LocalConnections connections, LiveConnections live, KeyedExecutor executor,
            AttachmentStore attachments) {
    }

    /** Messages a client may send before its session frame arrives; they wait for it. */
    private static final int MAX_EARLY_MESSAGES = 20;

    private final Dependencies deps;
    private final ChatSettings settings;
    private final RateLimiter perCustomer;
    private final RateLimiter signInsPerIp;
    private final ClientAddress clients;
    private final FrameReader frames;
    private final ServerMetrics metrics;

    /**
     * @param signInsPerIp sessions started without a resume token (each makes a customer), per client address: one
     *                     client opening hundreds of anonymous sockets made a customer and a conversation with each
     */
    public ChatEndpoint(Dependencies deps, ChatSettings settings, RateLimiter perCustomer, RateLimiter signInsPerIp,
            ClientAddress clients, FrameReader frames, ServerMetrics metrics) {
        this.signInsPerIp = signInsPerIp;
        this.clients = clients;
        this.deps = deps;
        this.settings = settings;
        this.perCustomer = perCustomer;
        this.frames = frames;
        this.metrics = metrics;
    }

    public void handle(ServerWebSocket ws) {
        new Connection(ws).start();
    }

    /** One shopper socket; its fields are touched only from that socket's event-loop context. */
    private final class Connection {
        private final ServerWebSocket ws;
        private final Context context;
        private Customer customer;
        private String locale;
        private Runnable unregister = () -> { };
        private boolean signingIn;
        /** Messages sent before the session frame, answered in order once signed in (they got not_ready). */
        private final java.util.ArrayDeque<Runnable> afterSignIn = new java.util.ArrayDeque<>();

        Connection(ServerWebSocket ws) {
            this.ws = ws;
            this.context = Vertx.currentContext();
        }

        /** Back onto this socket's event loop, where the connection's fields live. */
        private void onLoop(Runnable action) {
            context.runOnContext(v -> action.run());
        }

        void start() {
            metrics.chatSocketOpened();
            frames.attach(ws, this::onText, this::onBinary, LOG);
            ws.closeHandler(v -> {
                unregister.run();
                metrics.chatSocketClosed();
            });
        }

        private void onBinary() {
            send(Frame.error("unsupported_frame", "binary frames are not supported; send JSON text frames"));
        }

        private void onText(String text) {
            JsonNode frame;
            try {
                frame = frames.read(text);
            } catch (BadRequestException e) {
                send(Frame.error(e.code(), e.getMessage()));
                return;
            }
            String type = Json.text(frame, "type");
            try {
                switch (type) {
                    case "hello" -> onHello(frame);
                    case "message" -> onMessage(frame, "text", Map.of());
                    case "quick_reply" -> onMessage(frame, "value", Map.of("quickReply", "true"));
                    case "typing" -> onTyping();
                    case "ping" -> send(Frame.of("pong"));
                    default -> send(Frame.error("unknown_type", "unknown frame type '" + truncate(type) + "'"));
                }
            } catch (BadRequestException e) {
                send(Frame.error(e.code(), e.getMessage()));
            }
        }

        private void onHello(JsonNode frame) {
            if (customer != null || signingIn) {
                throw new BadRequestException("already_signed_in", "hello must be the first frame");
            }
            String claimed = Json.optionalString(frame, "customerId");
            String token = Json.optionalString(frame, "token");
            String requestedLocale = Json.optionalString(frame, "locale");
            if (requestedLocale != null && !LOCALES.contains(requestedLocale)) {
                throw new BadRequestException("invalid_field", "locale must be zh or en");
            }
            if (token == null && !signInAllowed(null)) {
                return;
            }
            signIn(claimed, token, requestedLocale, null);
        }

        /** A session without a resume token makes a customer: limited per client address. */
        private boolean signInAllowed(String clientId) {
            long wait = signInsPerIp.acquire(clients.of(ws.remoteAddress(), ws.headers()));
            if (wait == 0) {
                return true;
            }
            metrics.rejected("chat", "rate_limited");
            send(Frame.error("rate_limited", "too many new chats from your address; retry in " + wait + " s")
                    .put("retryAfterSeconds", wait).put("id", clientId));
            return false;
        }

        /** @param field the frame's text field: {@code text} for a message, {@code value} for a quick reply */
        private void onMessage(JsonNode frame, String field, Map<String, String> meta) {
            String text = Json.optionalString(frame, field);
            List<String> refs = attachmentRefs(frame);
            if ((text == null || text.isBlank()) && refs.isEmpty()) {
                throw new BadRequestException("missing_field", "a " + Json.text(frame, "type")
                        + " needs a non-empty string '" + field + "'");
            }
            if (text != null && text.length() > settings.maxTextChars()
                    && text.codePointCount(0, text.length()) > settings.maxTextChars()) {
                throw new BadRequestException("text_too_long", "messages are limited to " + settings.maxTextChars()
                        + " characters");
            }
            String clientId = Json.optionalString(frame, "id");
            if (clientId != null && !dev.concierge.core.Ids.isSafe(clientId)) {
                throw new BadRequestException("invalid_field", "id must be 1-128 characters of [A-Za-z0-9._:@+-]");
            }
            String limitKey = customer != null ? customer.id().value() : "socket:" + ws.remoteAddress();
            long wait = perCustomer.acquire(limitKey);
            if (wait > 0) {
                metrics.rejected("chat", "rate_limited");
                send(Frame.error("rate_limited", "too many messages; retry in " + wait + " s")
                        .put("retryAfterSeconds", wait).put("id", clientId));
                return;
            }
            Runnable process = () -> process(text == null ? "" : text, refs, clientId, meta);
            if (customer == null) {
                if (signingIn) {
                    if (afterSignIn.size() >= MAX_EARLY_MESSAGES) {
                        throw new BadRequestException("not_ready", "wait for the session frame before sending more");
                    }
                    afterSignIn.add(process);
                    return;
                }
                if (!signInAllowed(clientId)) {
                    return;
                }
                signIn(null, null, null, process);
            } else {
                process.run();
            }
        }

        private void process(String text, List<String> refs, String clientId, Map<String, String> meta) {
            Customer who = customer;
            MessageId id = clientId == null ? MessageId.random() : new MessageId(who.id().value() + ":" + clientId);
            String language = locale;
            long started = System.nanoTime();
            deps.executor().submit(who.id(), () -> {
                List<Attachment> files = new ArrayList<>();
                for (String ref : refs) {
                    // another shopper's upload is refused like an unknown one (a reference is a secret, but one that
                    // leaked put someone else's photo in this conversation and on the agent's card)
                    StoredFile file = deps.attachments().get(ref).filter(f -> f.uploadedBy(who.id())).orElseThrow(() ->
                            new BadRequestException("invalid_field", "unknown attachment " + ref
                                    + ": send only photos uploaded in this chat"));
                    files.add(new Attachment(file.name(), file.contentType(), file.size(), ref));
                }
                // Acknowledge as soon as the message is durably stored, before the bot thinks about it: a
                // client that loses its socket now resends with the same id and the store keeps one copy.
                ConversationService.Stored stored = deps.conversations().store(new Inbound(who.id(),
                        Channel.WEB_CHAT, text, files, language, id, meta));
                metrics.inbound(Channel.WEB_CHAT, System.nanoTime() - started);
                // Written from this thread, like the replies respond() delivers next, so that the socket gets the
                // ack first (queued on the event loop it could follow the bot's answer)
                send(Frame.of("ack").put("id", clientId).put("messageId", stored.message().id().value())
                        .put("conversationId", stored.conversation().id().value())
                        .put("duplicate", stored.duplicate() ? Boolean.TRUE : null));
                return deps.conversations().respond(stored);
            }).whenComplete((out, err) -> {
                if (err != null) {
                    onLoop(() -> fail(err, clientId));
                } else if (out.duplicate() && !out.replies().isEmpty()) {
                    // A resend of an answered message: its answer may never have reached this client.
                    onLoop(() -> out.replies().forEach(m -> send(ConversationService.messageFrame(m))));
                }
            });
        }

        private List<String> attachmentRefs(JsonNode frame) {
            JsonNode list = frame.get("attachments");
            if (list == null || list.isNull()) {
                return List.of();
            }
            if (!list.isArray() || list.size() > 5) {
                throw new BadRequestException("invalid_field", "attachments must be a list of at most 5 references");
            }
            List<String> refs = new ArrayList<>();
            for (JsonNode ref : list) {
                if (!ref.isTextual() || !ref.asText().matches("att-[0-9a-f\\-]{36}")) {
                    throw new BadRequestException("invalid_field", "attachments must be references from the upload");
                }
                refs.add(ref.asText());
            }
            return refs;
        }

        private void onTyping() {
            Customer who = customer;
            if (who == null) {
                return;
            }
            deps.executor().submit(who.id(), () -> deps.conversationStore().findOpenByCustomer(who.id()))
                    .whenComplete((open, err) -> {
                        if (err == null && open.isPresent() && open.get().status() == ConversationStatus.ASSIGNED) {
                            deps.live().toAgent(new AgentId(open.get().assignedAgent()), Frame.of("typing")
                                    .put("conversationId", open.get().id().value()).put("from", "customer"));
                        }
                    });
        }

        private void signIn(String claimed, String token, String requestedLocale, Runnable then) {
            signingIn = true;
            String key = claimed == null ? ws.toString() : claimed;
            deps.executor().submit(key, () -> {
                // a language chosen in hello is remembered, so that resuming with the token alone keeps it
                ShopperIdentity.Session session = deps.identity().withLocale(deps.identity().signIn(claimed, token),
                        requestedLocale);
                Optional<Conversation> open = deps.conversationStore().findOpenByCustomer(session.customer().id());
                List<Map<String, Object>> history = open.map(c -> {
                    var transcript = deps.conversationStore().transcript(c.id());
                    int from = Math.max(0, transcript.size() - settings.historyOnResume());
                    return transcript.subList(from, transcript.size()).stream().map(WireMessages::toWire).toList();
                }).orElse(List.of());
                Optional<Frame> handoff = open.flatMap(c -> deps.conversations().handoffState(c));
                return new SignedIn(session, open, history, handoff);
            }).whenComplete((signedIn, err) -> onLoop(() -> {
                signingIn = false;
                if (err != null) {
                    afterSignIn.clear();
                    fail(err);
                    return;
                }
                customer = signedIn.session().customer();
                // the open conversation's language is the one the bot last answered in
                locale = requestedLocale != null ? requestedLocale
                        : signedIn.open().map(Conversation::locale).orElse(customer.locale());
                unregister = deps.connections().registerShopper(customer.id(), ws::writeTextMessage, last -> {
                    ws.writeTextMessage(last);
                    ws.close((short) 1008, "session ended");
                });
                send(Frame.of("session").put("customerId", customer.id().value())
                        .put("token", signedIn.session().token())
                        .put("resumed", signedIn.session().resumed())
                        .put("locale", locale));
                signedIn.open().ifPresent(c -> send(Frame.of("history")
                        .put("conversationId", c.id().value())
                        .put("status", c.status().name().toLowerCase(java.util.Locale.ROOT))
                        .put("messages", signedIn.history())));
                // queued or with an agent: the same frame the shopper got at the handoff, as things are now
                signedIn.handoff().ifPresent(this::send);
                if (then != null) {
                    then.run();
                }
                while (!afterSignIn.isEmpty()) {
                    afterSignIn.poll().run();
                }
            }));
        }

        private void fail(Throwable err) {
            fail(err, null);
        }

        /** The error frame names the message it is about ({@code id}), so a client knows which one to resend. */
        private void fail(Throwable err, String clientId) {
            java.util.function.Consumer<Frame> send = f -> send(f.put("id", clientId));
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof BadRequestException bad) {
                send.accept(Frame.error(bad.code(), bad.getMessage()));
                if ("unauthorized".equals(bad.code())) {
                    ws.close((short) 1008, "unauthorized");
                }
            } else if (cause instanceof java.util.NoSuchElementException gone
                    && String.valueOf(gone.getMessage()).startsWith("unknown customer")) {
                // the customer was erased while connected: nothing to write to, and this socket's session is over
                send.accept(Frame.error("not_found", "this chat no longer exists; start a new one"));
                ws.close((short) 1008, "customer erased");
            } else if (cause instanceof StoreUnavailableException) {
                LOG.warn("store unavailable: {}", cause.getMessage());
                metrics.rejected("chat", "unavailable");
                send.accept(Frame.error("unavailable", "temporarily unavailable, please retry"));
            } else if (cause instanceof IllegalArgumentException invalid) {
                send.accept(Frame.error("invalid_message", invalid.getMessage()));
            } else {
                LOG.error("chat frame failed", cause);
                send.accept(Frame.error("internal_error", "something went wrong; your message may not have been saved"));
            }
        }

        private void send(Frame frame) {
            if (!ws.isClosed()) {
                ws.writeTextMessage(deps.connections().encode(frame));
            }
        }
    }

    private record SignedIn(ShopperIdentity.Session session, Optional<Conversation> open,
            List<Map<String, Object>> history, Optional<Frame> handoff) {
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
