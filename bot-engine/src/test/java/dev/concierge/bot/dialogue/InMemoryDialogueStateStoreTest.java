package dev.concierge.bot.dialogue;

class InMemoryDialogueStateStoreTest implements DialogueStateStoreContract {
    private final DialogueStateStore states = new InMemoryDialogueStateStore();

    @Override
    public DialogueStateStore states() {
        return states;
    }
}
