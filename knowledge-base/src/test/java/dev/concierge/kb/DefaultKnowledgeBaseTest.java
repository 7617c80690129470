package dev.concierge.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concierge.core.channel.Channel;
import dev.concierge.kb.entry.FaqEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultKnowledgeBaseTest {
    private static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.bundledDefault();
    }

    @AfterAll
    static void close() {
        kb.close();
    }

    @Test
    void bundledEntriesAreCompleteAndBilingual() {
        List<FaqEntry> entries = kb.entries();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(60);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.questions().get("zh")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(e.questions().get("en")).hasSizeGreaterThanOrEqualTo(4);
            assertThat(e.answers()).containsKeys("zh", "en");
            assertThat(e.sms()).containsKeys("zh", "en");
        });
        assertThat(entries).extracting(FaqEntry::id).contains("return_7_day_no_reason", "exchange_15_day",
                "warranty_30_day", "refund_arrival_time", "complaint_resolution_time", "contact_human_agent",
                "privacy_data_deletion", "business_hours");
    }

    /** A few of the held-out queries (heldout-queries.jsonl); the full set is measured by kb-eval. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "刚收到的衣服不太喜欢，还能退吗;return_7_day_no_reason",
            "退款一般几个工作日到;refund_arrival_time",
            "我的号被盗了;account_stolen",
            "人工客服;contact_human_agent",
            "forgot my password;account_password_reset",
            "please cancel my order;order_cancel",
            "how long until my complaint is resolved;complaint_resolution_time",
            "can you gift wrap it;gift_wrapping"})
    void answersHeldOutQueries(String text, String expected) {
        assertThat(kb.search(text, null, 3).top().orElseThrow().entryId()).isEqualTo(expected);
    }

    /**
     * The whole of both query sets, lexical retrieval (serve's default): a floor under precision at 1 per language,
     * a few points below the measured figures (docs/benchmarks/kb.md), so that an edit of the bundled entries that
     * costs more than a handful of answers fails here, not only in a benchmark. heldout-queries.jsonl was written by
     * an earlier session; shopper-queries.jsonl by a writer who saw only the entries' answers, never their
     * paraphrases.
     */
    @ParameterizedTest
    @CsvSource({"heldout-queries.jsonl,0.88,0.94", "shopper-queries.jsonl,0.95,0.95"})
    void lexicalPrecisionAtOneOnTheQuerySets(String file, double floorEn, double floorZh) throws IOException {
        Map<String, int[]> byLang = new TreeMap<>(); // lang -> {queries, right}
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = DefaultKnowledgeBaseTest.class.getResourceAsStream("/kb/" + file);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode q = json.readTree(line);
                String lang = q.get("lang").asText();
                String top = kb.search(q.get("text").asText(), lang, 3).top().map(FaqHit::entryId).orElse("");
                int[] c = byLang.computeIfAbsent(lang, l -> new int[2]);
                c[0]++;
                c[1] += top.equals(q.get("expected").asText()) ? 1 : 0;
            }
        }
        assertThat(byLang.keySet()).containsExactly("en", "zh");
        assertThat(byLang.get("en")[0]).isGreaterThanOrEqualTo(140);
        assertThat(byLang.get("zh")[0]).isGreaterThanOrEqualTo(140);
        assertThat((double) byLang.get("en")[1] / byLang.get("en")[0]).as(file + " en").isGreaterThanOrEqualTo(floorEn);
        assertThat((double) byLang.get("zh")[1] / byLang.get("zh")[0]).as(file + " zh").isGreaterThanOrEqualTo(floorZh);
    }

    /**
     * Small talk and off-topic messages get no confident answer: the confidence model weighs how much of the matched
     * paraphrase the message has, not only how much of the message the paraphrase has ("how are you doing" shares
     * one word with a privacy paraphrase and was answered with the privacy policy before).
     */
    @ParameterizedTest
    @CsvSource({"how are you doing", "tell me something funny", "what is your favourite colour", "早上好呀",
            "今天天气不错", "你叫什么名字", "讲个笑话"})
    void offTopicMessagesAreNotAnsweredConfidently(String text) {
        assertThat(kb.search(text, null, 3).decision()).as(text).isNotEqualTo(FaqDecision.ANSWER);
    }

    @Test
    void smsChannelGetsTheShortAnswer() {
        String sms = kb.answer("complaint_resolution_time", "zh", Channel.SMS).orElseThrow();
        assertThat(sms).hasSizeLessThanOrEqualTo(70).contains("24小时");
        assertThat(kb.answer("complaint_resolution_time", "en", Channel.WEB_CHAT).orElseThrow())
                .contains("7 working days", "48 hours", "2 working days", "24 hours");
    }
}
