package dev.concierge.kb.io;

import dev.concierge.kb.TestEntries;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.FieldError;
import dev.concierge.kb.entry.KbValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KbJsonCodecTest {
    private final KbJsonCodec codec = new KbJsonCodec();

    @Test
    void roundTrip() {
        String json = codec.write(TestEntries.all());
        List<FaqEntry> back = codec.read(json, TestEntries.T0);
        assertThat(back).isEqualTo(TestEntries.all());
        assertThat(codec.write(back)).isEqualTo(json);
    }

    @Test
    void missingUpdatedAtTakesTheDefault() {
        String json = "{\"entries\":[{\"id\":\"a_b\",\"category\":\"c\",\"scenario\":\"pre_sale\","
                + "\"questions\":{\"en\":[\"hi\"]},\"answers\":{\"en\":\"hello\"}}]}";
        assertThat(codec.read(json, TestEntries.T0).get(0).updatedAt()).isEqualTo(TestEntries.T0);
    }

    @Test
    void invalidEntriesAreAllReportedByIdOrPosition() {
        String json = "{\"entries\":["
                + "{\"id\":\"good_one\",\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":[\"hi\"]},\"answers\":{\"en\":\"x\"}},"
                + "{\"id\":\"bad_scenario\",\"category\":\"c\",\"scenario\":\"DURING\",\"questions\":{\"en\":[\"hi\"]},\"answers\":{\"en\":\"x\"}},"
                + "{\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":\"not a list\"},\"answers\":{\"en\":\"x\"},\"colour\":1},"
                + "{\"id\":\"good_one\",\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":[\"hi\"]},\"answers\":{\"en\":\"x\"}}"
                + "]}";
        KbValidationException ex = catchThrowableOfType(KbValidationException.class, () -> codec.read(json, TestEntries.T0));
        assertThat(ex.errors()).contains(
                new FieldError("bad_scenario", "scenario", "must be PRE_SALE, IN_SALE or AFTER_SALE, was 'DURING'"),
                new FieldError("#2", "questions.en", "expected an array of strings"),
                new FieldError("#2", "colour", "unknown field"),
                new FieldError("#2", "id", "is required"),
                new FieldError("good_one", "id", "duplicate id in the same file"));
    }

    @Test
    void malformedJsonNamesTheLocation() {
        KbValidationException ex = catchThrowableOfType(KbValidationException.class,
                () -> codec.read("{\"entries\": [ {\"id\": }", TestEntries.T0));
        assertThat(ex.errors().get(0).field()).startsWith("line 1, column");
    }
}
