package dev.concierge.redis.routing;

import dev.concierge.redis.RedisNamespace;
import dev.concierge.routing.agent.AgentHeartbeats;
import dev.concierge.routing.contract.AgentHeartbeatsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisAgentHeartbeatsIT implements AgentHeartbeatsContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("heartbeats");

    @Override
    public AgentHeartbeats heartbeats() {
        return new RedisAgentHeartbeats(redis.client(), redis.keys());
    }
}
