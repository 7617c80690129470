package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads embedding at once (the server's 16 bot workers under load) run at most one forward pass per core,
 * and each still gets exactly the vector a lone caller gets. Loads an ONNX model.
 */
class OnnxSentenceEncoderConcurrencyIT {

    @Test
    void callersBeyondTheCoresWaitAndGetTheSameVectors() throws Exception {
        List<String> texts = List.of("退款多久能到账", "我的快递到哪了", "怎么修改收货地址", "优惠券为什么用不了",
                "会员积分可以抵扣现金吗", "手机屏幕碎了能保修吗", "七天无理由退货怎么申请", "支持哪些付款方式");
        try (BgeSmallZhEncoder encoder = new BgeSmallZhEncoder()) {
            List<float[]> alone = texts.stream().map(encoder::encode).toList();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < texts.size(); i++) {
                        int k = i;
                        results.add(pool.submit(() -> Arrays.equals(encoder.encode(texts.get(k)), alone.get(k))));
                    }
                }
                for (Future<Boolean> r : results) {
                    assertThat(r.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(OnnxSentenceEncoder.peakConcurrentRuns()).isBetween(1, cores);
    }
}
