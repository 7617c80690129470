package dev.concierge.redis.routing;

import dev.concierge.redis.RedisScript;

/**
 * The Lua scripts behind {@link RedisRoutingState}. Every script receives all routing keys (see
 * {@code RedisKeys.routingState()}) as KEYS and the held-by key prefix as ARGV[1]; its own arguments follow.
 * Holder values are {@code agent|0} (offered) or {@code agent|1} (assigned); load fields are {@code agent|CHANNEL}.
 */
final class RoutingScripts {
    private RoutingScripts() {
    }

    private static final String PRELUDE = """
            local Q, E, CH, CU, D, H, P, L, LO, OC, OU, T, B, R, O = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5],
                KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12], KEYS[13], KEYS[14], KEYS[15]
            local V = KEYS[16]
            local HB = ARGV[1]
            local function free(c, agent)
              local ch = redis.call('HGET', CH, c)
              local n = redis.call('HINCRBY', L, agent .. '|' .. ch, -1)
              if n < 0 then redis.call('HSET', L, agent .. '|' .. ch, 0) end
              if redis.call('HINCRBY', O, agent, -1) < 0 then redis.call('HSET', O, agent, 0) end
              redis.call('HDEL', H, c)
              redis.call('SREM', HB .. agent, c)
            end
            local function backToQueue(c, agent)
              free(c, agent)
              redis.call('ZADD', Q, redis.call('HGET', R, c), c)
            end
            local function addDeclined(c, agent)
              local d = redis.call('HGET', D, c)
              if d then d = d .. ',' .. agent else d = agent end
              redis.call('HSET', D, c, d)
            end
            local function holderAgent(h)
              return string.sub(h, 1, #h - 2)
            end
            -- the selector, atomic with the claim: among eligible agents (ARGV triples agent, capacity, declined 0/1
            -- from index i) online with room on the channel: not declined, fewest open, longest idle, then id.
            -- Refused (4) when the agent directory changed since the caller computed the eligible agents.
            local function claimBest(c, offered, expires, version, i)
              if not redis.call('ZSCORE', Q, c) then return {1, ''} end
              if (redis.call('GET', V) or '0') ~= version then return {4, ''} end
              local ch = redis.call('HGET', CH, c)
              local names, loads, caps, decs = {}, {}, {}, {}
              while i + 2 <= #ARGV do
                names[#names + 1] = ARGV[i]
                loads[#loads + 1] = ARGV[i] .. '|' .. ch
                caps[#caps + 1] = tonumber(ARGV[i + 1])
                decs[#decs + 1] = tonumber(ARGV[i + 2])
                i = i + 3
              end
              if #names == 0 then return {2, ''} end
              -- one HMGET per hash, not one call per agent: this script runs on every assignment
              local presence = redis.call('HMGET', P, unpack(names))
              local load = redis.call('HMGET', L, unpack(loads))
              local open = redis.call('HMGET', O, unpack(names))
              local last = redis.call('HMGET', LO, unpack(names))
              local best, bd, bo, bl
              for k = 1, #names do
                if presence[k] == 'ONLINE' and tonumber(load[k] or '0') < caps[k] then
                  local a, dec = names[k], decs[k]
                  local o = tonumber(open[k] or '0')
                  local l = tonumber(last[k] or '0')
                  if best == nil or dec < bd or (dec == bd and (o < bo or (o == bo and (l < bl
                      or (l == bl and a < best))))) then
                    best, bd, bo, bl = a, dec, o, l
                  end
                end
              end
              if not best then return {2, ''} end
              redis.call('ZREM', Q, c)
              redis.call('HINCRBY', L, best .. '|' .. ch, 1)
              redis.call('HINCRBY', O, best, 1)
              redis.call('HSET', H, c, best .. '|0')
              redis.call('SADD', HB .. best, c)
              redis.call('HSET', LO, best, offered)
              redis.call('ZADD', T, expires, 'offer|' .. c .. '|' .. best)
              return {0, best}
            end
            """;

    private static RedisScript script(String body) {
        return new RedisScript(PRELUDE + body);
    }

    /**
     * ARGV: conv, customer, entry json, rank, channel, number of timers n, n (timer key, due ms) pairs, offered ms,
     * expires ms, directory version, then eligible triples. → {added 0/1, owner or '', claim code, offered agent or ''}; no claim (code
     * 3) when the conversation or customer has an owner.
     */
    static final RedisScript ENQUEUE = script("""
            local c, cust = ARGV[2], ARGV[3]
            local owner = redis.call('HGET', OC, c) or redis.call('HGET', OU, cust) or ''
            if redis.call('HEXISTS', E, c) == 1 then return {0, owner, 3, ''} end
            redis.call('HSET', E, c, ARGV[4])
            redis.call('HSET', R, c, ARGV[5])
            redis.call('HSET', CH, c, ARGV[6])
            redis.call('HSET', CU, c, cust)
            redis.call('ZADD', Q, ARGV[5], c)
            local n = tonumber(ARGV[7])
            for i = 8, 7 + 2 * n, 2 do redis.call('ZADD', T, ARGV[i + 1], ARGV[i]) end
            if owner ~= '' then return {1, owner, 3, ''} end
            local after = 8 + 2 * n
            local claim = claimBest(c, ARGV[after], ARGV[after + 1], ARGV[after + 2], after + 3)
            return {1, '', claim[1], claim[2]}
            """);

    /** ARGV: conv, entry json, rank, wake ms or ''. → 1 if still waiting and updated */
    static final RedisScript UPDATE_WAITING = script("""
            local c = ARGV[2]
            if redis.call('HEXISTS', E, c) == 0 or redis.call('HEXISTS', H, c) == 1 then return 0 end
            redis.call('HSET', E, c, ARGV[3])
            redis.call('HSET', R, c, ARGV[4])
            redis.call('ZADD', Q, ARGV[4], c)
            if ARGV[5] ~= '' then redis.call('ZADD', T, ARGV[5], 'wake|' .. c) end
            return 1
            """);

    /** ARGV: offset, limit. → flat {conv, entry json, declined csv or ''}... in queue order */
    static final RedisScript WAITING = script("""
            local ids = redis.call('ZRANGE', Q, tonumber(ARGV[2]), tonumber(ARGV[2]) + tonumber(ARGV[3]) - 1)
            local out = {}
            for _, c in ipairs(ids) do
              table.insert(out, c)
              table.insert(out, redis.call('HGET', E, c) or '')
              table.insert(out, redis.call('HGET', D, c) or '')
            end
            return out
            """);

    /** → {presence hash, load hash, last-offer hash} as flat field/value lists */
    static final RedisScript AGENTS = script("""
            return {redis.call('HGETALL', P), redis.call('HGETALL', L), redis.call('HGETALL', LO)}
            """);

    /**
     * ARGV: conv, offered ms, expires ms, directory version, eligible triples.
     * → {0 offered / 1 gone / 2 nobody has room / 4 stale directory, agent}
     */
    static final RedisScript CLAIM_BEST = script("""
            return claimBest(ARGV[2], ARGV[3], ARGV[4], ARGV[5], 6)
            """);

    /** ARGV: conv, agent. → 1, or 0 if the agent holds no open offer */
    static final RedisScript ACCEPT = script("""
            local c, a = ARGV[2], ARGV[3]
            if redis.call('HGET', H, c) ~= a .. '|0' then return 0 end
            redis.call('HSET', H, c, a .. '|1')
            redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
            redis.call('HSETNX', OC, c, a)
            redis.call('HSETNX', OU, redis.call('HGET', CU, c), a)
            redis.call('HDEL', D, c)
            return 1
            """);

    /** ARGV: conv, agent. → 1 if the open offer went back to the queue */
    static final RedisScript RETURN_OFFER = script("""
            local c, a = ARGV[2], ARGV[3]
            if redis.call('HGET', H, c) ~= a .. '|0' then return 0 end
            backToQueue(c, a)
            redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
            addDeclined(c, a)
            return 1
            """);

    /** ARGV: conv, customer. → owner or '' */
    static final RedisScript OWNER = script("""
            return redis.call('HGET', OC, ARGV[2]) or redis.call('HGET', OU, ARGV[3]) or ''
            """);

    /** ARGV: conv, then timer keys to cancel. → {holder value or '' if not held, channel or '', queue length} */
    static final RedisScript RELEASE = script("""
            local c = ARGV[2]
            if redis.call('HEXISTS', E, c) == 0 then return {'', '', redis.call('ZCARD', Q)} end
            local ch = redis.call('HGET', CH, c)
            local h = redis.call('HGET', H, c)
            if h then
              local agent = holderAgent(h)
              free(c, agent)
              redis.call('ZREM', T, 'offer|' .. c .. '|' .. agent)
            end
            redis.call('ZREM', Q, c)
            redis.call('HDEL', E, c)
            redis.call('HDEL', R, c)
            redis.call('HDEL', CH, c)
            redis.call('HDEL', CU, c)
            redis.call('HDEL', D, c)
            for i = 3, #ARGV do redis.call('ZREM', T, ARGV[i]) end
            return {h or '', ch, redis.call('ZCARD', Q)}
            """);

    /** ARGV: conv, new entry json, wake ms or ''. → 1 if the assignment went back to the queue */
    static final RedisScript REQUEUE_ASSIGNED = script("""
            local c = ARGV[2]
            local h = redis.call('HGET', H, c)
            if not h or string.sub(h, -2) ~= '|1' then return 0 end
            local agent = holderAgent(h)
            free(c, agent)
            redis.call('HSET', E, c, ARGV[3])
            redis.call('ZADD', Q, redis.call('HGET', R, c), c)
            addDeclined(c, agent)
            if ARGV[4] ~= '' then redis.call('ZADD', T, ARGV[4], 'wake|' .. c) end
            return 1
            """);

    /** ARGV: agent, presence, requeue assigned 1/0. → {withdrawn offers, requeued assignments} */
    static final RedisScript SET_PRESENCE = script("""
            local a, presence = ARGV[2], ARGV[3]
            redis.call('HSET', P, a, presence)
            local withdrawn, requeued = {}, {}
            if presence == 'ONLINE' then return {withdrawn, requeued} end
            for _, c in ipairs(redis.call('SMEMBERS', HB .. a)) do
              local h = redis.call('HGET', H, c)
              if h == a .. '|0' then
                backToQueue(c, a)
                redis.call('ZREM', T, 'offer|' .. c .. '|' .. a)
                table.insert(withdrawn, c)
              elseif h == a .. '|1' and presence == 'OFFLINE' and ARGV[4] == '1' then
                backToQueue(c, a)
                table.insert(requeued, c)
              end
            end
            return {withdrawn, requeued}
            """);

    /**
     * ARGV: now ms, limit. Claims due timers (ZREM inside the script: exactly one caller gets each) and fires them.
     * → fired timer keys; SLA ones with "|due ms" appended
     */
    static final RedisScript FIRE_DUE = script("""
            local now = ARGV[2]
            local due = redis.call('ZRANGEBYSCORE', T, '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
            local out = {}
            for i = 1, #due, 2 do
              local key, score = due[i], due[i + 1]
              redis.call('ZREM', T, key)
              local kind = string.match(key, '^([^|]+)|')
              if kind == 'offer' then
                local c, a = string.match(key, '^offer|([^|]+)|([^|]+)$')
                if redis.call('HGET', H, c) == a .. '|0' then
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
            """);
}
