package dev.concierge.bot.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled intent set with the real in-process sentence encoder (the server's default profile).
 * An integration test: loading the ONNX model and embedding the set takes several seconds.
 */
class BundledIntentsEmbeddingIT {

    private static IntentModel model;
    private static final List<String> CONNECTIONS = new CopyOnWriteArrayList<>();

    /** Records every outbound connection (and DNS lookup) attempted while the encoder loads and runs. */
    @SuppressWarnings("removal")
    @BeforeAll
    static void train() {
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        SecurityManager previous = System.getSecurityManager();
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission perm) {
                    // allow everything; only connections are of interest
                }

                @Override
                public void checkConnect(String host, int port) {
                    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
                        CONNECTIONS.add(host + ":" + port);
                    }
                }
            });
        } catch (UnsupportedOperationException e) {
            previous = null; // a JDK without the security manager: skip the recording
        }
        try {
            model = IntentModel.bundled(Profile.DEFAULT);
            model.classify("where is my order");
        } finally {
            if (System.getSecurityManager() != previous) {
                System.setSecurityManager(previous);
            }
        }
    }

    @Test
    void opensNoNetworkConnection() {
        assertThat(CONNECTIONS).isEmpty();
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
            // asking when service is open is not asking to be transferred (these were human_request, 0.74)
            "When can I reach your support staff?|service_hours",
            "人工客服晚上几点下班|service_hours",
    })
    void classifiesHeldOutSentences(String text, String intent) {
        IntentPrediction p = model.classify(text);
        assertThat(p.intent()).as("%s → %s", text, p.ranked()).isEqualTo(intent);
    }

    /** The whole held-out set with the server's default profile; floors as in BundledIntentsTest, higher. */
    @Test
    void scoresOnTheWholeHeldOutSet() {
        BundledHeldOut.Score s = BundledHeldOut.score(model);
        assertThat(s.inScopeAccuracy()).as("in-scope accuracy").isGreaterThanOrEqualTo(0.95);
        assertThat(s.oosRecall()).as("out-of-scope recall").isGreaterThanOrEqualTo(0.85);
    }
}
