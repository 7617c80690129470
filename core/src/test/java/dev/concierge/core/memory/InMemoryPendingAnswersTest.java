package dev.concierge.core.memory;

import dev.concierge.core.contract.PendingAnswersContract;
import dev.concierge.core.message.PendingAnswers;

class InMemoryPendingAnswersTest implements PendingAnswersContract {
    private final PendingAnswers pending = new InMemoryPendingAnswers();

    @Override
    public PendingAnswers pending() {
        return pending;
    }
}
