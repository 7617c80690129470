package dev.concierge.bot.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class TraditionalChineseTest {
    /**
     * Words of the reply texts with an ambiguous character, and their Traditional form in the shop's language. Where a
     * reply text has the Simplified word, its conversion must have this.
     */
    private static final Map<String, String> SHOP_WORDS = Map.ofEntries(
            Map.entry("发货", "發貨"), Map.entry("发票", "發票"), Map.entry("发出", "發出"), Map.entry("发表", "發表"),
            Map.entry("售后", "售後"), Map.entry("之后", "之後"), Map.entry("以后", "以後"), Map.entry("后悔", "後悔"),
            Map.entry("签收后", "簽收後"), Map.entry("回复", "回覆"), Map.entry("恢复", "恢復"), Map.entry("重复", "重複"),
            Map.entry("复核", "複核"), Map.entry("这里", "這裡"), Map.entry("哪里", "哪裡"), Map.entry("包裹里", "包裹裡"),
            Map.entry("余额", "餘額"), Map.entry("其余", "其餘"), Map.entry("为准", "為準"), Map.entry("标准", "標準"),
            Map.entry("拿不准", "拿不準"), Map.entry("系统", "系統"), Map.entry("关系", "關係"), Map.entry("联系", "聯繫"),
            Map.entry("分钟", "分鐘"), Map.entry("范围", "範圍"), Map.entry("制品", "製品"), Map.entry("定制", "定製"),
            Map.entry("面单", "面單"), Map.entry("页面", "頁面"), Map.entry("下面", "下面"), Map.entry("只收集", "只收集"),
            Map.entry("平台", "平台"), Map.entry("港澳台", "港澳台"), Map.entry("表示", "表示"), Map.entry("尺码表", "尺碼表"),
            Map.entry("几天", "幾天"), Map.entry("周一", "週一"), Map.entry("了解", "了解"), Map.entry("什么", "什麼"),
            Map.entry("采购", "採購"), Map.entry("划痕", "劃痕"), Map.entry("家具", "家具"), Map.entry("当天", "當天"),
            Map.entry("尽快", "盡快"), Map.entry("签收", "簽收"), Map.entry("退货", "退貨"), Map.entry("订单", "訂單"),
            Map.entry("账户", "賬戶"), Map.entry("不了", "不了"), Map.entry("留着", "留著"));
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void simplifiedBecomesTraditional() {
        assertThat(TraditionalChinese.of("您的订单已发货，预计3天后送达。")).isEqualTo("您的訂單已發貨，預計3天後送達。");
        assertThat(TraditionalChinese.of("请回复订单号，或点选下方订单。")).isEqualTo("請回覆訂單號，或點選下方訂單。");
        assertThat(TraditionalChinese.of("包裹里少了东西？想了解退货，什么时候到")).isEqualTo("包裹裡少了東西？想了解退貨，什麼時候到");
    }

    @Test
    void textWithoutHanCharactersIsLeftAsItIs() {
        String english = "Your order DD20261103003 has shipped (SF1234567890).";
        assertThat(TraditionalChinese.of(english)).isSameAs(english);
        assertThat(TraditionalChinese.of("DD20261103003")).isEqualTo("DD20261103003");
        assertThat(TraditionalChinese.of("")).isEmpty();
        assertThat(TraditionalChinese.of("订单 DD20261103003 已签收")).isEqualTo("訂單 DD20261103003 已簽收");
    }

    @Test
    void onlyATraditionalScriptConverts() {
        assertThat(TraditionalChinese.in(ChineseScript.SIMPLIFIED, "已发货")).isEqualTo("已发货");
        assertThat(TraditionalChinese.in(ChineseScript.TRADITIONAL, "已发货")).isEqualTo("已發貨");
    }

    /**
     * Every Chinese text the bot may send: the string literals of bot-engine's main code (reply templates, quick
     * replies; word lists come along, harmlessly) and the knowledge base's answers, SMS answers and titles.
     */
    @Test
    void everyReplyTextComesOutInTheShopsTraditionalWords() throws IOException {
        List<String> texts = new ArrayList<>(literals());
        texts.addAll(knowledgeBaseTexts());
        assertThat(texts).hasSizeGreaterThan(500);
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (String text : texts) {
            String traditional = TraditionalChinese.of(text);
            for (Map.Entry<String, String> word : SHOP_WORDS.entrySet()) {
                if (text.contains(word.getKey())) {
                    checked++;
                    softly.assertThat(traditional).as(text).contains(word.getValue());
                }
            }
            // no Simplified-only character is left for a Traditional reader
            softly.assertThat(ChineseScript.of(traditional, ChineseScript.TRADITIONAL)).as(traditional)
                    .isEqualTo(ChineseScript.TRADITIONAL);
            for (int i = 0; i < traditional.length(); i++) {
                String c = traditional.substring(i, i + 1);
                softly.assertThat(ChineseScript.of(c, ChineseScript.TRADITIONAL)).as(c + " in " + traditional)
                        .isEqualTo(ChineseScript.TRADITIONAL);
            }
            // a tapped quick reply (a label, a knowledge-base title) is understood as the Simplified label it was;
            // 回覆 reads back as itself (覆 is a Simplified character too), and no label or word list has 回复
            softly.assertThat(SimplifiedChinese.of(traditional).replace("回覆", "回复")).as(traditional).isEqualTo(text);
        }
        assertThat(checked).as("ambiguous words met in the reply texts").isGreaterThan(300);
        softly.assertAll();
    }

    private static List<String> literals() throws IOException {
        List<String> out = new ArrayList<>();
        Path main = Path.of("src/main/java/dev/concierge/bot");
        try (Stream<Path> files = Files.walk(main)) {
            // the text package holds the conversions themselves, with Traditional examples
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(main.resolve("text")))
                    .toList()) {
                Matcher m = STRING_LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    // quotes in comments come along; Traditional ones are examples of what shoppers write
                    if (HAN.matcher(m.group(1)).find()
                            && ChineseScript.of(m.group(1), ChineseScript.SIMPLIFIED) == ChineseScript.SIMPLIFIED) {
                        out.add(m.group(1));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> knowledgeBaseTexts() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = TraditionalChineseTest.class.getClassLoader().getResourceAsStream("kb/default-kb.json")) {
            assertThat(in).isNotNull();
            for (JsonNode entry : new ObjectMapper().readTree(in).get("entries")) {
                for (String field : new String[] {"answers", "sms"}) {
                    JsonNode zh = entry.path(field).path("zh");
                    if (zh.isTextual()) {
                        out.add(zh.asText());
                    }
                }
                JsonNode title = entry.path("questions").path("zh").path(0);
                if (title.isTextual()) {
                    out.add(title.asText());
                }
            }
        }
        return out;
    }
}
