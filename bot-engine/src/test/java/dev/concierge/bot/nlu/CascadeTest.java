package dev.concierge.bot.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default profile's cascade: lexical stage first, the sentence embedding only for uncertain messages. */
class CascadeTest {

    /** Counts the embeddings computed, so a test sees which messages reached the encoder. */
    private static final class CountingEncoder implements SentenceEncoder {
        private final HashingEncoder delegate = new HashingEncoder();
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public float[] encode(String text) {
            calls.incrementAndGet();
            return delegate.encode(text);
        }
    }

    private static final List<String> MESSAGES = List.of("where is my order", "我的快递到哪了", "hello there",
            "can I pay with paypal", "the parcel came broken and I want my money back", "退货运费谁出",
            "what will the weather be like", "qwzx vbnm", "订单 SO20231122001 什么时候发货");

    private static CountingEncoder encoder;
    private static IntentModel model;

    @BeforeAll
    static void train() {
        encoder = new CountingEncoder();
        // the bundled set is large enough (about 1,500 examples) for a hold-out, so the gate is learnt
        model = IntentModel.bundled(Profile.DEFAULT, encoder);
    }

    @Test
    void theGateIsLearntOnTheHoldOut() {
        assertThat(model.cascadeGate()).isBetween(0.5, 1.0);
    }

    @Test
    void aSmallTrainingSetChoosesItsGateByCrossValidation() {
        // the bundled set's 15 % hold-out (about 225 messages) is under the cross-validation limit
        List<TrainingExample> data = TrainingData.readResource(IntentModel.BUNDLED_INTENTS, TrainingDataFormat.YAML);
        List<String> progress = new java.util.ArrayList<>();
        IntentModel m = IntentModel.train(data, TrainingOptions.defaults(Profile.DEFAULT), new HashingEncoder(),
                progress::add);
        assertThat(progress).anyMatch(line -> line.contains(IntentModel.GATE_FOLDS + "-fold cross-validation"));
        assertThat(progress).anyMatch(line -> line.contains("of the cross-validated messages answered lexically"));
        assertThat(m.cascadeGate()).isBetween(0.5, 1.0);
    }

    @Test
    void theGateOfSeveralFoldsIsTheGateOfTheirPooledMessages() {
        List<TrainingExample> data = TrainingData.readResource(IntentModel.BUNDLED_INTENTS, TrainingDataFormat.YAML);
        List<TrainingExample> train = new java.util.ArrayList<>();
        List<TrainingExample> a = new java.util.ArrayList<>();
        List<TrainingExample> b = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            (i % 5 == 0 ? a : i % 5 == 1 ? b : train).add(data.get(i));
        }
        IntentModel lexical = IntentModel.train(train, TrainingOptions.defaults(Profile.LEXICAL));
        IntentModel full = IntentModel.train(train, TrainingOptions.defaults(Profile.DEFAULT), new HashingEncoder(),
                line -> { }).withCascadeGate(IntentModel.CASCADE_OFF);
        List<TrainingExample> both = new java.util.ArrayList<>(a);
        both.addAll(b);
        Calibration.Gate pooled = Calibration.fitGate(List.of(new Calibration.Fold(lexical, full, a),
                new Calibration.Fold(lexical, full, b)), IntentModel.CASCADE_TOLERANCE);
        Calibration.Gate single = Calibration.fitGate(List.of(new Calibration.Fold(lexical, full, both)),
                IntentModel.CASCADE_TOLERANCE);
        assertThat(pooled).isEqualTo(single);
        assertThat(pooled.score()).isGreaterThanOrEqualTo(pooled.fullScore() - IntentModel.CASCADE_TOLERANCE);
    }

    @Test
    void aMessageReachesTheEncoderExactlyWhenTheModelSaysItEmbeds() {
        for (String text : MESSAGES) {
            int before = encoder.calls.get();
            model.classify(text);
            assertThat(encoder.calls.get() - before).as(text).isEqualTo(model.embeds(text) ? 1 : 0);
        }
    }

    @Test
    void gateZeroNeverEmbedsAndGateOffAlwaysDoes() {
        IntentModel lexicalOnly = model.withCascadeGate(0.0);
        IntentModel fullOnly = model.withCascadeGate(IntentModel.CASCADE_OFF);
        for (String text : MESSAGES) {
            assertThat(lexicalOnly.embeds(text)).as(text).isFalse();
            assertThat(fullOnly.embeds(text)).as(text).isTrue();
        }
        int before = encoder.calls.get();
        assertThat(lexicalOnly.classify("where is my order").intent()).isEqualTo("order_status");
        assertThat(encoder.calls.get()).isEqualTo(before);
        assertThat(fullOnly.classify("where is my order").intent()).isEqualTo("order_status");
        assertThat(encoder.calls.get()).isEqualTo(before + 1);
    }

    @Test
    void messagesWithNoKnownWordAreOutOfScopeWithoutAnEmbedding() {
        IntentPrediction p = model.classify("qwzx vbnm");
        assertThat(p.outOfScope()).isTrue();
        assertThat(model.embeds("qwzx vbnm")).isFalse();
    }

    @Test
    void bothStagesGiveCalibratedPredictionsOfTheSameShape() {
        for (IntentModel m : List.of(model.withCascadeGate(0.0), model.withCascadeGate(IntentModel.CASCADE_OFF))) {
            IntentPrediction p = m.classify("I want my money back for this order");
            assertThat(p.ranked()).hasSize(5);
            assertThat(p.confidence()).isEqualTo(p.ranked().get(0).confidence());
            assertThat(p.language()).isEqualTo("en");
        }
    }

    @Test
    void saveAndLoadKeepTheCascade() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.save(bytes);
        IntentModel loaded = IntentModel.load(new ByteArrayInputStream(bytes.toByteArray()), encoder);
        assertThat(loaded.cascadeGate()).isEqualTo(model.cascadeGate());
        for (String text : MESSAGES) {
            assertThat(loaded.classify(text)).as(text).isEqualTo(model.classify(text));
            assertThat(loaded.embeds(text)).as(text).isEqualTo(model.embeds(text));
        }
    }

    @Test
    void lexicalProfilesHaveNoCascade() {
        IntentModel lexical = IntentModel.bundled(Profile.FAST);
        assertThat(lexical.cascadeGate()).isNaN();
        assertThat(lexical.embeds("where is my order")).isFalse();
        assertThatThrownBy(() -> lexical.withCascadeGate(0.8)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> model.withCascadeGate(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
