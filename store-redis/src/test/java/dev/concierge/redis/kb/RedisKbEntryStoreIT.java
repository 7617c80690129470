package dev.concierge.redis.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.concierge.kb.KnowledgeBase;
import dev.concierge.kb.admin.KnowledgeBaseAdmin;
import dev.concierge.kb.entry.DuplicateEntryException;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.redis.RedisNamespace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisKbEntryStoreIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    private static final List<FaqEntry> BUNDLED = KnowledgeBase.readBundledEntries().subList(0, 6);

    @RegisterExtension
    final RedisNamespace redis = new RedisNamespace("kb");
    private RedisKbEntryStore store;

    @BeforeEach
    void connect() {
        store = new RedisKbEntryStore(redis.client(), redis.keys(), CLOCK);
    }

    @Test
    void nothingIsStoredUntilTheFirstEditStoresTheWholeSetOnce() {
        assertThat(store.load()).isEmpty();
        store.initialise(BUNDLED);
        assertThat(store.load().orElseThrow()).extracting(FaqEntry::id)
                .containsExactlyInAnyOrderElementsOf(BUNDLED.stream().map(FaqEntry::id).toList());
        // a second node's first edit finds the set stored: it does not write its own over it
        store.remove(BUNDLED.get(0).id());
        store.initialise(BUNDLED);
        assertThat(store.load().orElseThrow()).hasSize(BUNDLED.size() - 1);
    }

    @Test
    void entriesAreCreatedOnceReplacedRemovedAndImportedWhole() {
        store.initialise(BUNDLED);
        FaqEntry first = BUNDLED.get(0);
        assertThat(store.create(first)).isFalse();
        assertThat(store.remove(first.id())).isTrue();
        assertThat(store.remove(first.id())).isFalse();
        assertThat(store.create(first)).isTrue();
        FaqEntry edited = first.withUpdatedAt(CLOCK.instant());
        store.put(edited);
        assertThat(store.load().orElseThrow()).contains(edited);
        store.replaceAll(BUNDLED.subList(0, 2));
        assertThat(store.load().orElseThrow()).extracting(FaqEntry::id)
                .containsExactlyInAnyOrder(BUNDLED.get(0).id(), BUNDLED.get(1).id());
    }

    @Test
    void anEditOnOneNodeIsServedByTheOthersAndAfterARestart() {
        try (KnowledgeBase nodeA = KnowledgeBase.of(BUNDLED); KnowledgeBase nodeB = KnowledgeBase.of(BUNDLED)) {
            KnowledgeBaseAdmin adminA = new KnowledgeBaseAdmin(nodeA, CLOCK, store, () -> { });
            KnowledgeBaseAdmin adminB = new KnowledgeBaseAdmin(nodeB, CLOCK, store, () -> { });
            String removed = BUNDLED.get(1).id();
            adminA.delete(removed);
            // before: node B kept answering from the deleted entry, and a restart brought it back everywhere
            assertThat(adminB.reload()).isTrue();
            assertThat(nodeB.entry(removed)).isEmpty();
            try (KnowledgeBase restarted = KnowledgeBase.of(BUNDLED)) {
                assertThat(new KnowledgeBaseAdmin(restarted, CLOCK, store, () -> { }).reload()).isTrue();
                assertThat(restarted.entry(removed)).isEmpty();
                assertThat(restarted.size()).isEqualTo(BUNDLED.size() - 1);
            }
            // an id created on node B meanwhile is a conflict on node A, whose own index did not have it yet
            FaqEntry fresh = BUNDLED.get(1);
            adminB.create(fresh);
            assertThatThrownBy(() -> adminA.create(fresh)).isInstanceOf(DuplicateEntryException.class);
        }
    }
}
