package dev.concierge.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.concierge.core.Ids;
import dev.concierge.core.StoreUnavailableException;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.IllegalTransitionException;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.OfferNotFoundException;
import dev.concierge.routing.Presence;
import dev.concierge.server.auth.AuthService;
import dev.concierge.server.auth.Principal;
import dev.concierge.server.conversation.AccessDeniedException;
import dev.concierge.server.conversation.AgentDesk;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.http.BadRequestException;
import dev.concierge.server.http.Json;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.FrameReader;
import dev.concierge.server.live.LocalConnections;
import dev.concierge.server.observability.ServerMetrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /ws/agent}: the agent desk's side of the protocol. A socket must authenticate (bearer token from
 * {@code POST /api/v1/auth/login}, in the upgrade's Authorization header or an {@code auth} frame) before
 * anything else; every action is then authorised by {@link AgentDesk} against the conversation's holder.
 */
public final class AgentEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEndpoint.class);
    private static final int MAX_UNAUTHENTICATED_FRAMES = 5;
    /** How often a signed-in socket checks that its session still exists (logout, expiry). */
    static final long SESSION_CHECK_MS = 5_000;
    private static final int MAX_TEXT_CHARS = 8_000;

    /** What an agent socket needs from the rest of the server. */
    public record Dependencies(AuthService auth, AgentDesk desk, LocalConnections connections,
            KeyedExecutor executor, PresenceLeases leases) {
    }

    private final Dependencies deps;
    private final FrameReader frames;
    private final ServerMetrics metrics;

    public AgentEndpoint(Dependencies deps, FrameReader frames, ServerMetrics metrics) {
        this.deps = deps;
        this.frames = frames;
        this.metrics = metrics;
    }

    /** @param bearer the token from the upgrade request's Authorization header, or null */
    public void handle(ServerWebSocket ws, String bearer) {
        new Connection(ws).start(bearer);
    }

    private final class Connection {
        private final ServerWebSocket ws;
        private final Context context;
        private Principal principal;
        /** The token this socket signed in with: every action, and a timer, check that its session still exists. */
        private String token;
        private long sessionTimer = -1;
        private Runnable unregister = () -> { };
        private int unauthenticatedFrames;
        private boolean authenticating;

        Connection(ServerWebSocket ws) {
            this.ws = ws;
            this.context = Vertx.currentContext();
        }

        void start(String bearer) {
            metrics.agentSocketOpened();
            frames.attach(ws, this::onText, () -> send(Frame.error("unsupported_frame", "send JSON text frames")), LOG);
            ws.closeHandler(v -> onClose());
            if (bearer != null) {
                authenticate(bearer);
            }
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
            if (principal == null) {
                if ("auth".equals(type) && !authenticating) {
                    String token = Json.text(frame, "token");
                    if (token == null) {
                        send(Frame.error("missing_field", "auth needs a string 'token'"));
                    } else {
                        authenticate(token);
                    }
                    return;
                }
                send(Frame.error("unauthenticated", "authenticate first: {\"type\":\"auth\",\"token\":\"...\"}"));
                if (++unauthenticatedFrames >= MAX_UNAUTHENTICATED_FRAMES) {
                    ws.close((short) 1008, "unauthenticated");
                }
                return;
            }
            try {
                dispatch(type, frame);
            } catch (BadRequestException e) {
                send(Frame.error(e.code(), e.getMessage()));
            }
        }

        private void dispatch(String type, JsonNode frame) {
            AgentId agent = new AgentId(principal.accountId());
            switch (type) {
                case "accept" -> {
                    ConversationId id = conversationId(frame);
                    // the desk sends `assigned` to every socket of the agent, this one included
                    run(id, () -> deps.desk().accept(agent, id), card -> { });
                }
                case "decline" -> {
                    ConversationId id = conversationId(frame);
                    run(id, () -> {
                        deps.desk().decline(agent, id);
                        return id;
                    }, x -> send(Frame.of("declined").put("conversationId", id.value())));
                }
                case "message" -> {
                    ConversationId id = conversationId(frame);
                    String text = Json.optionalString(frame, "text");
                    if (text == null || text.isBlank()) {
                        throw new BadRequestException("missing_field", "a message needs a non-empty string 'text'");
                    }
                    if (text.length() > MAX_TEXT_CHARS && text.codePointCount(0, text.length()) > MAX_TEXT_CHARS) {
                        throw new BadRequestException("text_too_long", "replies are limited to " + MAX_TEXT_CHARS
                                + " characters");
                    }
                    String clientId = Json.optionalString(frame, "id");
                    run(id, () -> deps.desk().reply(agent, id, text, clientId), m -> send(Frame.of("ack")
                            .put("id", clientId).put("conversationId", id.value()).put("messageId", m.id().value())));
                }
                case "close" -> {
                    ConversationId id = conversationId(frame);
                    String disposition = Optional.ofNullable(Json.optionalString(frame, "disposition"))
                            .orElse("resolved");
                    if (!disposition.matches("[a-z_]{1,40}")) {
                        throw new BadRequestException("invalid_field", "disposition must be snake_case, e.g. resolved");
                    }
                    // like accept, transfer and escalate: the desk tells every socket of the agent
                    run(id, () -> deps.desk().close(agent, id, disposition), ticket -> { });
                }
                case "transfer" -> {
                    ConversationId id = conversationId(frame);
                    String toAgent = Json.optionalString(frame, "toAgent");
                    String toTeam = Json.optionalString(frame, "toTeam");
                    String note = Optional.ofNullable(Json.optionalString(frame, "note")).orElse("");
                    if ((toAgent == null) == (toTeam == null)) {
                        throw new BadRequestException("invalid_field", "give exactly one of 'toAgent' or 'toTeam'");
                    }
                    if (toAgent != null && !Ids.isSafe(toAgent) || toTeam != null && !toTeam.matches("[a-z0-9_]{1,40}")) {
                        throw new BadRequestException("invalid_field", "not a valid agent id or team name");
                    }
                    if (note.length() > 1000) {
                        throw new BadRequestException("text_too_long", "notes are limited to 1000 characters");
                    }
                    run(id, () -> {
                        deps.desk().transfer(agent, id, toAgent == null ? null : new AgentId(toAgent), toTeam, note);
                        return id;
                    }, x -> { });
                }
                case "escalate" -> {
                    ConversationId id = conversationId(frame);
                    String note = Optional.ofNullable(Json.optionalString(frame, "note")).orElse("");
                    if (note.length() > 1000) {
                        throw new BadRequestException("text_too_long", "notes are limited to 1000 characters");
                    }
                    run(id, () -> {
                        deps.desk().escalate(agent, id, note);
                        return id;
                    }, x -> { });
                }
                case "typing" -> {
                    ConversationId id = conversationId(frame);
                    run(id, () -> {
                        deps.desk().agentTyping(agent, id);
                        return id;
                    }, x -> { });
                }
                case "presence" -> {
                    Presence presence = presence(Json.optionalString(frame, "status"));
                    run(agent, () -> {
                        deps.desk().setPresence(agent, presence);
                        return presence;
                    }, p -> send(Frame.of("presence").put("status", p.name().toLowerCase(Locale.ROOT))));
                }
                case "ping" -> send(Frame.of("pong"));
                case "auth" -> throw new BadRequestException("already_authenticated", "this socket is authenticated");
                default -> throw new BadRequestException("unknown_type", "unknown frame type");
            }
        }

        private void authenticate(String token) {
            authenticating = true;
            deps.executor().submit(token, () -> deps.auth().authenticate(token)).whenComplete((who, err) ->
                    context.runOnContext(v -> {
                        authenticating = false;
                        if (err != null || who.isEmpty()) {
                            if (err != null) {
                                LOG.warn("agent authentication failed: {}", err.toString());
                            }
                            send(Frame.error("unauthenticated", "invalid or expired token"));
                            if (++unauthenticatedFrames >= MAX_UNAUTHENTICATED_FRAMES) {
                                ws.close((short) 1008, "unauthenticated");
                            }
                            return;
                        }
                        this.token = token;
                        signedIn(who.get());
                    }));
        }

        private void signedIn(Principal who) {
            principal = who;
            // a logout (on any node) or an expired session ends the socket within SESSION_CHECK_MS, even when the
            // agent sends nothing: offers carry customers' messages
            sessionTimer = context.owner().setPeriodic(SESSION_CHECK_MS, t -> deps.executor()
                    .submit(token, () -> deps.auth().authenticate(token).isPresent())
                    .whenComplete((valid, err) -> context.runOnContext(v -> {
                        if (err == null && !valid) {
                            sessionEnded();
                        }
                    })));
            AgentId agent = new AgentId(who.accountId());
            unregister = deps.connections().registerAgent(agent, ws::writeTextMessage, who.isSupervisor());
            send(Frame.of("welcome").put("agentId", who.accountId()).put("name", who.name())
                    .put("role", who.role().name().toLowerCase(Locale.ROOT)).put("team", who.team()));
            run(agent, () -> {
                deps.leases().connected(agent);
                deps.desk().setPresence(agent, Presence.ONLINE);
                return deps.desk().heldBy(agent);
            }, held -> {
                for (Conversation c : held) {
                    run(c.id(), () -> deps.desk().read(who, c.id()), card -> send(Frame.of("assigned")
                            .put("conversationId", c.id().value()).put("context", card)));
                }
            });
        }

        private void sessionEnded() {
            send(Frame.error("unauthenticated", "your session has ended; log in again"));
            ws.close((short) 1008, "session ended");
        }

        private void onClose() {
            if (sessionTimer >= 0) {
                context.owner().cancelTimer(sessionTimer);
            }
            unregister.run();
            metrics.agentSocketClosed();
            if (principal != null) {
                AgentId agent = new AgentId(principal.accountId());
                if (!deps.connections().isAgentConnected(agent)) {
                    deps.executor().submit(agent, () -> {
                        if (!deps.leases().disconnected(agent)) {
                            deps.desk().setPresence(agent, Presence.OFFLINE);
                        }
                        return null;
                    }).exceptionally(e -> {
                        LOG.warn("could not mark agent {} offline: {}", agent, e.toString());
                        return null;
                    });
                }
            }
        }

        private <T> void run(Object key, Supplier<T> work, java.util.function.Consumer<T> done) {
            String signedInWith = token;
            Supplier<T> checked = signedInWith == null ? work : () -> {
                if (deps.auth().authenticate(signedInWith).isEmpty()) {
                    throw new SessionEndedException();
                }
                return work.get();
            };
            deps.executor().submit(key, checked).whenComplete((result, err) -> context.runOnContext(v -> {
                if (err == null) {
                    done.accept(result);
                } else {
                    fail(err);
                }
            }));
        }

        private void fail(Throwable err) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof SessionEndedException) {
                sessionEnded();
            } else if (cause instanceof OfferNotFoundException) {
                send(Frame.error("offer_not_found", cause.getMessage()));
            } else if (cause instanceof AccessDeniedException) {
                send(Frame.error("forbidden", cause.getMessage()));
            } else if (cause instanceof NoSuchElementException) {
                send(Frame.error("not_found", cause.getMessage()));
            } else if (cause instanceof IllegalTransitionException) {
                send(Frame.error("conflict", cause.getMessage()));
            } else if (cause instanceof BadRequestException bad) {
                send(Frame.error(bad.code(), bad.getMessage()));
            } else if (cause instanceof StoreUnavailableException) {
                metrics.rejected("agent", "unavailable");
                send(Frame.error("unavailable", "temporarily unavailable, please retry"));
            } else if (cause instanceof IllegalArgumentException invalid) {
                send(Frame.error("invalid_request", invalid.getMessage()));
            } else if (cause instanceof IllegalStateException conflict) {
                send(Frame.error("conflict", conflict.getMessage()));
            } else {
                LOG.error("agent action failed", cause);
                send(Frame.error("internal_error", "the action failed"));
            }
        }

        private void send(Frame frame) {
            if (!ws.isClosed()) {
                ws.writeTextMessage(deps.connections().encode(frame));
            }
        }
    }

    /** The socket's session was logged out or expired since it signed in. */
    private static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("session ended", null, false, false);
        }
    }

    private static ConversationId conversationId(JsonNode frame) {
        String id = Json.optionalString(frame, "conversationId");
        if (id == null) {
            throw new BadRequestException("missing_field", "frame needs a string 'conversationId'");
        }
        if (!Ids.isSafe(id)) {
            throw new BadRequestException("invalid_field", "conversationId is not a valid id");
        }
        return new ConversationId(id);
    }

    private static Presence presence(String status) {
        if (status == null) {
            throw new BadRequestException("missing_field", "presence needs 'status': online, away or offline");
        }
        try {
            return Presence.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_field", "status must be online, away or offline");
        }
    }
}
