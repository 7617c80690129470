package dev.concierge.bot.nlu;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Chinese encoder (our fused, quantised bge-small-zh, built by tools/encoders/build.sh) embeds like the
 * independently quantised bge-small-zh of langchain4j's jar (a test dependency only): the same network, so a
 * wrong, truncated or mixed-up model file shows as vectors pointing elsewhere. Loads two ONNX models.
 */
class BgeSmallZhEncoderIT {

    private static final List<String> TEXTS = List.of(
            "退款多久能到账", "我的快递到哪了", "这件衣服有没有大码", "怎么修改收货地址", "优惠券为什么用不了",
            "我要投诉你们的快递员", "帮我查一下订单 SO20231122001", "会员积分可以抵扣现金吗", "手机屏幕碎了能保修吗",
            "今天天气怎么样");

    private static BgeSmallZhEncoder shipped;
    private static Reference reference;

    /** langchain4j's quantised bge-small-zh (v1), read from its jar on the test class path. */
    private static final class Reference extends OnnxSentenceEncoder {
        Reference() {
            super("reference", 512, "bge-small-zh-q.onnx", "bge-small-zh-q-tokenizer.json");
        }
    }

    @BeforeAll
    static void load() {
        shipped = new BgeSmallZhEncoder();
        reference = new Reference();
    }

    @AfterAll
    static void close() {
        shipped.close();
        reference.close();
    }

    @Test
    void vectorsMatchTheReferenceQuantisationOfTheSameModel() {
        double sum = 0;
        for (String text : TEXTS) {
            double cosine = dot(shipped.encode(text), reference.encode(text));
            assertThat(cosine).as(text).isGreaterThan(0.98);
            sum += cosine;
        }
        assertThat(sum / TEXTS.size()).isGreaterThan(0.99);
    }

    @Test
    void differentQuestionsStayApart() {
        // the same-model check above would also pass for a model that maps everything to one vector
        assertThat(dot(shipped.encode("退款多久能到账"), shipped.encode("今天天气怎么样"))).isLessThan(0.9);
        assertThat(dot(shipped.encode("退款多久能到账"), shipped.encode("退款什么时候到账")))
                .isGreaterThan(dot(shipped.encode("退款多久能到账"), shipped.encode("我的快递到哪了")));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
