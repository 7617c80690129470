package dev.concierge.server.channels;

import dev.concierge.channel.ChannelSettings;
import dev.concierge.channel.OutboundMessage;
import dev.concierge.channel.OutboundRoute;
import dev.concierge.channel.OutboundRouteSelector;
import dev.concierge.channel.OutputChannel;
import dev.concierge.channel.email.EmailOutputChannel;
import dev.concierge.channel.outbox.OutboxDispatcher;
import dev.concierge.channel.outbox.RetryPolicy;
import dev.concierge.channel.outbox.Sleeper;
import dev.concierge.channel.sms.SmsOutputChannel;
import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.Conversation;
import dev.concierge.core.conversation.ConversationLog;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.message.Message;
import dev.concierge.core.message.SenderRole;
import dev.concierge.server.conversation.ConversationService;
import dev.concierge.server.conversation.KeyedExecutor;
import dev.concierge.server.conversation.ReplyDispatcher;
import dev.concierge.server.conversation.WireMessages;
import dev.concierge.server.live.LiveConnections;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bot, agent and system messages to the customer: always to their open chat sockets, and on SMS or email
 * through the outbox (persisted before the first attempt, retried with backoff, drained by any node).
 */
public final class ChannelOutbound implements ReplyDispatcher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelOutbound.class);

    private final LiveConnections live;
    private final OutboxDispatcher outbox;
    private final OutboundRouteSelector routes;
    private final BiFunction<Message, String, Optional<String>> smsAnswer;
    /**
     * Sends one conversation's messages in order (one lane per conversation): on a pool of four, the closing notice
     * and the survey question sent right after it could reach the customer the other way round.
     */
    private final KeyedExecutor senders;

    private ChannelOutbound(LiveConnections live, OutboxDispatcher outbox, OutboundRouteSelector routes,
            BiFunction<Message, String, Optional<String>> smsAnswer, KeyedExecutor senders) {
        this.live = live;
        this.outbox = outbox;
        this.routes = routes;
        this.smsAnswer = smsAnswer;
        this.senders = senders;
    }

    /**
     * @param smsAnswer the short SMS version of a bot answer (from the knowledge base entry it came from), given
     *                  the message and its language
     */
    public static ChannelOutbound create(ChannelSettings settings, ChannelStores stores, LiveConnections live,
            BiFunction<Message, String, Optional<String>> smsAnswer, Clock clock) {
        List<OutputChannel> outputs = new ArrayList<>();
        Set<Channel> enabled = EnumSet.of(Channel.WEB_CHAT);
        settings.sms().settings().ifPresent(sms -> {
            outputs.add(new SmsOutputChannel(sms, stores.optOuts(), HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5)).build()));
            enabled.add(Channel.SMS);
        });
        settings.email().settings().ifPresent(email -> {
            outputs.add(new EmailOutputChannel(email, stores.threads()));
            enabled.add(Channel.EMAIL);
        });
        OutboxDispatcher outbox = new OutboxDispatcher(outputs, stores.outbox(), RetryPolicy.defaults(), clock,
                Sleeper.real());
        return new ChannelOutbound(live, outbox, new OutboundRouteSelector(enabled, stores.optOuts()), smsAnswer,
                new KeyedExecutor(4, "concierge-outbound"));
    }

    @Override
    public void deliver(Customer customer, Conversation conversation, Message message) {
        ConversationService.pushToShopper(live, customer, message);
        Channel channel = conversation.channel();
        if (channel != Channel.SMS && channel != Channel.EMAIL) {
            return;
        }
        Optional<OutboundRoute> route = routes.reachable(customer, channel);
        if (route.isEmpty() || !outbox.supports(channel)) {
            try (ConversationLog.Scope ignored = ConversationLog.scope(conversation.id())) {
                if (routes.optedOut(customer, channel)) {
                    // expected, not a fault: the customer sent STOP; the agent was told by a note in the transcript
                    LOG.info("event=reply_suppressed channel={} message={} reason=customer_opted_out",
                            channel.wireName(), message.id());
                } else {
                    LOG.warn("no {} route to the customer for message {} (channel off or no address)",
                            channel.wireName(), message.id());
                }
            }
            return;
        }
        String language = message.metadata().getOrDefault("language", conversation.locale());
        String shortText = message.senderRole() == SenderRole.BOT ? smsAnswer.apply(message, language).orElse("")
                : "";
        OutboundMessage outbound = new OutboundMessage(conversation.id(), route.get().recipient(), message.text(),
                shortText, WireMessages.quickReplies(message), List.of(), "");
        senders.submit(conversation.id(), () -> {
            try (ConversationLog.Scope ignored = ConversationLog.scope(conversation.id())) {
                try {
                    outbox.submit(channel, outbound);
                } catch (RuntimeException e) {
                    // The entry is in the outbox (persisted before the first attempt); the drainer retries it.
                    LOG.warn("send of {} on {} failed, left to the outbox: {}", message.id(), channel.wireName(),
                            e.toString());
                }
            }
            return null;
        });
    }

    /** Retries due outbox entries; called periodically on a worker thread. */
    public int drain() {
        return outbox.drainOnce(50);
    }

    @Override
    public void close() throws InterruptedException {
        senders.drain(TimeUnit.SECONDS.toMillis(5));
    }
}
