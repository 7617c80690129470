package dev.concierge.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SatisfactionSurveyTest {
    @Test
    void ratings_as_shoppers_type_them() {
        assertThat(SatisfactionSurvey.parse("5").value()).isEqualTo(5);
        assertThat(SatisfactionSurvey.parse("4分").value()).isEqualTo(4);
        assertThat(SatisfactionSurvey.parse("3 stars").value()).isEqualTo(3);
        assertThat(SatisfactionSurvey.parse("2/5").value()).isEqualTo(2);
        assertThat(SatisfactionSurvey.parse("★★★★").value()).isEqualTo(4);
        // a full-width digit from a Chinese keyboard, and the words of the prompt's scale
        assertThat(SatisfactionSurvey.parse("５").value()).isEqualTo(5);
        assertThat(SatisfactionSurvey.parse("５分").value()).isEqualTo(5);
        assertThat(SatisfactionSurvey.parse("非常满意！").value()).isEqualTo(5);
        assertThat(SatisfactionSurvey.parse("不满意").value()).isEqualTo(2);
        assertThat(SatisfactionSurvey.parse("Very satisfied.").value()).isEqualTo(5);
    }

    @Test
    void other_messages_are_not_ratings() {
        for (String text : new String[] {"6", "0", "15", "where is my order", "满意度调查是什么", "", null}) {
            assertThat(SatisfactionSurvey.parse(text).value()).as(String.valueOf(text)).isZero();
        }
    }
}
