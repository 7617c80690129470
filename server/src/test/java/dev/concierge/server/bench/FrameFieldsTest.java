package dev.concierge.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FrameFieldsTest {
    @Test
    void readsTopLevelScalarsAndSkipsNestedValues() throws IOException {
        FrameFields f = FrameFields.parse("{\"type\":\"assigned\",\"context\":{\"transcript\":[{\"type\":\"x\","
                + "\"conversationId\":\"inner\"}]},\"conversationId\":\"c-1\",\"position\":3,\"seen\":true,"
                + "\"agent\":null}");
        assertThat(f.text("type")).isEqualTo("assigned");
        assertThat(f.text("conversationId")).isEqualTo("c-1");
        assertThat(f.text("position")).isEqualTo("3");
        assertThat(f.text("seen")).isEqualTo("true");
        assertThat(f.text("agent")).isEmpty();
        assertThat(f.text("context")).isEmpty();
        assertThat(f.text("missing")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> FrameFields.parse("[1,2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> FrameFields.parse("{\"type\":\"ack\"")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> FrameFields.parse("not json")).isInstanceOf(IOException.class);
    }
}
