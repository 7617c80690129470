package dev.concierge.redis.routing;

import dev.concierge.redis.RedisScript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Lua scripts behind {@link RedisRoutingState}. Every script receives the shared routing keys it uses (of
 * {@code RedisKeys.routingState()}, see {@link RoutingScript}) as KEYS, the held-by key prefix as ARGV[1] and the
 * per-conversation hash prefix as ARGV[2]; its own arguments follow.
 *
 * <p>Everything routing knows about one conversation is one hash ({@code conv:<id>}, same {@code {routing}} slot):
 * {@code e} entry json, {@code r} rank, {@code ch} channel, {@code cu} customer, {@code d} agents who declined (csv,
 * may be empty), {@code h} holder: {@code agent|0} (offered) or {@code agent|1} (assigned). Writing it is one HSET and
 * forgetting it one DEL, instead of one call per field hash: Redis's cost per handoff is mostly the number of
 * commands the scripts run. Load fields are {@code agent|CHANNEL}. A conversation is in the queue ZSET exactly when
 * it has a hash and no holder.
 */
final class RoutingScripts {
    private RoutingScripts() {
    }

    /**
     * The names the scripts use for the shared keys, in the order of {@code RedisKeys.routingState()}. A script is
     * sent only the keys its text uses (found when it is built), bound to these names; ARGV[1] and ARGV[2] are the
     * held-by and conversation prefixes (HB, CP) for every script.
     */
    private static final List<String> KEY_NAMES = List.of("Q", "P", "L", "LO", "OC", "OU", "T", "B", "O", "V",
            "READY");

    /** A script and the indexes into {@code RedisKeys.routingState()} of the keys to send it as KEYS, in order. */
    record RoutingScript(RedisScript lua, List<Integer> keys) {
    }

    /*
     * Helpers, each included only in the scripts that call it (with what it calls, before it): Redis runs a script's
     * whole text on every call, and each "local function" is a new closure then.
     */
    private static final String READY_SCORE = """
            -- READY holds the online agents in selection order: score = open conversations * 2^42 + last offer ms
            -- (exact in a double while open < 2^11), equal scores by id. Written with %.0f: redis.call would format
            -- a Lua number with 14 significant digits.
            local function readyScore(open, lastOffer)
              return string.format('%.0f', open * 4398046511104 + tonumber(lastOffer))
            end
            """;
    private static final String FREE = """
            local function free(c, agent, ch)
              local n = redis.call('HINCRBY', L, agent .. '|' .. ch, -1)
              if n < 0 then redis.call('HSET', L, agent .. '|' .. ch, 0) end
              local open = redis.call('HINCRBY', O, agent, -1)
              if open < 0 then
                redis.call('HSET', O, agent, 0)
              else
                -- one open conversation fewer: the READY score drops by 2^42 (exact), the last offer stays; XX: only
                -- if online. One command instead of reading the last offer and writing the score.
                redis.call('ZADD', READY, 'XX', 'INCR', '-4398046511104', agent)
              end
              redis.call('SREM', HB .. agent, c)
            end
            """;
    private static final String BACK_TO_QUEUE = """
            local function backToQueue(c, agent)
              local k = CP .. c
              local v = redis.call('HMGET', k, 'ch', 'r')
              free(c, agent, v[1])
              redis.call('HDEL', k, 'h')
              redis.call('ZADD', Q, v[2], c)
            end
            """;
    private static final String QUEUE_ENTRIES = """
            -- the queued conversations ids as flat {conv, entry json, declined csv or ''}...
            local function queueEntries(ids)
              local out = {}
              for _, c in ipairs(ids) do
                local v = redis.call('HMGET', CP .. c, 'e', 'd')
                table.insert(out, c)
                table.insert(out, v[1] or '')
                table.insert(out, v[2] or '')
              end
              return out
            end
            """;
    private static final String ADD_DECLINED = """
            local function addDeclined(c, agent)
              local k = CP .. c
              local d = redis.call('HGET', k, 'd')
              if d and d ~= '' then d = d .. ',' .. agent else d = agent end
              redis.call('HSET', k, 'd', d)
            end
            """;
    private static final String HOLDER_AGENT = """
            local function holderAgent(h)
              return string.sub(h, 1, #h - 2)
            end
            """;
    private static final String PICK = """
            -- the selector, atomic with the claim: among the eligible agents (one argument, "|agent=capacity" then y if
            -- they declined it, n if not, for each: see RedisRoutingState.eligible) online with room on the channel:
            -- not declined, fewest open, longest idle, then id. READY is already in that order (less the declined
            -- flag), so the first eligible agent with room wins and a declined one only if nobody else has room:
            -- usually one short ZRANGE, one string.find and one HGET. One argument instead of three per agent: Redis
            -- and Lua paid for every argument (an object, an interned string, three table slots) on every claim.
            -- → 0 and the agent; 2 when nobody has room; 4 when the agent directory changed since the caller computed
            -- the eligible agents.
            local function pick(ch, version, eligible)
              if (redis.call('GET', V) or '0') ~= version then return 4 end
              if eligible == '' then return 2 end
              local fallback
              local from, page = 0, 8
              while true do
                local agents = redis.call('ZRANGE', READY, from, from + page - 1)
                for _, a in ipairs(agents) do
                  local at = string.find(eligible, '|' .. a .. '=', 1, true)
                  if at then
                    local cap, dec = string.match(eligible, '^(%d+)([yn])', at + #a + 2)
                    if (dec == 'n' or not fallback)
                        and tonumber(redis.call('HGET', L, a .. '|' .. ch) or '0') < tonumber(cap) then
                      if dec == 'n' then return 0, a end
                      fallback = a
                    end
                  end
                end
                if #agents < page then break end
                from, page = from + page, page * 2
              end
              if fallback then return 0, fallback end
              return 2
            end
            """;
    private static final String TAKE = """
            -- counts the offer against the agent; the caller records the holder and the expiry timer
            local function take(c, ch, agent, offered)
              redis.call('HINCRBY', L, agent .. '|' .. ch, 1)
              local open = redis.call('HINCRBY', O, agent, 1)
              redis.call('SADD', HB .. agent, c)
              redis.call('HSET', LO, agent, offered)
              redis.call('ZADD', READY, 'XX', readyScore(open, offered), agent)
            end
            """;
    private static final String CLAIM_BEST_FN = """
            local function claimBest(c, offered, expires, version, eligible)
              if not redis.call('ZSCORE', Q, c) then return {1, ''} end
              local k = CP .. c
              local ch = redis.call('HGET', k, 'ch')
              local code, best = pick(ch, version, eligible)
              if code ~= 0 then return {code, ''} end
              redis.call('ZREM', Q, c)
              take(c, ch, best, offered)
              redis.call('HSET', k, 'h', best .. '|0')
              redis.call('ZADD', T, expires, 'offer|' .. c .. '|' .. best)
              return {0, best}
            end
            """;

    /**
     * The helpers, then the body, after a first line binding the keys the code uses (comments aside) and the two
     * prefixes. Each key the scripts did not use still cost Redis an argument object and an interned Lua string,
     * and the JVM its encoding, on every call.
     */
    private static RoutingScript script(String body, String... helpers) {
        String code = String.join("", helpers) + body;
        String withoutComments = code.replaceAll("--[^\n]*", "");
        List<Integer> used = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < KEY_NAMES.size(); i++) {
            if (Pattern.compile("\\b" + KEY_NAMES.get(i) + "\\b").matcher(withoutComments).find()) {
                used.add(i);
                names.add(KEY_NAMES.get(i));
                values.add("KEYS[" + used.size() + "]");
            }
        }
        String binding = used.isEmpty() ? "" : "local " + String.join(", ", names) + " = " + String.join(", ", values)
                + "\n";
        return new RoutingScript(new RedisScript(binding + "local HB, CP = ARGV[1], ARGV[2]\n" + code),
                List.copyOf(used));
    }

    /** Every script, so that a state can work out each one's keys once. */
    static List<RoutingScript> all() {
        return List.of(ENQUEUE, UPDATE_WAITING, WAITING, DRAIN_VIEW, QUEUE_PLACE, AGENTS, CLAIM_BEST, ACCEPT,
                RETURN_OFFER, FORGET_OWNERS, OWNER, RELEASE, REQUEUE_ASSIGNED, SET_PRESENCE, FIRE_DUE);
    }

    /**
     * ARGV: conv, customer, entry json, rank, channel, number of timers n, n (timer key, due ms) pairs, offered ms,
     * expires ms, directory version, eligible agents. → {added 0/1, owner or '', claim code, offered agent or
     * ''}; no claim (code 3) when the conversation or customer has an owner. A conversation claimed at once never
     * enters the queue: the conversation hash (with its holder) and every timer are written in one call each.
     */
    static final RoutingScript ENQUEUE = script("""
            local c, cust, rank, ch = ARGV[3], ARGV[4], ARGV[6], ARGV[7]
            local k = CP .. c
            local owner = redis.call('HGET', OC, c) or redis.call('HGET', OU, cust) or ''
            if redis.call('EXISTS', k) == 1 then return {0, owner, 3, ''} end
            local n = tonumber(ARGV[8])
            local timers = {}
            for i = 9, 8 + 2 * n, 2 do
              timers[#timers + 1] = ARGV[i + 1]
              timers[#timers + 1] = ARGV[i]
            end
            local after = 9 + 2 * n
            local code, best = 3, ''
            if owner == '' then
              code, best = pick(ch, ARGV[after + 2], ARGV[after + 3])
            end
            if code == 0 then
              take(c, ch, best, ARGV[after])
              redis.call('HSET', k, 'e', ARGV[5], 'r', rank, 'ch', ch, 'cu', cust, 'h', best .. '|0')
              timers[#timers + 1] = ARGV[after + 1]
              timers[#timers + 1] = 'offer|' .. c .. '|' .. best
            else
              best = ''
              redis.call('HSET', k, 'e', ARGV[5], 'r', rank, 'ch', ch, 'cu', cust)
              redis.call('ZADD', Q, rank, c)
            end
            if #timers > 0 then redis.call('ZADD', T, unpack(timers)) end
            return {1, owner, code, best}
            """, READY_SCORE, PICK, TAKE);

    /** ARGV: conv, entry json, rank, wake ms or ''. → 1 if still waiting and updated */
    static final RoutingScript UPDATE_WAITING = script("""
            local c = ARGV[3]
            local k = CP .. c
            local v = redis.call('HMGET', k, 'ch', 'h')
            if not v[1] or v[2] then return 0 end
            redis.call('HSET', k, 'e', ARGV[4], 'r', ARGV[5])
            redis.call('ZADD', Q, ARGV[5], c)
            if ARGV[6] ~= '' then redis.call('ZADD', T, ARGV[6], 'wake|' .. c) end
            return 1
            """);

    /** ARGV: offset, limit. → flat {conv, entry json, declined csv or ''}... in queue order */
    static final RoutingScript WAITING = script("""
            local ids = redis.call('ZRANGE', Q, tonumber(ARGV[3]), tonumber(ARGV[3]) + tonumber(ARGV[4]) - 1)
            return queueEntries(ids)
            """, QUEUE_ENTRIES);

    /**
     * ARGV: limit. → {flat {conv, entry json, declined csv or ''}... of the queue's head, and if it is not empty:
     * online agents with their READY scores (flat), load hash (flat)}
     */
    static final RoutingScript DRAIN_VIEW = script("""
            local ids = redis.call('ZRANGE', Q, 0, tonumber(ARGV[3]) - 1)
            local out = queueEntries(ids)
            if #ids == 0 then return {out, {}, {}} end
            return {out, redis.call('ZRANGE', READY, 0, -1, 'WITHSCORES'), redis.call('HGETALL', L)}
            """, QUEUE_ENTRIES);

    /** ARGV: conv. → {0-based place in the queue or -1 if not waiting, online agents} */
    static final RoutingScript QUEUE_PLACE = script("""
            local r = redis.call('ZRANK', Q, ARGV[3])
            if not r then return {-1, 0} end
            return {r, redis.call('ZCARD', READY)}
            """);

    /** → {presence hash, load hash, last-offer hash} as flat field/value lists */
    static final RoutingScript AGENTS = script("""
            return {redis.call('HGETALL', P), redis.call('HGETALL', L), redis.call('HGETALL', LO)}
            """);

    /**
     * ARGV: conv, offered ms, expires ms, directory version, eligible agents.
     * → {0 offered / 1 gone / 2 nobody has room / 4 stale directory, agent}
     */
    static final RoutingScript CLAIM_BEST = script("""
            return claimBest(ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
            """, READY_SCORE, PICK, TAKE, CLAIM_BEST_FN);

    /** ARGV: conv, agent. → 1, or 0 if the agent holds no open offer */
    static final RoutingScript ACCEPT = script("""
            local c, a = ARGV[3], ARGV[4]
            local k = CP .. c
            local v = redis.call('HMGET', k, 'h', 'cu')
            if v[1] ~= a .. '|0' then return 0 end
            redis.call('HSET', k, 'h', a .. '|1', 'd', '')
            redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
            redis.call('HSETNX', OC, c, a)
            redis.call('HSETNX', OU, v[2], a)
            return 1
            """);

    /** ARGV: conv, agent. → 1 if the open offer went back to the queue */
    static final RoutingScript RETURN_OFFER = script("""
            local c, a = ARGV[3], ARGV[4]
            if redis.call('HGET', CP .. c, 'h') ~= a .. '|0' then return 0 end
            backToQueue(c, a)
            redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
            addDeclined(c, a)
            return 1
            """, FREE, BACK_TO_QUEUE, ADD_DECLINED);

    /** ARGV: customer, conversations... → 1. Forgets the first-contact owners of the customer and conversations. */
    static final RoutingScript FORGET_OWNERS = script("""
            redis.call('HDEL', OU, ARGV[3])
            for i = 4, #ARGV do redis.call('HDEL', OC, ARGV[i]) end
            return 1
            """);

    /** ARGV: conv, customer. → owner or '' */
    static final RoutingScript OWNER = script("""
            return redis.call('HGET', OC, ARGV[3]) or redis.call('HGET', OU, ARGV[4]) or ''
            """);

    /**
     * ARGV: conv, then timer keys to cancel. → {holder value or '' if not held, channel or '', queue length}. The
     * offer timer and the given ones go in one ZREM, the conversation in one DEL.
     */
    static final RoutingScript RELEASE = script("""
            local c = ARGV[3]
            local k = CP .. c
            local v = redis.call('HMGET', k, 'h', 'ch')
            local h, ch = v[1], v[2]
            if not ch then return {'', '', redis.call('ZCARD', Q)} end
            local timers = {}
            for i = 4, #ARGV do timers[#timers + 1] = ARGV[i] end
            if h then
              local agent = holderAgent(h)
              free(c, agent, ch)
              timers[#timers + 1] = 'offer|' .. c .. '|' .. agent
            else
              redis.call('ZREM', Q, c)
            end
            if #timers > 0 then redis.call('ZREM', T, unpack(timers)) end
            redis.call('DEL', k)
            return {h or '', ch, redis.call('ZCARD', Q)}
            """, FREE, HOLDER_AGENT);

    /** ARGV: conv, new entry json, wake ms or ''. → 1 if the assignment went back to the queue */
    static final RoutingScript REQUEUE_ASSIGNED = script("""
            local c = ARGV[3]
            local k = CP .. c
            local v = redis.call('HMGET', k, 'h', 'ch', 'r')
            local h = v[1]
            if not h or string.sub(h, -2) ~= '|1' then return 0 end
            local agent = holderAgent(h)
            free(c, agent, v[2])
            redis.call('HDEL', k, 'h')
            redis.call('HSET', k, 'e', ARGV[4])
            redis.call('ZADD', Q, v[3], c)
            addDeclined(c, agent)
            if ARGV[5] ~= '' then redis.call('ZADD', T, ARGV[5], 'wake|' .. c) end
            return 1
            """, FREE, HOLDER_AGENT, ADD_DECLINED);

    /** ARGV: agent, presence, requeue assigned 1/0. → {withdrawn offers, requeued assignments} */
    static final RoutingScript SET_PRESENCE = script("""
            local a, presence = ARGV[3], ARGV[4]
            redis.call('HSET', P, a, presence)
            local withdrawn, requeued = {}, {}
            if presence == 'ONLINE' then
              local open = tonumber(redis.call('HGET', O, a) or '0')
              redis.call('ZADD', READY, readyScore(open, redis.call('HGET', LO, a) or '0'), a)
              return {withdrawn, requeued}
            end
            redis.call('ZREM', READY, a)
            for _, c in ipairs(redis.call('SMEMBERS', HB .. a)) do
              local h = redis.call('HGET', CP .. c, 'h')
              if h == a .. '|0' then
                backToQueue(c, a)
                redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
                table.insert(withdrawn, c)
              elseif h == a .. '|1' and presence == 'OFFLINE' and ARGV[5] == '1' then
                backToQueue(c, a)
                table.insert(requeued, c)
              end
            end
            return {withdrawn, requeued}
            """, READY_SCORE, FREE, BACK_TO_QUEUE);

    /**
     * ARGV: now ms, limit. Claims due timers (ZREM inside the script: exactly one caller gets each) and fires them.
     * → fired timer keys; SLA ones with "|due ms" appended
     */
    static final RoutingScript FIRE_DUE = script("""
            local now = ARGV[3]
            local due = redis.call('ZRANGEBYSCORE', T, '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[4]))
            local out = {}
            for i = 1, #due, 2 do
              local key, score = due[i], due[i + 1]
              redis.call('ZREM', T, key)
              local kind = string.match(key, '^([^|]+)|')
              if kind == 'offer' then
                local c, a = string.match(key, '^offer|([^|]+)|([^|]+)$')
                if redis.call('HGET', CP .. c, 'h') == a .. '|0' then
                  backToQueue(c, a)
                  addDeclined(c, a)
                  table.insert(out, key)
                end
              elseif kind == 'sla' then
                local fired = key .. '|' .. string.format('%.0f', tonumber(score))
                redis.call('LPUSH', B, fired .. '|' .. now)
                redis.call('LTRIM', B, 0, 9999)
                table.insert(out, fired)
              else
                table.insert(out, key)
              end
            end
            return out
            """, FREE, BACK_TO_QUEUE, ADD_DECLINED);
}
