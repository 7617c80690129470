package dev.concierge.server.conversation;

import dev.concierge.bot.BotDecision;
import dev.concierge.bot.HandoffContext;
import dev.concierge.core.channel.Channel;
import dev.concierge.routing.ComplaintSeverity;
import dev.concierge.core.Ids;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.conversation.ConversationStatus;
import dev.concierge.core.conversation.IllegalTransitionException;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.MessageId;
import dev.concierge.core.message.SenderRole;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.HandoffTicket;
import dev.concierge.routing.Presence;
import dev.concierge.routing.QueueStatus;
import dev.concierge.routing.Router;
import dev.concierge.server.auth.Principal;
import dev.concierge.server.live.Frame;
import dev.concierge.server.live.LiveConnections;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The human side of a conversation: handing it to the queue, and everything an agent does with it (accept,
 * reply, close). Every agent action is authorised against the conversation's current holder. Blocking.
 */
public final class AgentDesk {
    /** The reason of the status change to QUEUED that {@link #escalate} records (the supervisor board reads it). */
    public static final String ESCALATED_REASON = "escalated";
    private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    static final String FIRST_RESPONSE = "agent.firstResponseAt";
    static final String TRANSFER_NOTE = "transfer.note";
    static final String TRANSFER_FROM = "transfer.from";
    static final String TRANSFER_TO = "transfer.to";
    static final String TICKET = "ticket.id";
    /** Channels with no live window to show the queue frame: the wait is told in words. */
    private static final Set<Channel> TEXT_ONLY = EnumSet.of(Channel.SMS, Channel.EMAIL);

    private final Stores stores;
    private final Router router;
    private final LiveConnections live;
    private final ReplyDispatcher replies;
    private final SatisfactionSurvey survey;
    private final Function<String, Optional<Principal>> accounts;
    private final Consumer<ConversationId> closed;
    private final Clock clock;
    private final ShopperScript script;

    /** @param closed told of every closed conversation (the bot forgets its dialogue state there) */
    public AgentDesk(Stores stores, Router router, Outreach outreach, Function<String, Optional<Principal>> accounts,
            Consumer<ConversationId> closed, Clock clock) {
        this.closed = closed;
        this.stores = stores;
        this.router = router;
        this.live = outreach.live();
        this.replies = outreach.replies();
        this.survey = outreach.survey();
        this.script = outreach.script();
        this.accounts = accounts;
        this.clock = clock;
    }

    SatisfactionSurvey survey() {
        return survey;
    }

    /** Queues the conversation for a human and tells the shopper where they stand. */
    /** Outside business hours, when a person will reply on {@code channel}; empty while the team is working. */
    public Optional<Instant> offHoursReplyBy(Channel channel) {
        return router.promisedReplyTime(channel);
    }

    /** The reply-by time as the shopper reads it: Beijing time. */
    static String beijingTime(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.of("Asia/Shanghai")).format(at);
    }

    public QueueStatus handOff(Customer customer, Conversation conversation, BotDecision.Handoff handoff) {
        Instant now = clock.instant();
        HandoffContext context = handoff.context();
        Conversation queued = stores.conversations().update(conversation.id(), c -> c
                .withAttribute(ContextCards.REASON, handoff.reason(), now)
                .withAttribute(ContextCards.INTENT, handoff.intent(), now)
                .withAttribute(ContextCards.PRIORITY, Integer.toString(handoff.priority()), now)
                .withAttribute(ContextCards.SKILLS, String.join(",", handoff.skills()), now)
                .withAttribute(ContextCards.SUMMARY, context.summary().isBlank() ? null : context.summary(), now)
                .withAttribute(ContextCards.SENTIMENT, String.format(java.util.Locale.ROOT, "%s (%.2f)",
                        context.sentiment(), context.sentimentScore()), now)
                .withAttribute(ContextCards.ENTITIES, context.entities().isEmpty() ? null
                        : ContextCards.entitiesAttribute(context.entities()), now)
                .withAttribute(ContextCards.INTENT_PATH, String.join(" > ", context.intentPath()), now)
                .withAttribute(ContextCards.BOT_ACTIONS, String.join(" > ", context.botActions()), now)
                .withAttribute(ContextCards.ORDER, context.order() == null ? null : context.order().orderId() + " "
                        + context.order().status() + " " + context.order().totalAmount() + " "
                        + context.order().currency(), now)
                .transition(ConversationStatus.QUEUED, "bot", null, handoff.reason(), now));
        ComplaintSeverity complaint = !BotDecision.Handoff.COMPLAINT.equals(handoff.reason()) ? ComplaintSeverity.NONE
                : handoff.priority() >= 3 ? ComplaintSeverity.MAJOR
                : handoff.priority() >= 2 ? ComplaintSeverity.SERIOUS : ComplaintSeverity.GENERAL;
        double sentiment = "negative".equals(context.sentiment()) ? -context.sentimentScore()
                : "positive".equals(context.sentiment()) ? 1 - context.sentimentScore() : 0.0;
        HandoffTicket ticket = new HandoffTicket(queued.id(), customer.id(), queued.channel(), queued.locale(),
                handoff.skills(), handoff.priority(), handoff.reason(), now, complaint, customer.isVip(),
                Math.max(-1, Math.min(1, sentiment)));
        QueueStatus status = router.enqueue(ticket);
        LOG.info("handoff reason={} priority={} position={}", handoff.reason(), handoff.priority(), status.position());
        live.toShopper(customer.id(), queueFrame(status));
        // Outside business hours, and no one on duty took it at once (position 0 is an offer made now): say when a
        // person will answer instead of leaving the customer guessing.
        // Agents online at night (all busy) will answer sooner than the opening: no "offline" notice beside an
        // expected wait of minutes.
        boolean onDuty = router.presences().values().stream().anyMatch(p -> p == Presence.ONLINE);
        Optional<Instant> offHours = router.promisedReplyTime(queued.channel())
                .filter(promised -> status.position() > 0 && !onDuty);
        offHours.ifPresent(promised -> {
            String when = beijingTime(promised);
            tell(customer, queued, "现在是非工作时间，人工客服将在 " + when + "（北京时间）前回复您，我们已记录您的问题。",
                    "Our team is offline now. A person will reply by " + when
                            + " (China time); your question is saved.", now);
        });
        if (offHours.isEmpty() && status.position() > 0 && TEXT_ONLY.contains(queued.channel())) {
            // the chat window shows the queue frame's place and wait; an SMS or an e-mail is all these customers get
            // (they were told they were being connected, and then nothing until an agent wrote)
            long wait = status.expectedWaitSeconds();
            tell(customer, queued, "您排在第 " + status.position() + " 位，预计等待" + waitText(wait, true) + "。",
                    "You are number " + status.position() + " in line; the expected wait is " + waitText(wait, false)
                            + ".", now);
        }
        return status;
    }

    /**
     * A waiting customer took their request back: the conversation returns to the bot and leaves the queue (an offer
     * made meanwhile is withdrawn). Returns the conversation as it now is: with the bot, or still with the agent who
     * accepted it first.
     */
    public Conversation withdraw(Conversation conversation) {
        Instant now = clock.instant();
        Conversation back = stores.conversations().update(conversation.id(), c -> c.status() != ConversationStatus.QUEUED
                ? c : c.transition(ConversationStatus.BOT, "customer", null, "customer left the queue", now));
        if (back.status() == ConversationStatus.BOT) {
            router.release(conversation.id());
            LOG.info("conversation {} left the queue at the customer's request", conversation.id());
        }
        return back;
    }

    /**
     * Where a conversation stands with the humans, for a shopper who reconnects: its place in the queue, or the
     * agent who has it. Empty while the bot has it.
     */
    public Optional<Frame> handoffState(Conversation conversation) {
        if (conversation.status() == ConversationStatus.QUEUED) {
            return waiting(conversation).map(AgentDesk::queueFrame);
        }
        if (conversation.status() == ConversationStatus.ASSIGNED && conversation.assignedAgent() != null) {
            String name = accounts.apply(conversation.assignedAgent()).map(Principal::name)
                    .orElse(conversation.assignedAgent());
            return Optional.of(Frame.of("handoff").put("status", "assigned")
                    .put("conversationId", conversation.id().value()).put("agentName", name));
        }
        return Optional.empty();
    }

    /** A waiting customer wrote again: remind them of their place. */
    public Optional<QueueStatus> remindQueued(Customer customer, Conversation conversation) {
        Optional<QueueStatus> status = waiting(conversation);
        status.ifPresent(s -> live.toShopper(customer.id(), queueFrame(s)));
        return status;
    }

    /**
     * A queued conversation's place: its queue status, or position 0 ("connecting you now") while it is out of the
     * queue being offered to an agent, who has not accepted yet. The router has no queue status for it then, and a
     * shopper who reconnected or wrote again in those seconds was told nothing.
     */
    private Optional<QueueStatus> waiting(Conversation conversation) {
        Optional<QueueStatus> status = router.queueStatus(conversation.id());
        return status.isPresent() || conversation.status() != ConversationStatus.QUEUED ? status
                : Optional.of(new QueueStatus(conversation.id(), 0, 0));
    }

    public void forwardToAgent(AgentId agent, Conversation conversation, Message message) {
        live.toAgent(agent, messageFrame(conversation, message, "customer"));
    }

    /** A transcript message as the agent's desk receives it live. */
    private static Frame messageFrame(Conversation conversation, Message message, String from) {
        return Frame.of("message")
                .put("conversationId", conversation.id().value())
                .put("id", message.id().value())
                .put("from", from)
                .put("text", message.text())
                .put("attachments", message.attachments().isEmpty() ? null
                        : WireMessages.toWire(message).get("attachments"))
                .put("at", message.at().toString());
    }

    public void setPresence(AgentId agent, Presence presence) {
        router.setPresence(agent, presence);
    }

    /**
     * The agent takes an offered conversation. The router decides whether the offer is still theirs; the
     * conversation then moves to ASSIGNED and both sides are told: the shopper, and every socket of the agent (on
     * any node) gets {@code assigned} with the card, so a second desk tab, which had the offer too, shows the
     * conversation instead of keeping a stale offer and dropping the shopper's messages.
     */
    public Map<String, Object> accept(AgentId agent, ConversationId id) {
        router.accept(agent, id);
        Instant now = clock.instant();
        Conversation assigned;
        try {
            assigned = stores.conversations().update(id, c -> c.transition(ConversationStatus.ASSIGNED,
                    agent.value(), agent.value(), "accepted", now));
        } catch (IllegalTransitionException | NoSuchElementException e) {
            // Closed or erased while the offer was open: give the capacity back.
            router.release(id);
            throw e;
        }
        Customer customer = customer(assigned);
        String name = accounts.apply(agent.value()).map(Principal::name).orElse(agent.value());
        tell(customer, assigned, "人工客服 " + name + " 已接入，将为您服务。",
                name + " from our service team has joined and will help you now.", now);
        live.toShopper(customer.id(), Frame.of("handoff").put("status", "assigned")
                .put("conversationId", id.value()).put("agentName", name));
        AUDIT.info("agent={} action=accept conversation={}", agent, id);
        Map<String, Object> card = ContextCards.build(assigned, customer, stores.conversations().transcript(id));
        live.toAgent(agent, Frame.of("assigned").put("conversationId", id.value()).put("context", card));
        return card;
    }

    public void decline(AgentId agent, ConversationId id) {
        router.decline(agent, id);
    }

    /**
     * The agent's reply to the customer, sent on the customer's channel. With a {@code clientId} (the agent client's
     * frame id) the message id is fixed ({@code agentId:clientId}), so a client that resends after losing its node
     * stores and sends the reply once. Every socket of the agent gets the reply as a {@code message} frame, so their
     * other desk tabs show it too; the tab that sent it knows the id and drops the copy.
     */
    public Message reply(AgentId agent, ConversationId id, String text, String clientId) {
        Conversation conversation = holdingConversation(agent, id, "reply");
        Instant now = clock.instant();
        Message reply = Message.outbound(id, conversation.channel(), SenderRole.AGENT, agent.value(), text, now);
        if (clientId != null && Ids.isSafe(agent.value() + ":" + clientId)) {
            reply = new Message(new MessageId(agent.value() + ":" + clientId), id, reply.channel(), reply.direction(),
                    reply.senderRole(), reply.senderId(), text, List.of(), now, Map.of());
        }
        if (!stores.conversations().append(reply)) {
            MessageId already = reply.id();
            return stores.conversations().transcript(id).stream().filter(m -> m.id().equals(already)).findFirst()
                    .orElse(reply);
        }
        replies.deliver(customer(conversation), conversation, reply);
        live.toAgent(agent, messageFrame(conversation, reply, "agent"));
        if (conversation.attribute(FIRST_RESPONSE).isEmpty()) {
            stores.conversations().update(id, c -> c.withAttribute(FIRST_RESPONSE, now.toString(), now));
            router.firstResponse(id);
        }
        return reply;
    }

    /** Customer-visible typing indicator from the agent. */
    public void agentTyping(AgentId agent, ConversationId id) {
        Conversation conversation = holdingConversation(agent, id, "typing");
        live.toShopper(conversation.customerId(), Frame.of("typing").put("from", "agent")
                .put("conversationId", id.value()));
    }

    /**
     * Closes the conversation. An unresolved disposition ({@code unresolved}, {@code follow_up}) turns it into a
     * ticket owned by its first-contact owner; the customer is asked for a satisfaction rating either way.
     */
    public Optional<String> close(AgentId agent, ConversationId id, String disposition) {
        holdingConversation(agent, id, "close");
        Instant now = clock.instant();
        boolean resolved = !disposition.equals("unresolved") && !disposition.equals("follow_up");
        Optional<String> ticket = router.close(id, resolved, disposition).map(t -> t.id().toString());
        Conversation closed = stores.conversations().update(id, c -> c
                .withAttribute("disposition", disposition, now)
                .withAttribute(TICKET, ticket.orElse(null), now)
                .transition(ConversationStatus.CLOSED, agent.value(), null, disposition, now));
        Customer customer = customer(closed);
        tell(customer, closed, "本次会话已结束，感谢您的耐心。如还有问题，随时给我们留言。",
                "This conversation is now closed. Thank you for your patience; write any time if you need more help.",
                now);
        live.toShopper(customer.id(), Frame.of("closed").put("conversationId", id.value()));
        survey.ask(customer, closed);
        this.closed.accept(id);
        AUDIT.info("agent={} action=close conversation={} disposition={} ticket={}", agent, id, disposition,
                ticket.orElse("-"));
        // every tab of the agent drops it, not only the one that closed it
        live.toAgent(agent, Frame.of("closed").put("conversationId", id.value()).put("ticketId", ticket.orElse(null)));
        return ticket;
    }

    /**
     * Hands the conversation to a named agent or a team, with a note shown on their offer. A named agent must be
     * online; otherwise the sender keeps the conversation ({@code conflict}).
     */
    public void transfer(AgentId agent, ConversationId id, AgentId toAgent, String toTeam, String note) {
        Conversation conversation = holdingConversation(agent, id, "transfer");
        if ((toAgent == null) == (toTeam == null)) {
            throw new IllegalArgumentException("transfer to exactly one of an agent or a team");
        }
        if (toAgent != null && toAgent.equals(agent)) {
            throw new IllegalArgumentException("cannot transfer a conversation to yourself");
        }
        if (toTeam != null && !router.teamExists(toTeam)) {
            throw new NoSuchElementException("no team " + toTeam);
        }
        if (toAgent != null && accounts.apply(toAgent.value()).isEmpty()) {
            throw new NoSuchElementException("no agent " + toAgent);
        }
        Presence presence = toAgent == null ? null : router.presences().getOrDefault(toAgent, Presence.OFFLINE);
        if (presence != null && presence != Presence.ONLINE) {
            // accepted before, the conversation waited for the absent colleague until the transfer preference lapsed
            // and then went to anyone; the sender keeps it and can choose again
            throw new IllegalStateException(toAgent + " is " + presence.name().toLowerCase(java.util.Locale.ROOT)
                    + ": transfer to their team, or to an agent who is online");
        }
        Instant now = clock.instant();
        String target = toAgent != null ? toAgent.value() : "team:" + toTeam;
        Conversation queued = stores.conversations().update(id, c -> c
                .withAttribute(TRANSFER_NOTE, note, now)
                .withAttribute(TRANSFER_FROM, agent.value(), now)
                .withAttribute(TRANSFER_TO, target, now)
                .transition(ConversationStatus.QUEUED, agent.value(), null, "transfer to " + target, now));
        if (toAgent != null) {
            router.transferToAgent(id, toAgent, note);
        } else {
            router.transferToTeam(id, toTeam, note);
        }
        tell(customer(queued), queued, "正在为您转接更合适的客服，请稍候，无需重复描述问题。",
                "I'm passing you to a colleague who can help further; you won't need to repeat yourself.", now);
        AUDIT.info("agent={} action=transfer conversation={} to={}", agent, id, target);
        live.toAgent(agent, Frame.of("transferred").put("conversationId", id.value())
                .put("toAgent", toAgent == null ? null : toAgent.value()).put("toTeam", toTeam));
    }

    /** Escalates to the supervisors, who alone may take it next. */
    public void escalate(AgentId agent, ConversationId id, String note) {
        holdingConversation(agent, id, "escalate");
        Instant now = clock.instant();
        Conversation queued = stores.conversations().update(id, c -> c
                .withAttribute("escalation.note", note, now)
                .withAttribute(TRANSFER_FROM, agent.value(), now)
                .transition(ConversationStatus.QUEUED, agent.value(), null, ESCALATED_REASON, now));
        router.escalate(id, note);
        // the shopper's agent just left: say why the next reply may take a moment, as a transfer does
        tell(customer(queued), queued, "正在为您转接主管处理，请稍候，无需重复描述问题。",
                "I'm passing you to a supervisor who can help further; you won't need to repeat yourself.", now);
        AUDIT.info("agent={} action=escalate conversation={}", agent, id);
        live.toAgent(agent, Frame.of("escalated").put("conversationId", id.value()));
    }

    /**
     * The agent signed out: every conversation they hold goes back to the queue for a colleague, and its shopper is
     * told, instead of writing to nobody until the agent returns. Returns how many were handed back.
     */
    public int handBackAll(AgentId agent) {
        int handed = 0;
        for (Conversation held : heldBy(agent)) {
            Instant now = clock.instant();
            try {
                Conversation queued = stores.conversations().update(held.id(), c -> c
                        .withAttribute(TRANSFER_FROM, agent.value(), now)
                        .withAttribute("transfer.note", "the previous agent signed out", now)
                        .transition(ConversationStatus.QUEUED, agent.value(), null, "agent_signed_out", now));
                router.handBack(held.id(), "the previous agent signed out");
                Customer customer = customer(queued);
                tell(customer, queued, "您的客服已下线，正在为您转接其他客服，请稍候，无需重复描述问题。",
                        "Your agent has signed off. I'm passing you to a colleague; you won't need to repeat yourself.",
                        now);
                router.queueStatus(held.id()).ifPresent(s -> live.toShopper(customer.id(), queueFrame(s)));
                AUDIT.info("agent={} action=sign_out_hand_back conversation={}", agent, held.id());
                handed++;
            } catch (RuntimeException e) {
                LOG.warn("could not hand back conversation {} of {}: {}", held.id(), agent, e.toString());
            }
        }
        return handed;
    }

    /** Conversations an agent holds now (after a reconnect the desk restores them). */
    public List<Conversation> heldBy(AgentId agent) {
        return stores.conversations().listByStatus(ConversationStatus.ASSIGNED).stream()
                .map(id -> stores.conversations().find(id))
                .flatMap(Optional::stream)
                .filter(c -> agent.value().equals(c.assignedAgent()))
                .toList();
    }

    /**
     * A conversation with its context card, for an agent who holds it (or the team that does) or a supervisor.
     * Every read is audit-logged, refusals included.
     */
    public Map<String, Object> read(Principal reader, ConversationId id) {
        Optional<Conversation> found = stores.conversations().find(id);
        if (found.isEmpty()) {
            // never existed, or erased: who asked for what is still worth knowing
            AUDIT.info("reader={} action=read conversation={} allowed=false result=not_found", reader.accountId(), id);
            throw new NoSuchElementException("no conversation " + id);
        }
        Conversation conversation = found.get();
        boolean allowed = reader.isSupervisor()
                || reader.accountId().equals(conversation.assignedAgent())
                || (conversation.assignedAgent() != null && accounts.apply(conversation.assignedAgent())
                        .map(holder -> holder.team().equals(reader.team())).orElse(false));
        AUDIT.info("reader={} action=read conversation={} customer={} allowed={}", reader.accountId(), id,
                conversation.customerId(), allowed);
        if (!allowed) {
            throw new AccessDeniedException("conversation " + id + " is not assigned to you or your team");
        }
        return ContextCards.build(conversation, customer(conversation), stores.conversations().transcript(id));
    }

    /** The conversation, if {@code agent} holds it; else audit-logged with what was attempted, and refused. */
    private Conversation holdingConversation(AgentId agent, ConversationId id, String attempted) {
        Conversation conversation = stores.conversations().find(id)
                .orElseThrow(() -> new NoSuchElementException("no conversation " + id));
        if (conversation.status() != ConversationStatus.ASSIGNED || !agent.value().equals(conversation.assignedAgent())) {
            AUDIT.info("agent={} action=denied conversation={} attempted={} status={} holder={}", agent, id,
                    attempted, conversation.status().name().toLowerCase(java.util.Locale.ROOT),
                    conversation.assignedAgent() == null ? "-" : conversation.assignedAgent());
            throw new AccessDeniedException("conversation " + id + " is not assigned to you");
        }
        return conversation;
    }

    private Customer customer(Conversation conversation) {
        return stores.customers().find(conversation.customerId())
                .orElseThrow(() -> new NoSuchElementException("no customer " + conversation.customerId()));
    }

    /**
     * A system note for the agents, in the conversation's language: stored in the transcript (the card of whoever
     * takes the conversation shows it) and pushed to the agent holding it; not sent to the customer.
     */
    public void noteForAgent(Conversation conversation, String zh, String en, Instant now) {
        Message m = Message.outbound(conversation.id(), conversation.channel(), SenderRole.SYSTEM, "system",
                "zh".equals(conversation.locale()) ? zh : en, now);
        stores.conversations().append(m);
        if (conversation.status() == ConversationStatus.ASSIGNED && conversation.assignedAgent() != null) {
            live.toAgent(new AgentId(conversation.assignedAgent()), messageFrame(conversation, m, "system"));
        }
    }

    /**
     * A system notice to the customer, in the conversation's language (and the shopper's Chinese script): stored in
     * the transcript, then delivered.
     */
    private void tell(Customer customer, Conversation conversation, String zh, String en, Instant now) {
        Message m = Message.outbound(conversation.id(), conversation.channel(), SenderRole.SYSTEM, "system",
                "zh".equals(conversation.locale()) ? script.in(conversation.id(), zh) : en, now);
        stores.conversations().append(m);
        replies.deliver(customer, conversation, m);
    }

    /** The wait as the customer reads it: "约 5 分钟" / "about 5 minutes", "约 2 小时 45 分钟" / "about 2 h 45 min". */
    static String waitText(long seconds, boolean chinese) {
        long minutes = Math.max(1, (seconds + 59) / 60);
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (chinese) {
            return "约 " + (hours == 0 ? "" : hours + " 小时") + (hours > 0 && rest > 0 ? " " : "")
                    + (rest == 0 ? "" : rest + " 分钟");
        }
        return "about " + (hours == 0 ? rest + (rest == 1 ? " minute" : " minutes")
                : hours + " h" + (rest == 0 ? "" : " " + rest + " min"));
    }

    static Frame queueFrame(QueueStatus status) {
        return Frame.of("handoff").put("status", "queued")
                .put("conversationId", status.conversationId().value())
                .put("position", status.position())
                .put("expectedWaitSeconds", status.expectedWaitSeconds());
    }
}
