package dev.concierge.redis.message;

import dev.concierge.core.contract.PendingAnswersContract;
import dev.concierge.core.message.PendingAnswers;
import dev.concierge.redis.RedisNamespace;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPendingAnswersIT implements PendingAnswersContract {
    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("pending");

    @Override
    public PendingAnswers pending() {
        return new RedisPendingAnswers(redis.client(), redis.keys());
    }
}
