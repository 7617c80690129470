package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingDataTest {

    @Test
    void readsJsonLines() {
        List<TrainingExample> data = TrainingData.readResource("/nlu/tiny.jsonl", TrainingDataFormat.JSONL);
        assertThat(data).hasSize(24);
        assertThat(data.get(0)).isEqualTo(new TrainingExample("where is my order", "order_status"));
    }

    @Test
    void malformedJsonLineNamesTheLine() {
        assertThatThrownBy(() -> TrainingData.readResource("/nlu/malformed.jsonl", TrainingDataFormat.JSONL))
                .isInstanceOf(TrainingDataException.class)
                .hasMessageContaining("/nlu/malformed.jsonl:2")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void missingIntentNamesTheLine() {
        assertThatThrownBy(() -> TrainingData.readResource("/nlu/missing-intent.jsonl", TrainingDataFormat.JSONL))
                .isInstanceOf(TrainingDataException.class)
                .hasMessageContaining(":3")
                .hasMessageContaining("\"intent\"");
    }

    @Test
    void readsTheYamlIntentFileWithPerLanguageOrPlainLists() {
        List<TrainingExample> data = TrainingData.readResource("/nlu/intents-small.yaml", TrainingDataFormat.YAML);
        assertThat(data).containsExactly(
                new TrainingExample("hello", "greeting"),
                new TrainingExample("hi", "greeting"),
                new TrainingExample("你好", "greeting"),
                new TrainingExample("bye", "goodbye"),
                new TrainingExample("再见", "goodbye"));
    }

    @Test
    void yamlIntentWithoutExamplesIsReported() {
        assertThatThrownBy(() -> TrainingData.readResource("/nlu/intents-no-examples.yaml", TrainingDataFormat.YAML))
                .isInstanceOf(TrainingDataException.class)
                .hasMessageContaining("intent 'goodbye' has no 'examples'");
    }

    @Test
    void importsRasaNluStrippingEntityAnnotationsAndSkippingSynonyms() {
        List<TrainingExample> data = TrainingData.readResource("/nlu/rasa-nlu.yml", TrainingDataFormat.RASA);
        assertThat(data).containsExactly(
                new TrainingExample("hey", "greet"),
                new TrainingExample("hello there", "greet"),
                new TrainingExample("你好", "greet"),
                new TrainingExample("where is order 12345", "order_status"),
                new TrainingExample("status of my order", "order_status"));
    }

    @Test
    void rasaIsRecognisedFromTheContentOfAYamlFile() {
        assertThat(TrainingData.readResource("/nlu/rasa-nlu.yml", TrainingDataFormat.YAML)).hasSize(5);
    }

    @Test
    void missingResourceIsReported() {
        assertThatThrownBy(() -> TrainingData.readResource("/nlu/nope.yaml", TrainingDataFormat.YAML))
                .isInstanceOf(TrainingDataException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void formatIsGuessedFromTheFileName() {
        assertThat(TrainingDataFormat.guess("train.jsonl")).isEqualTo(TrainingDataFormat.JSONL);
        assertThat(TrainingDataFormat.guess("nlu.yml")).isEqualTo(TrainingDataFormat.YAML);
        assertThat(TrainingDataFormat.parse("Rasa")).isEqualTo(TrainingDataFormat.RASA);
    }
}
