package dev.concierge.bot.nlu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SoftmaxTrainerTest {

    @Test
    void balancedClassesAndNoBalancingWeighEveryExampleAlike() {
        assertThat(SoftmaxTrainer.classWeights(new int[] {0, 1, 2, 0, 1, 2}, 3, 0.5)).isNull();
        assertThat(SoftmaxTrainer.classWeights(new int[] {0, 0, 0, 1}, 2, 0.0)).isNull();
        assertThat(SoftmaxTrainer.classWeights(new int[0], 2, 0.5)).isNull();
    }

    @Test
    void rareClassesWeighMoreAndTheWeightsAverageOne() {
        int[] y = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2}; // 9, 1 and 4 examples; class 3 has none
        float[] w = SoftmaxTrainer.classWeights(y, 4, 0.5);
        assertThat(w[1] / w[0]).isCloseTo(3.0f, within(1e-5f)); // (9 / 1) ^ 0.5
        assertThat(w[2] / w[0]).isCloseTo(1.5f, within(1e-5f)); // (9 / 4) ^ 0.5
        assertThat(w[3]).isZero();
        double mean = 0;
        for (int label : y) {
            mean += w[label] / y.length;
        }
        assertThat(mean).isCloseTo(1.0, within(1e-5));
        float[] full = SoftmaxTrainer.classWeights(y, 4, 1.0);
        assertThat(9 * full[0]).isCloseTo(full[1], within(1e-5f)); // every class the same total weight
        assertThat(9 * full[0]).isCloseTo(4 * full[2], within(1e-5f));
    }

    @Test
    void classBalanceOutsideZeroToOneIsRejected() {
        TrainingOptions options = TrainingOptions.defaults(Profile.FAST);
        assertThat(options.classBalance()).isEqualTo(TrainingOptions.DEFAULT_CLASS_BALANCE);
        assertThat(options.withClassBalance(0).classBalance()).isZero();
        assertThatThrownBy(() -> options.withClassBalance(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withClassBalance(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
