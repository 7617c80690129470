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
        // a rating with a comment, and a softened Chinese answer
        assertThat(SatisfactionSurvey.parse("4/5, the agent was helpful").value()).isEqualTo(4);
        assertThat(SatisfactionSurvey.parse("4/5 the agent was helpful").value()).isEqualTo(4);
        assertThat(SatisfactionSurvey.parse("5分，客服很专业").value()).isEqualTo(5);
        assertThat(SatisfactionSurvey.parse("3 - slow but fine").value()).isEqualTo(3);
        assertThat(SatisfactionSurvey.parse("还行吧").value()).isEqualTo(3);
        assertThat(SatisfactionSurvey.parse("满意啦").value()).isEqualTo(4);
    }

    @Test
    void other_messages_are_not_ratings() {
        // a number off the scale is not a rating, but the survey asks again rather than dropping it
        for (String text : new String[] {"6", "0", "15", "10分"}) {
            assertThat(SatisfactionSurvey.parse(text).value()).as(text).isEqualTo(SatisfactionSurvey.OUT_OF_RANGE);
        }
        for (String text : new String[] {"where is my order", "满意度调查是什么", "", null,
                "1 more question", "2 items are missing", "3个都坏了", "4 days and no parcel"}) {
            assertThat(SatisfactionSurvey.parse(text).value()).as(String.valueOf(text)).isZero();
        }
    }
}
