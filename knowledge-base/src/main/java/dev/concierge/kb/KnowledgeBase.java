package dev.concierge.kb;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.entry.EntryNotFoundException;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbLocales;
import dev.concierge.kb.index.Candidate;
import dev.concierge.kb.index.KbAnalyzers;
import dev.concierge.kb.index.LuceneFaqIndex;
import dev.concierge.kb.index.RetrievalConfig;
import dev.concierge.kb.io.KbJsonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The live knowledge base: the current entries and their Lucene index, kept in step.
 * Implements {@link FaqRetriever} for the dialogue engine; {@code KnowledgeBaseAdmin} wraps the write
 * methods with validation and time stamps for the admin API.
 *
 * <p>Thread-safe: searches run concurrently with each other and with writes; writes are serialised and
 * visible to searches as soon as the write method returns.
 */
public final class KnowledgeBase implements FaqRetriever, AutoCloseable {
    /** Classpath location of the bundled bilingual knowledge base. */
    public static final String DEFAULT_RESOURCE = "/kb/default-kb.json";

    private final KbAnalyzers analyzers;
    private final LuceneFaqIndex index;
    private final FaqThresholds thresholds;
    private final ConfidenceModel confidence;
    private final Map<String, FaqEntry> entries = new ConcurrentSkipListMap<>();

    public static KnowledgeBase of(Collection<FaqEntry> entries, RetrievalConfig config, FaqThresholds thresholds,
                                   ConfidenceModel confidence) {
        KnowledgeBase kb = new KnowledgeBase(config, thresholds, confidence);
        kb.replaceAll(entries);
        return kb;
    }

    /**
     * A knowledge base that also ranks by sentence embeddings (see {@link LuceneFaqIndex}); building it embeds
     * every paraphrase. With a null embedder, or {@code config.denseWeight() == 0}, it is the lexical one, with
     * {@link ConfidenceModel#DEFAULT}; with the dense path on, {@link ConfidenceModel#DENSE}.
     */
    public static KnowledgeBase of(Collection<FaqEntry> entries, RetrievalConfig config, FaqThresholds thresholds,
                                   TextEmbedder embedder) {
        KnowledgeBase kb = new KnowledgeBase(config, thresholds, null, embedder);
        kb.replaceAll(entries);
        return kb;
    }

    public KnowledgeBase(RetrievalConfig config, FaqThresholds thresholds, ConfidenceModel confidence) {
        this(config, thresholds, confidence, null);
    }

    /**
     * @param confidence the confidence model, or null for {@link ConfidenceModel#DEFAULT} (lexical) /
     *                   {@link ConfidenceModel#DENSE} (dense path on)
     * @param embedder   sentence embeddings for the dense path, or null
     */
    public KnowledgeBase(RetrievalConfig config, FaqThresholds thresholds, ConfidenceModel confidence, TextEmbedder embedder) {
        this.analyzers = config.shopVocabulary() ? KbAnalyzers.withShopVocabulary() : new KbAnalyzers();
        this.index = new LuceneFaqIndex(analyzers, config, embedder);
        this.thresholds = thresholds;
        this.confidence = confidence != null ? confidence : index.dense() ? ConfidenceModel.DENSE : ConfidenceModel.DEFAULT;
    }

    /** Whether searches fuse the dense (embedding) ranking with the lexical one. */
    public boolean dense() {
        return index.dense();
    }

    public ConfidenceModel confidenceModel() {
        return confidence;
    }

    /** A knowledge base with the production retrieval settings, default thresholds and confidence model. */
    public static KnowledgeBase of(Collection<FaqEntry> entries) {
        return of(entries, RetrievalConfig.tuned(), FaqThresholds.DEFAULT);
    }

    public static KnowledgeBase of(Collection<FaqEntry> entries, RetrievalConfig config, FaqThresholds thresholds) {
        KnowledgeBase kb = new KnowledgeBase(config, thresholds, ConfidenceModel.DEFAULT);
        kb.replaceAll(entries);
        return kb;
    }

    /** The bundled bilingual knowledge base ({@value #DEFAULT_RESOURCE}); builds in well under a second. */
    public static KnowledgeBase bundledDefault(FaqThresholds thresholds) {
        return of(readBundledEntries(), RetrievalConfig.tuned(), thresholds);
    }

    /** The bundled knowledge base, ranked with sentence embeddings as well when {@code embedder} is not null. */
    public static KnowledgeBase bundledDefault(FaqThresholds thresholds, TextEmbedder embedder) {
        return of(readBundledEntries(), RetrievalConfig.tuned(), thresholds, embedder);
    }

    public static KnowledgeBase bundledDefault() {
        return bundledDefault(FaqThresholds.DEFAULT);
    }

    public static List<FaqEntry> readBundledEntries() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled knowledge base " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return new KbJsonCodec().read(in, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a knowledge-base JSON file (see docs/knowledge-base.md). */
    public static List<FaqEntry> readJsonFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new KbJsonCodec().read(in, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FaqResult search(String text, String locale, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        String lang = KbLocales.resolve(locale, text);
        int depth = Math.max(k, FaqResult.CLARIFY_OPTIONS) + 1;
        List<Candidate> candidates = index.search(text, lang, depth);
        if (candidates.isEmpty() && text != null) {
            String detected = KbLocales.detect(text);
            if (!detected.equals(lang)) {
                lang = detected;
                candidates = index.search(text, lang, depth);
            }
        }
        if (candidates.isEmpty()) {
            return new FaqResult(lang, FaqDecision.NONE, List.of());
        }
        double top = candidates.get(0).score();
        List<FaqHit> hits = new ArrayList<>(Math.min(k, candidates.size()));
        for (int i = 0; i < Math.min(k, candidates.size()); i++) {
            Candidate c = candidates.get(i);
            double margin = i == 0 ? topMargin(candidates) : top <= 0 ? 0 : (c.score() - top) / top;
            hits.add(new FaqHit(c.entryId(), c.score(), confidence.confidence(c.coverage(), margin, c.matchedShare()),
                    c.matchedQuestion()));
        }
        return new FaqResult(lang, thresholds.decide(hits.get(0).confidence()), hits);
    }

    /**
     * Expert: the raw ranked candidates with their coverage, as used to fit the {@link ConfidenceModel}.
     * The margin feature of the top candidate is {@link #topMargin(List)}.
     */
    public List<Candidate> rank(String text, String locale, int k) {
        return index.search(text, KbLocales.resolve(locale, text), k);
    }

    /**
     * The top candidate's lead over the runner-up relative to the top score, scaled by the top candidate's
     * coverage, in [0,1]: a lone but weak match (one rare word of a long query) must not look decisive.
     */
    public static double topMargin(List<Candidate> ranked) {
        if (ranked.isEmpty() || ranked.get(0).score() <= 0) {
            return 0;
        }
        double top = ranked.get(0).score();
        return ranked.get(0).coverage() * (top - (ranked.size() > 1 ? ranked.get(1).score() : 0)) / top;
    }

    @Override
    public Optional<FaqEntry> entry(String entryId) {
        return entryId == null ? Optional.empty() : Optional.ofNullable(entries.get(entryId));
    }

    @Override
    public Optional<String> answer(String entryId, String locale, Channel channel) {
        return entry(entryId).map(e -> {
            String lang = KbLocales.resolve(locale, null);
            if (channel == Channel.SMS) {
                Optional<String> sms = e.smsAnswer(lang);
                if (sms.isPresent()) {
                    return sms.get();
                }
            }
            return e.answer(lang);
        });
    }

    /** Every entry, ordered by id. */
    public List<FaqEntry> entries() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }

    public FaqThresholds thresholds() {
        return thresholds;
    }

    /** Adds or replaces an already validated entry; searchable when this returns. */
    public synchronized void put(FaqEntry entry) {
        index.upsert(entry);
        entries.put(entry.id(), entry);
    }

    /** @throws EntryNotFoundException when no entry has this id */
    public synchronized FaqEntry remove(String entryId) {
        FaqEntry old = entries.get(entryId);
        if (old == null) {
            throw new EntryNotFoundException(entryId);
        }
        index.delete(entryId);
        entries.remove(entryId);
        return old;
    }

    /** Replaces every entry at once (bulk import). */
    public synchronized void replaceAll(Collection<FaqEntry> newEntries) {
        index.replaceAll(newEntries);
        entries.clear();
        newEntries.forEach(e -> entries.put(e.id(), e));
    }

    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            analyzers.close();
        }
    }
}
