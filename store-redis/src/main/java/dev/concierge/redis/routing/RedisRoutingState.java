package dev.concierge.redis.routing;

import static dev.concierge.redis.RedisFailures.guard;

import dev.concierge.core.channel.Channel;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.redis.RedisJson;
import dev.concierge.redis.RedisKeys;
import dev.concierge.routing.AgentId;
import dev.concierge.routing.Presence;
import dev.concierge.routing.sla.SlaBreach;
import dev.concierge.routing.sla.SlaKind;
import dev.concierge.routing.sla.SlaTimer;
import dev.concierge.routing.state.AgentState;
import dev.concierge.routing.state.Claim;
import dev.concierge.routing.state.ClaimOutcome;
import dev.concierge.routing.state.ClaimRequest;
import dev.concierge.routing.state.DrainView;
import dev.concierge.routing.state.Eligible;
import dev.concierge.routing.state.EnqueueOutcome;
import dev.concierge.routing.state.Fired;
import dev.concierge.routing.state.Held;
import dev.concierge.routing.state.PresenceChange;
import dev.concierge.routing.state.QueueEntry;
import dev.concierge.routing.state.QueuePlace;
import dev.concierge.routing.state.Released;
import dev.concierge.routing.state.RoutingState;
import dev.concierge.routing.state.TimerKeys;
import dev.concierge.routing.state.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Routing state in Redis, shared by every node. Each operation is one Lua script (EVALSHA) over the keys of the
 * {@code {routing}} slot, so claims are atomic, capacity counters are checked and incremented in the same step
 * (they never exceed the limit), and due timers are claimed by ZREM inside the firing script (exactly once). A
 * handoff costs three round trips, one per router call (enqueue with its claim, accept, release); each conversation's
 * fields live in one hash so that the scripts run few Redis commands (see {@link RoutingScripts}).
 */
public final class RedisRoutingState implements RoutingState {
    /** Indexes into {@code RedisKeys.routingState()} of the keys read outside the scripts. */
    private static final int QUEUE = 0;
    private static final int TIMERS = 6;
    private static final int BREACHES = 7;

    private final UnifiedJedis redis;
    private final RedisJson json;
    private final List<String> stateKeys;
    /** Each script's KEYS (the shared keys it uses), worked out once; never changed after construction. */
    private final Map<RoutingScripts.RoutingScript, List<String>> keysOf = new IdentityHashMap<>();
    private final String heldByPrefix;
    private final String conversationPrefix;

    public RedisRoutingState(UnifiedJedis redis, RedisKeys keys, RedisJson json) {
        this.redis = redis;
        this.json = RoutingJson.register(json);
        this.stateKeys = keys.routingState();
        for (RoutingScripts.RoutingScript script : RoutingScripts.all()) {
            keysOf.put(script, script.keys().stream().map(stateKeys::get).toList());
        }
        this.heldByPrefix = keys.routingHeldByPrefix();
        this.conversationPrefix = keys.routingConversationPrefix();
    }

    private Object run(RoutingScripts.RoutingScript script, String... args) {
        List<String> argv = arguments(args.length);
        for (String a : args) {
            argv.add(a);
        }
        return run(script, argv);
    }

    /** A script's ARGV: the two key prefixes every script expects first, then room for its own arguments. */
    private List<String> arguments(int own) {
        List<String> argv = new ArrayList<>(own + 2);
        argv.add(heldByPrefix);
        argv.add(conversationPrefix);
        return argv;
    }

    private Object run(RoutingScripts.RoutingScript script, List<String> argv) {
        List<String> keys = keysOf.get(script);
        return guard(() -> script.lua().run(redis, keys, argv));
    }

    @Override
    public EnqueueOutcome enqueue(QueueEntry entry, List<SlaTimer> slaTimers, ClaimRequest request) {
        List<String> args = arguments(10 + 2 * slaTimers.size());
        args.add(entry.conversationId().value());
        args.add(entry.ticket().customerId().value());
        args.add(json.write(entry));
        args.add(Long.toString(entry.rank()));
        args.add(entry.ticket().channel().name());
        args.add(Integer.toString(slaTimers.size()));
        for (SlaTimer t : slaTimers) {
            args.add(TimerKeys.sla(t.kind(), t.conversationId()));
            args.add(Long.toString(t.dueAt().toEpochMilli()));
        }
        addRequest(args, request);
        List<?> result = (List<?>) run(RoutingScripts.ENQUEUE, args);
        String owner = (String) result.get(1);
        long code = (Long) result.get(2);
        ClaimOutcome claim = code == 3 ? ClaimOutcome.not(Claim.NOT_TRIED) : claimOutcome(code, (String) result.get(3));
        return new EnqueueOutcome(((Long) result.get(0)) == 1L,
                owner.isEmpty() ? Optional.empty() : Optional.of(new AgentId(owner)), claim);
    }

    private static void addRequest(List<String> args, ClaimRequest request) {
        args.add(Long.toString(request.offeredAt().toEpochMilli()));
        args.add(Long.toString(request.expiresAt().toEpochMilli()));
        args.add(Long.toString(request.directoryVersion()));
        args.add(eligible(request.eligible()));
    }

    /**
     * The eligible agents as the scripts read them, one argument: {@code |agent=capacity} then {@code y} if they
     * declined the conversation, {@code n} if not, for each ('|' and '=' cannot occur in an id).
     */
    private static String eligible(List<Eligible> eligible) {
        StringBuilder text = new StringBuilder(eligible.size() * 24);
        for (Eligible e : eligible) {
            text.append('|').append(e.agent().value()).append('=').append(e.capacity())
                    .append(e.declined() ? 'y' : 'n');
        }
        return text.toString();
    }

    private static ClaimOutcome claimOutcome(long code, String agent) {
        return switch ((int) code) {
            case 0 -> ClaimOutcome.offered(new AgentId(agent));
            case 1 -> ClaimOutcome.not(Claim.CONVERSATION_GONE);
            case 4 -> ClaimOutcome.not(Claim.STALE_DIRECTORY);
            default -> ClaimOutcome.not(Claim.AGENT_UNAVAILABLE);
        };
    }

    @Override
    public boolean updateWaiting(QueueEntry entry, Instant wakeAt) {
        return (Long) run(RoutingScripts.UPDATE_WAITING, entry.conversationId().value(), json.write(entry),
                Long.toString(entry.rank()), wakeAt == null ? "" : Long.toString(wakeAt.toEpochMilli())) == 1L;
    }

    @Override
    public List<Waiting> waiting(int offset, int limit) {
        return parseWaiting((List<?>) run(RoutingScripts.WAITING, Integer.toString(offset), Integer.toString(limit)));
    }

    @Override
    public DrainView drainView(int limit) {
        List<?> result = (List<?>) run(RoutingScripts.DRAIN_VIEW, Integer.toString(limit));
        List<Waiting> waiting = parseWaiting((List<?>) result.get(0));
        if (waiting.isEmpty()) {
            return new DrainView(waiting, Map.of());
        }
        List<?> ready = (List<?>) result.get(1);
        Map<String, Map<Channel, Integer>> loads = parseLoads((List<?>) result.get(2));
        Map<AgentId, AgentState> online = new HashMap<>();
        for (int i = 0; i + 1 < ready.size(); i += 2) {
            String id = (String) ready.get(i);
            // READY score = open * 2^42 + last offer ms, exact in a double
            long lastOffer = (long) Double.parseDouble((String) ready.get(i + 1)) & ((1L << 42) - 1);
            online.put(new AgentId(id), AgentState.of(new AgentId(id), Presence.ONLINE,
                    loads.getOrDefault(id, Map.of()), lastOffer));
        }
        return new DrainView(waiting, online);
    }

    private List<Waiting> parseWaiting(List<?> flat) {
        List<Waiting> result = new ArrayList<>(flat.size() / 3);
        for (int i = 0; i + 2 < flat.size(); i += 3) {
            String entryJson = (String) flat.get(i + 1);
            if (entryJson.isEmpty()) {
                continue;
            }
            String declined = (String) flat.get(i + 2);
            Set<AgentId> declinedBy = new HashSet<>();
            if (!declined.isEmpty()) {
                for (String a : declined.split(",")) {
                    declinedBy.add(new AgentId(a));
                }
            }
            result.add(new Waiting(json.read(entryJson, QueueEntry.class), declinedBy));
        }
        return result;
    }

    @Override
    public OptionalLong position(ConversationId conversation) {
        Long rank = guard(() -> redis.zrank(stateKeys.get(QUEUE), conversation.value()));
        return rank == null ? OptionalLong.empty() : OptionalLong.of(rank);
    }

    @Override
    public Optional<QueuePlace> queuePlace(ConversationId conversation) {
        List<?> result = (List<?>) run(RoutingScripts.QUEUE_PLACE, conversation.value());
        long position = (Long) result.get(0);
        return position < 0 ? Optional.empty() : Optional.of(new QueuePlace(position, (Long) result.get(1)));
    }

    @Override
    public long waitingCount() {
        return guard(() -> redis.zcard(stateKeys.get(QUEUE)));
    }

    @Override
    public Optional<QueueEntry> entry(ConversationId conversation) {
        String text = guard(() -> redis.hget(conversationPrefix + conversation.value(), "e"));
        return Optional.ofNullable(text).map(t -> json.read(t, QueueEntry.class));
    }

    @Override
    public Map<AgentId, AgentState> agents() {
        List<?> result = (List<?>) run(RoutingScripts.AGENTS);
        List<?> presence = (List<?>) result.get(0);
        List<?> load = (List<?>) result.get(1);
        List<?> lastOffer = (List<?>) result.get(2);
        Map<String, Presence> presences = new HashMap<>();
        for (int i = 0; i + 1 < presence.size(); i += 2) {
            presences.put((String) presence.get(i), Presence.valueOf((String) presence.get(i + 1)));
        }
        Map<String, Map<Channel, Integer>> loads = parseLoads(load);
        Map<String, Long> offers = new HashMap<>();
        for (int i = 0; i + 1 < lastOffer.size(); i += 2) {
            offers.put((String) lastOffer.get(i), Long.parseLong((String) lastOffer.get(i + 1)));
        }
        Set<String> ids = new HashSet<>(presences.keySet());
        ids.addAll(loads.keySet());
        Map<AgentId, AgentState> agents = new HashMap<>();
        for (String id : ids) {
            AgentId agent = new AgentId(id);
            agents.put(agent, AgentState.of(agent, presences.getOrDefault(id, Presence.OFFLINE),
                    loads.getOrDefault(id, Map.of()), offers.getOrDefault(id, 0L)));
        }
        return agents;
    }

    @Override
    public ClaimOutcome claimBest(ConversationId conversation, ClaimRequest request) {
        if (request.eligible().isEmpty()) {
            return ClaimOutcome.not(Claim.AGENT_UNAVAILABLE);
        }
        List<String> args = arguments(5);
        args.add(conversation.value());
        addRequest(args, request);
        List<?> result = (List<?>) run(RoutingScripts.CLAIM_BEST, args);
        return claimOutcome((Long) result.get(0), (String) result.get(1));
    }

    @Override
    public boolean accept(AgentId agent, ConversationId conversation) {
        return (Long) run(RoutingScripts.ACCEPT, conversation.value(), agent.value()) == 1L;
    }

    @Override
    public boolean returnOffer(AgentId agent, ConversationId conversation) {
        return (Long) run(RoutingScripts.RETURN_OFFER, conversation.value(), agent.value()) == 1L;
    }

    @Override
    public void forgetOwners(CustomerId customer, java.util.Collection<ConversationId> conversations) {
        List<String> args = new java.util.ArrayList<>();
        args.add(customer.value());
        conversations.forEach(c -> args.add(c.value()));
        run(RoutingScripts.FORGET_OWNERS, args.toArray(String[]::new));
    }

    @Override
    public Optional<AgentId> owner(ConversationId conversation, CustomerId customer) {
        String owner = (String) run(RoutingScripts.OWNER, conversation.value(), customer.value());
        return owner.isEmpty() ? Optional.empty() : Optional.of(new AgentId(owner));
    }

    @Override
    public Optional<Held> holder(ConversationId conversation) {
        List<String> held = guard(() -> redis.hmget(conversationPrefix + conversation.value(), "h", "ch"));
        if (held.get(0) == null) {
            return Optional.empty();
        }
        return Optional.of(parseHeld(held.get(0), held.get(1)));
    }

    @Override
    public Released release(ConversationId conversation) {
        List<String> args = arguments(2 + SlaKind.values().length);
        args.add(conversation.value());
        for (SlaKind kind : SlaKind.values()) {
            args.add(TimerKeys.sla(kind, conversation));
        }
        args.add(TimerKeys.wake(conversation));
        List<?> result = (List<?>) run(RoutingScripts.RELEASE, args);
        String held = (String) result.get(0);
        long waiting = (Long) result.get(2);
        return new Released(held.isEmpty() ? Optional.empty()
                : Optional.of(parseHeld(held, (String) result.get(1))), waiting);
    }

    @Override
    public boolean requeueAssigned(ConversationId conversation, QueueEntry newEntry, Instant wakeAt) {
        return (Long) run(RoutingScripts.REQUEUE_ASSIGNED, conversation.value(), json.write(newEntry),
                wakeAt == null ? "" : Long.toString(wakeAt.toEpochMilli())) == 1L;
    }

    @Override
    public PresenceChange setPresence(AgentId agent, Presence presence, boolean requeueAssigned) {
        List<?> result = (List<?>) run(RoutingScripts.SET_PRESENCE, agent.value(), presence.name(),
                requeueAssigned ? "1" : "0");
        return new PresenceChange(ids((List<?>) result.get(0)), ids((List<?>) result.get(1)));
    }

    @Override
    public List<Fired> fireDue(Instant now, int limit) {
        List<?> keysFired = (List<?>) run(RoutingScripts.FIRE_DUE, Long.toString(now.toEpochMilli()),
                Integer.toString(limit));
        List<Fired> fired = new ArrayList<>(keysFired.size());
        for (Object o : keysFired) {
            String key = (String) o;
            if (key.startsWith(TimerKeys.SLA + "|")) {
                int bar = key.lastIndexOf('|');
                TimerKeys.Parsed timer = TimerKeys.parse(key.substring(0, bar));
                fired.add(new Fired.Breached(new SlaBreach(timer.conversation(), timer.kind(),
                        Instant.ofEpochMilli(Long.parseLong(key.substring(bar + 1))), now)));
            } else {
                TimerKeys.Parsed timer = TimerKeys.parse(key);
                fired.add(TimerKeys.OFFER.equals(timer.type())
                        ? new Fired.OfferExpired(timer.conversation(), timer.agent())
                        : new Fired.PreferenceEnded(timer.conversation()));
            }
        }
        return fired;
    }

    @Override
    public void cancelSla(ConversationId conversation, Set<SlaKind> kinds) {
        if (kinds.isEmpty()) {
            return;
        }
        String[] members = kinds.stream().map(k -> TimerKeys.sla(k, conversation)).toArray(String[]::new);
        guard(() -> redis.zrem(stateKeys.get(TIMERS), members));
    }

    @Override
    public List<SlaBreach> breaches(int limit) {
        List<String> rows = guard(() -> redis.lrange(stateKeys.get(BREACHES), 0, limit - 1L));
        List<SlaBreach> result = new ArrayList<>(rows.size());
        for (String row : rows) {
            // sla|KIND|conversation|due|detected
            String[] parts = row.split("\\|");
            result.add(new SlaBreach(new ConversationId(parts[2]), SlaKind.valueOf(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])), Instant.ofEpochMilli(Long.parseLong(parts[4]))));
        }
        return result;
    }

    /** The load hash (fields {@code agent|CHANNEL}) by agent. */
    private static Map<String, Map<Channel, Integer>> parseLoads(List<?> load) {
        Map<String, Map<Channel, Integer>> loads = new HashMap<>();
        for (int i = 0; i + 1 < load.size(); i += 2) {
            String field = (String) load.get(i);
            int bar = field.lastIndexOf('|');
            loads.computeIfAbsent(field.substring(0, bar), a -> new EnumMap<>(Channel.class))
                    .put(Channel.valueOf(field.substring(bar + 1)), Integer.parseInt((String) load.get(i + 1)));
        }
        return loads;
    }

    private static Held parseHeld(String held, String channel) {
        return new Held(new AgentId(held.substring(0, held.length() - 2)), Channel.valueOf(channel),
                held.endsWith("|1"));
    }

    private static List<ConversationId> ids(List<?> values) {
        List<ConversationId> ids = new ArrayList<>(values.size());
        for (Object v : values) {
            ids.add(new ConversationId((String) v));
        }
        return ids;
    }
}
