package dev.concierge.kb.admin;

import dev.concierge.kb.entry.FaqEntry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where curated knowledge-base entries are kept beyond one process, so that every node answers from the same entries
 * and an edit survives a restart. Until the first edit the store holds nothing and each node serves the bundled (or
 * configured) entries; the first edit stores the whole set, and from then on the store is the knowledge base.
 * Implementations are thread-safe; a store that cannot be reached throws the core's StoreUnavailableException.
 */
public interface KbEntryStore {

    /** The stored entries; empty when no edit was ever stored (the bundled or configured set applies). */
    Optional<List<FaqEntry>> load();

    /** Stores {@code current} as the whole set unless a set is stored already (the first edit of a deployment). */
    void initialise(Collection<FaqEntry> current);

    /** Stores a new entry; false when an entry with its id is stored already (created meanwhile on another node). */
    boolean create(FaqEntry entry);

    /** Stores the entry, replacing the one with its id. */
    void put(FaqEntry entry);

    /** Removes the entry with this id; whether there was one. */
    boolean remove(String id);

    /** Replaces the whole stored set (a bulk import). */
    void replaceAll(Collection<FaqEntry> entries);

    /** No store: edits live in this process only and are gone after a restart (the in-memory demo). */
    KbEntryStore NONE = new KbEntryStore() {
        @Override
        public Optional<List<FaqEntry>> load() {
            return Optional.empty();
        }

        @Override
        public void initialise(Collection<FaqEntry> current) {
        }

        @Override
        public boolean create(FaqEntry entry) {
            return true;
        }

        @Override
        public void put(FaqEntry entry) {
        }

        @Override
        public boolean remove(String id) {
            return true;
        }

        @Override
        public void replaceAll(Collection<FaqEntry> entries) {
        }
    };
}
