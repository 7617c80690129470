package dev.concierge.server;

import dev.concierge.bot.BotEngine;
import dev.concierge.bot.curation.InMemoryUnansweredLog;
import dev.concierge.bot.curation.UnansweredLog;
import dev.concierge.bot.dialogue.DialogueEngine;
import dev.concierge.bot.dialogue.DialogueSettings;
import dev.concierge.bot.dialogue.DialogueStateStore;
import dev.concierge.bot.dialogue.InMemoryDialogueStateStore;
import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.bot.nlu.IntentClassifier;
import dev.concierge.bot.nlu.IntentModel;
import dev.concierge.bot.nlu.Profile;
import dev.concierge.bot.nlu.SentenceEncoder;
import dev.concierge.bot.order.DemoOrderService;
import dev.concierge.bot.order.HttpOrderApi;
import dev.concierge.bot.order.OrderApi;
import dev.concierge.bot.order.OrderApiSettings;
import dev.concierge.bot.sentiment.SentimentAnalyzer;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.redis.dialogue.RedisDialogueStateStore;
import dev.concierge.redis.dialogue.RedisUnansweredLog;
import dev.concierge.server.config.ConciergeConfig.BotSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as configured: intent model, sentiment, knowledge base, order API (external, or the embedded demo,
 * called in process; this server also serves it over HTTP for anyone to try), dialogue state and the
 * unanswered-question log in memory or Redis.
 */
final class Dialogue {
    private static final Logger LOG = LoggerFactory.getLogger(Dialogue.class);

    private final DialogueEngine engine;
    private final DialogueStateStore states;
    private final UnansweredLog unanswered;
    private final Optional<DemoOrderService> demo;

    private Dialogue(DialogueEngine engine, DialogueStateStore states, UnansweredLog unanswered,
            Optional<DemoOrderService> demo) {
        this.engine = engine;
        this.states = states;
        this.unanswered = unanswered;
        this.demo = demo;
    }

    static Dialogue create(BotSettings settings, IntentClassifier intents, SentimentAnalyzer sentiment,
            KnowledgeBase kb, Application.StateStores state, Clock clock) {
        long started = System.nanoTime();
        DialogueStateStore states = state.redis() == null ? new InMemoryDialogueStateStore()
                : new RedisDialogueStateStore(state.redis(), state.keys(), state.json(), Duration.ofDays(7));
        UnansweredLog unanswered = state.redis() == null ? new InMemoryUnansweredLog(10_000)
                : new RedisUnansweredLog(state.redis(), state.keys(), state.json(), 10_000);
        Optional<DemoOrderService> demo = settings.orderApiUrl().isEmpty()
                ? Optional.of(DemoOrderService.seeded(clock)) : Optional.empty();
        OrderApi orders = demo.isPresent()
                ? HttpOrderApi.inProcess(demo.get(), settings(settings, "http://127.0.0.1" + DemoOrderService.MOUNT_PATH))
                : new HttpOrderApi(settings(settings, settings.orderApiUrl()));
        DialogueEngine engine = new DialogueEngine(
                new DialogueEngine.Understanding(intents, new LanguageDetector("zh"), sentiment),
                kb, orders, new DialogueEngine.Stores(states, unanswered), DialogueSettings.defaults(), clock);
        if (intents instanceof IntentModel m && !settings.nluModelFile().isEmpty()) {
            List<String> missing = DialogueEngine.missingIntents(m.labels());
            if (!missing.isEmpty()) {
                // a model trained on a few intents loaded silently, and the bot then never started a return or
                // handed off on request
                LOG.warn("the intent model {} has no intent {}: the bot will not recognise those requests (the "
                        + "bundled intents file, bot-engine/src/main/resources/nlu/intents.yaml, has them all)",
                        settings.nluModelFile(), String.join(", ", missing));
            }
        }
        LOG.info("bot ready: nlu={} orders={} in {} ms", describe(settings, intents),
                demo.isPresent() ? "embedded demo" : settings.orderApiUrl(), (System.nanoTime() - started) / 1_000_000);
        return new Dialogue(engine, states, unanswered, demo);
    }

    BotEngine engine() {
        return engine;
    }

    DialogueStateStore states() {
        return states;
    }

    UnansweredLog unanswered() {
        return unanswered;
    }

    Optional<DemoOrderService> demo() {
        return demo;
    }

    /** What the log says of the intent model: a trained file says so (it said "fast" whatever the file held). */
    private static String describe(BotSettings settings, IntentClassifier intents) {
        if (settings.nluModelFile().isEmpty()) {
            return settings.nluProfile() + " (bundled intents)";
        }
        String what = intents instanceof IntentModel m ? m.profile().label() + ", " + m.labels().size() + " intents"
                : "loaded";
        return "model file " + settings.nluModelFile() + " (" + what + ")";
    }

    private static OrderApiSettings settings(BotSettings bot, String url) {
        return new OrderApiSettings(URI.create(url), bot.orderApiAuth(), null,
                Duration.ofMillis(bot.orderApiTimeoutMillis()));
    }

    /**
     * The configured intent model: a trained file, or the bundled intents trained now for the profile.
     *
     * @param encoder sentence encoder to share with the knowledge base, or null (the model creates its own if it
     *                needs one); a model file always loads the encoder it was trained with
     */
    static IntentClassifier intents(BotSettings settings, SentenceEncoder encoder) {
        if (!settings.nluModelFile().isEmpty()) {
            try {
                return IntentModel.load(Path.of(settings.nluModelFile()));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UncheckedIOException("cannot load the intent model " + settings.nluModelFile()
                        + ": no such file", e);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new UncheckedIOException("cannot load the intent model " + settings.nluModelFile()
                        + ": not a model file from `bin/concierge nlu-train`, or cut short (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                // the reason, not only the path: a directory, a wrong format version, another sentence encoder
                throw new UncheckedIOException("cannot load the intent model " + settings.nluModelFile() + ": "
                        + e.getMessage(), e);
            }
        }
        Profile profile = Profile.parse(settings.nluProfile());
        return encoder == null ? IntentModel.bundled(profile) : IntentModel.bundled(profile, encoder);
    }
}
