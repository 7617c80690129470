package dev.concierge.bot.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled intent set with the real in-process sentence encoder (the server's default profile).
 * An integration test: loading the ONNX model and embedding the set takes several seconds.
 */
class BundledIntentsEmbeddingIT {

    private static IntentModel model;

    @BeforeAll
    static void train() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        model = IntentModel.bundled(Profile.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hey, good morning!|greeting",
            "can you tell me where order 77889900 is|order_status",
            "这个订单怎么还没发货啊|order_status",
            "I would like to send these trousers back|return_request",
            "退款怎么还没到账|refund_status",
            "please cancel the order I made this morning|cancel_order",
            "给我转人工|human_request",
            "somebody hacked my account and bought stuff|account_security",
            "what will the weather be like this weekend|oos",
    })
    void classifiesHeldOutSentences(String text, String intent) {
        IntentPrediction p = model.classify(text);
        assertThat(p.intent()).as("%s → %s", text, p.ranked()).isEqualTo(intent);
    }
}
