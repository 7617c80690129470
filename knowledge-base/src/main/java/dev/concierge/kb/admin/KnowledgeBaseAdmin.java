package dev.concierge.kb.admin;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.FaqDecision;
import dev.concierge.kb.FaqHit;
import dev.concierge.kb.FaqResult;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.kb.entry.DuplicateEntryException;
import dev.concierge.kb.entry.EntryNotFoundException;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.FieldError;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.kb.io.KbCsvCodec;
import dev.concierge.kb.io.KbJsonCodec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Curating the knowledge base without a restart: CRUD, bulk import/export (JSON and CSV, all-or-nothing)
 * and a search preview. Framework-neutral: the server exposes it over HTTP and maps
 * {@link KbValidationException} to 400, {@link EntryNotFoundException} to 404 and
 * {@link DuplicateEntryException} to 409. Every change is searchable when the method returns.
 *
 * <p>Every change is written to the {@link KbEntryStore} before this node's index (a store that cannot be reached
 * fails the change, and nothing is applied), then {@code changed} tells the other nodes, which {@link #reload()}.
 *
 * <p>Thread-safe. Single-entry edits stamp {@code updatedAt} with the injected clock; imports keep the
 * file's {@code updatedAt} and stamp only entries that have none.
 */
public final class KnowledgeBaseAdmin {
    private final KnowledgeBase kb;
    private final Clock clock;
    private final KbJsonCodec json = new KbJsonCodec();
    private final KbCsvCodec csv = new KbCsvCodec();

    private final KbEntryStore store;
    private final Runnable changed;

    /** Edits stay in this process ({@link KbEntryStore#NONE}). */
    public KnowledgeBaseAdmin(KnowledgeBase kb, Clock clock) {
        this(kb, clock, KbEntryStore.NONE, () -> { });
    }

    /**
     * @param store   where edits are kept for every node and across restarts
     * @param changed called after each stored change (the server tells the other nodes to {@link #reload()})
     */
    public KnowledgeBaseAdmin(KnowledgeBase kb, Clock clock, KbEntryStore store, Runnable changed) {
        this.kb = Objects.requireNonNull(kb, "kb");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.changed = Objects.requireNonNull(changed, "changed");
    }

    /**
     * Serves the stored entries, if any edit was ever stored (at start-up, and when another node changed them).
     *
     * @return whether the stored set was loaded
     */
    public boolean reload() {
        Optional<List<FaqEntry>> stored = store.load();
        if (stored.isEmpty()) {
            return false;
        }
        synchronized (kb) {
            kb.replaceAll(stored.get());
        }
        return true;
    }

    /** All entries ordered by id, optionally filtered (null = any) by category, scenario, or a text contained in a question. */
    public List<FaqEntry> list(String category, Scenario scenario, String contains) {
        String needle = contains == null || contains.isBlank() ? null : contains.trim().toLowerCase(Locale.ROOT);
        return kb.entries().stream()
                .filter(e -> category == null || e.category().equals(category))
                .filter(e -> scenario == null || e.scenario() == scenario)
                .filter(e -> needle == null || e.id().contains(needle) || e.questions().values().stream()
                        .flatMap(List::stream).anyMatch(q -> q.toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    public List<FaqEntry> list() {
        return kb.entries();
    }

    /** @throws EntryNotFoundException when no entry has this id */
    public FaqEntry get(String id) {
        return kb.entry(id).orElseThrow(() -> new EntryNotFoundException(id));
    }

    /** @throws DuplicateEntryException when the id is taken */
    public FaqEntry create(FaqEntry entry) {
        FaqEntry stamped = entry.withUpdatedAt(clock.instant());
        synchronized (kb) {
            if (kb.entry(entry.id()).isPresent()) {
                throw new DuplicateEntryException(entry.id());
            }
            store.initialise(kb.entries());
            if (!store.create(stamped)) {
                throw new DuplicateEntryException(entry.id());
            }
            kb.put(stamped);
        }
        changed.run();
        return stamped;
    }

    /** Creates from a JSON entry object (the HTTP request body). */
    public FaqEntry createFromJson(String body) {
        return create(json.readEntry(body, clock.instant()));
    }

    /**
     * Replaces the entry with this id.
     *
     * @throws EntryNotFoundException when no entry has this id
     * @throws KbValidationException  when the body's id differs from the path's id
     */
    public FaqEntry update(String id, FaqEntry entry) {
        if (!entry.id().equals(id)) {
            throw new KbValidationException(new FieldError(entry.id(), "id", "does not match the entry being updated ('" + id + "')"));
        }
        FaqEntry stamped = entry.withUpdatedAt(clock.instant());
        synchronized (kb) {
            get(id);
            store.initialise(kb.entries());
            store.put(stamped);
            kb.put(stamped);
        }
        changed.run();
        return stamped;
    }

    public FaqEntry updateFromJson(String id, String body) {
        return update(id, json.readEntry(body, clock.instant()));
    }

    /** @throws EntryNotFoundException when no entry has this id */
    public FaqEntry delete(String id) {
        FaqEntry removed;
        synchronized (kb) {
            get(id);
            store.initialise(kb.entries());
            store.remove(id);
            removed = kb.remove(id);
        }
        changed.run();
        return removed;
    }

    /** Imports a knowledge-base JSON file; nothing changes if any entry is invalid. */
    public ImportReport importJson(String body, ImportMode mode) {
        return apply(json.read(body, clock.instant()), mode);
    }

    /** Imports a CSV file (format in docs/knowledge-base.md); nothing changes if any row is invalid. */
    public ImportReport importCsv(String body, ImportMode mode) {
        return apply(csv.read(body, clock.instant()), mode);
    }

    public String exportJson() {
        return json.write(kb.entries());
    }

    public String exportCsv() {
        return csv.write(kb.entries());
    }

    /** JSON of one entry, in the file format (for GET responses). */
    public String toJson(FaqEntry entry) {
        return json.writeEntry(entry);
    }

    /** What the bot would answer on a channel, with every candidate's score and confidence. */
    public SearchPreview preview(String text, String locale, Channel channel, int k) {
        if (text == null || text.isBlank()) {
            throw new KbValidationException(new FieldError("(preview)", "text", "is required"));
        }
        FaqResult result = kb.search(text, locale, Math.max(1, Math.min(k, 20)));
        String reply = result.decision() == FaqDecision.ANSWER
                ? kb.answer(result.hits().get(0).entryId(), result.locale(), channel).orElse(null) : null;
        List<SearchPreview.Candidate> candidates = new ArrayList<>();
        for (FaqHit h : result.hits()) {
            String title = kb.entry(h.entryId()).map(e -> e.title(result.locale())).orElse(h.entryId());
            candidates.add(new SearchPreview.Candidate(h.entryId(), title, h.score(), h.confidence(), h.matchedQuestion()));
        }
        return new SearchPreview(text, result.locale(), result.decision(), reply, candidates);
    }

    private ImportReport apply(List<FaqEntry> imported, ImportMode mode) {
        if (mode == ImportMode.REPLACE_ALL && imported.isEmpty()) {
            // an empty file by mistake would leave the bot with nothing to answer: delete entries one by one instead
            throw new KbValidationException(new FieldError("(import)", "entries",
                    "must not be empty when replacing the whole knowledge base"));
        }
        ImportReport report;
        synchronized (kb) {
            Map<String, FaqEntry> next = new LinkedHashMap<>();
            if (mode == ImportMode.MERGE) {
                kb.entries().forEach(e -> next.put(e.id(), e));
            }
            int created = 0;
            int updated = 0;
            for (FaqEntry e : imported) {
                if (kb.entry(e.id()).isPresent()) {
                    updated++;
                } else {
                    created++;
                }
                next.put(e.id(), e);
            }
            int deleted = mode == ImportMode.REPLACE_ALL ? kb.size() - updated : 0;
            store.replaceAll(next.values());
            kb.replaceAll(next.values());
            report = new ImportReport(mode, created, updated, deleted, next.size());
        }
        changed.run();
        return report;
    }
}
