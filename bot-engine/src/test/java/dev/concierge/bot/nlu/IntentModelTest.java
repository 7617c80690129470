package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntentModelTest {

    private static final List<TrainingExample> DATA =
            TrainingData.readResource("/nlu/tiny.jsonl", TrainingDataFormat.JSONL);

    private static final HashingEncoder ENCODER = new HashingEncoder();

    private static IntentModel tiny(Profile profile) {
        return IntentModel.train(DATA, TrainingOptions.defaults(profile).withEpochs(30), ENCODER, line -> { });
    }

    @Test
    void classifiesTrainingLikeSentencesInBothLanguages() {
        IntentModel model = tiny(Profile.LEXICAL);
        IntentPrediction en = model.classify("where is my order?");
        assertThat(en.intent()).isEqualTo("order_status");
        assertThat(en.outOfScope()).isFalse();
        assertThat(en.language()).isEqualTo("en");
        assertThat(en.ranked()).hasSize(4);
        assertThat(en.ranked().get(0).intent()).isEqualTo("order_status");
        assertThat(en.confidence()).isEqualTo(en.ranked().get(0).confidence());

        IntentPrediction zh = model.classify("我要退款");
        assertThat(zh.intent()).isEqualTo("refund");
        assertThat(zh.language()).isEqualTo("zh");
    }

    @Test
    void rankedProbabilitiesAreSortedAndSumToAtMostOne() {
        IntentPrediction p = tiny(Profile.FAST).classify("refund my order");
        double sum = p.ranked().stream().mapToDouble(ScoredIntent::confidence).sum();
        assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-9);
        for (int i = 1; i < p.ranked().size(); i++) {
            assertThat(p.ranked().get(i).confidence()).isLessThanOrEqualTo(p.ranked().get(i - 1).confidence());
        }
    }

    @Test
    void gibberishAndEmptyInputAreOutOfScope() {
        IntentModel model = tiny(Profile.LEXICAL);
        for (String text : List.of("qwxz plmokn vbtrew", "zzzzzz", "", "   ", "☺☺☺", "锟斤拷烫烫烫")) {
            IntentPrediction p = model.classify(text);
            assertThat(p.outOfScope()).as(text).isTrue();
            assertThat(p.intent()).as(text).isEqualTo("oos");
        }
    }

    @Test
    void theOosClassIsPredictedForOutOfScopeTrainingLikeText() {
        IntentPrediction p = tiny(Profile.LEXICAL).classify("tell me a joke please");
        assertThat(p.outOfScope()).isTrue();
        assertThat(p.intent()).isEqualTo("oos");
    }

    @Test
    void lowConfidenceFallsBelowTheThresholdAndIsOutOfScope() {
        IntentModel strict = tiny(Profile.LEXICAL).withThreshold(0.99);
        IntentPrediction p = strict.classify("order refund hello");
        assertThat(p.confidence()).isLessThan(0.99);
        assertThat(p.outOfScope()).isTrue();
        assertThat(p.ranked()).isNotEmpty();
    }

    @Test
    void aWinningOosClassIsOutOfScopeEvenWithoutTheThreshold() {
        IntentPrediction p = tiny(Profile.LEXICAL).closedSet().classify("tell me a joke please");
        assertThat(p.intent()).isEqualTo("oos");
        assertThat(p.outOfScope()).isTrue();
    }

    @Test
    void closedSetModelsNeverRejectByThreshold() {
        List<TrainingExample> inScope = DATA.stream().filter(e -> !e.intent().equals("oos")).toList();
        IntentModel model = IntentModel.train(inScope, TrainingOptions.defaults(Profile.FAST).withOpenSet(false));
        assertThat(model.openSet()).isFalse();
        IntentPrediction p = model.classify("order refund hello");
        assertThat(p.outOfScope()).isFalse();
        assertThat(p.intent()).isIn("order_status", "refund", "greeting");
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions() throws IOException {
        for (Profile profile : Profile.values()) {
            IntentModel model = tiny(profile);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.save(bytes);
            IntentModel loaded = IntentModel.load(new ByteArrayInputStream(bytes.toByteArray()), ENCODER);
            assertThat(loaded.labels()).isEqualTo(model.labels());
            assertThat(loaded.profile()).isEqualTo(profile);
            assertThat(loaded.threshold()).isEqualTo(model.threshold());
            for (String text : List.of("where is my order", "我要退款", "hi", "tell me a joke", "xyz", "订单 123456")) {
                assertThat(loaded.classify(text)).isEqualTo(model.classify(text));
            }
        }
    }

    @Test
    void theDefaultProfileAddsTheSentenceEmbeddingToTheLexicalFeatures() {
        IntentModel lexical = tiny(Profile.LEXICAL);
        IntentModel withEmbedding = tiny(Profile.DEFAULT);
        assertThat(withEmbedding.featureCount()).isEqualTo(lexical.featureCount() + HashingEncoder.DIMENSION);
        assertThat(withEmbedding.classify("where is my order").intent()).isEqualTo("order_status");
        assertThat(withEmbedding.classify("我要退款").intent()).isEqualTo("refund");
    }

    @Test
    void aModelTrainedWithAnEncoderCannotBeLoadedWithAnother() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tiny(Profile.DEFAULT).save(bytes);
        SentenceEncoder other = new SentenceEncoder() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public int dimension() {
                return HashingEncoder.DIMENSION;
            }

            @Override
            public float[] encode(String text) {
                return new float[HashingEncoder.DIMENSION];
            }
        };
        assertThatThrownBy(() -> IntentModel.load(new ByteArrayInputStream(bytes.toByteArray()), other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("test-hashing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bge-small-zh-v15-q", "bge-small-zh-q", "bge-small-zh-fused-q"})
    void aModelOfAFormerChineseEncoderAsksToBeTrainedAgain(String formerChinese) throws IOException {
        SentenceEncoder former = new SentenceEncoder() {
            @Override
            public String name() {
                return BilingualEncoder.nameOf(BgeSmallEnEncoder.NAME, formerChinese);
            }

            @Override
            public int dimension() {
                return HashingEncoder.DIMENSION;
            }

            @Override
            public float[] encode(String text) {
                return ENCODER.encode(text);
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IntentModel.train(DATA, TrainingOptions.defaults(Profile.DEFAULT).withEpochs(30), former, l -> { }).save(bytes);
        assertThatThrownBy(() -> IntentModel.load(new ByteArrayInputStream(bytes.toByteArray()), ENCODER))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no longer shipped")
                .hasMessageContaining("nlu-train");
    }

    @Test
    void theDefaultProfileNeedsAnEncoder() {
        assertThatThrownBy(() -> IntentModel.train(DATA, TrainingOptions.defaults(Profile.DEFAULT), null, l -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadingSomethingElseFailsClearly() {
        assertThatThrownBy(() -> IntentModel.load(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class);
    }

    @Test
    void trainingIsDeterministic() {
        IntentModel a = tiny(Profile.LEXICAL);
        IntentModel b = tiny(Profile.LEXICAL);
        assertThat(a.classify("has my order shipped yet")).isEqualTo(b.classify("has my order shipped yet"));
    }

    @Test
    void needsAtLeastTwoIntents() {
        assertThatThrownBy(() -> IntentModel.train(List.of(new TrainingExample("hi", "greeting")),
                TrainingOptions.defaults(Profile.FAST))).isInstanceOf(IllegalArgumentException.class);
    }
}
