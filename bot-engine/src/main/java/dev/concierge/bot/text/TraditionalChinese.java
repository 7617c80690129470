package dev.concierge.bot.text;

import com.ibm.icu.text.Transliterator;
import java.util.List;

/**
 * Simplified Chinese in Traditional characters ("您的订单已发货" → "您的訂單已發貨"): the bot's replies to a shopper who
 * writes Traditional Chinese. ICU's Simplified-Traditional transform, then the shop's words where its pick of an
 * ambiguous character is wrong (see {@link #SHOP_WORDS}). Characters only: vocabulary stays as written (信息 does not
 * become 訊息). Text without Han characters comes back as the same instance. Thread-safe (ICU's transliterators are
 * stateless and may be shared between threads).
 */
public final class TraditionalChinese {
    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");
    /**
     * ICU's output and what the shop writes instead, checked against every Chinese reply text (TraditionalChineseTest).
     * 回復 is "restore", a reply is 回覆; 里 inside a parcel or box is 裡 (ICU leaves the 里 of 公里); 甚麼 is the rarer
     * form of 什麼, and {@link SimplifiedChinese} reads it back as 甚么, so a tapped "什麼時候到？" would not be the
     * bot's own quick reply any more.
     */
    private static final List<String[]> SHOP_WORDS = List.of(
            new String[] {"回復", "回覆"}, new String[] {"重復", "重複"}, new String[] {"復核", "複核"},
            new String[] {"瞭解", "了解"}, new String[] {"甚麼", "什麼"},
            new String[] {"裹里", "裹裡"}, new String[] {"子里", "子裡"}, new String[] {"單里", "單裡"},
            new String[] {"車里", "車裡"},
            new String[] {"定制", "定製"}, new String[] {"拿不准", "拿不準"}, new String[] {"傢具", "家具"},
            new String[] {"划痕", "劃痕"}, new String[] {"鬥篷", "斗篷"}, new String[] {"方便面", "方便麵"});

    private TraditionalChinese() {
    }

    /** {@code text} with its Simplified characters in their Traditional forms; the same instance when it has no Han. */
    public static String of(String text) {
        if (!hasHan(text)) {
            return text;
        }
        String out = TO_TRADITIONAL.transliterate(text);
        for (String[] word : SHOP_WORDS) {
            if (out.contains(word[0])) {
                out = out.replace(word[0], word[1]);
            }
        }
        return out;
    }

    /** {@code text} in {@code script}: Traditional when asked, else unchanged. */
    public static String in(ChineseScript script, String text) {
        return script == ChineseScript.TRADITIONAL ? of(text) : text;
    }

    private static boolean hasHan(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\u3400' && c <= '\u9FFF') {
                return true;
            }
        }
        return false;
    }
}
