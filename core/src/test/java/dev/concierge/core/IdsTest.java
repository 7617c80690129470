package dev.concierge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void acceptsTheSafeAlphabetUpTo128Characters() {
        assertThat(Ids.isSafe("c-684b3377-3478.ab_CD:x@y+z")).isTrue();
        assertThat(Ids.isSafe("a".repeat(128))).isTrue();
        assertThat(Ids.requireSafe("m-1", "message id")).isEqualTo("m-1");
    }

    @Test
    void rejectsEmptyLongAndUnsafeValues() {
        assertThat(Ids.isSafe(null)).isFalse();
        assertThat(Ids.isSafe("")).isFalse();
        assertThat(Ids.isSafe("a".repeat(129))).isFalse();
        for (String bad : new String[] {"a b", "../etc", "a/b", "订单", "a\nb", "a%20", "x#y", "ｍ1"}) {
            assertThat(Ids.isSafe(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> Ids.requireSafe("a b", "message id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message id");
    }
}
