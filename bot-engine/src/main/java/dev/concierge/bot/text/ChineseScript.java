package dev.concierge.bot.text;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.BitSet;

/**
 * The Chinese script a shopper writes: Simplified (the mainland) or Traditional (Hong Kong, Taiwan, Macau). Decided
 * per conversation from the characters that only one of the scripts uses; a message with neither ("好的", "1",
 * "DD20261103003", English) keeps what was decided before.
 *
 * <p>Traditional-only: the characters {@link SimplifiedChinese#of} changes (訂, 貨, 發), except the few that Simplified
 * text uses too (GB2312 holds them: 著 as in 著名, 乾 as in 乾坤, 於, 後). Simplified-only: the Simplified forms those
 * map to (订, 货, 发), except the ones that Traditional text uses as characters of their own (Big5 counts them among its
 * frequent characters: 后 as in 皇后, 面, 里, 台, 只, 干, 于, 几, 采). Without those exceptions "著名" would make a
 * shopper a Traditional writer and "皇后" a Simplified one. Thread-safe.
 */
public enum ChineseScript {
    SIMPLIFIED,
    TRADITIONAL;

    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9FFF';
    private static final BitSet TRADITIONAL_ONLY = new BitSet();
    private static final BitSet SIMPLIFIED_ONLY = new BitSet();
    /** Big5 level 1, the frequent characters: lead bytes A4 to C6. */
    private static final int BIG5_FREQUENT_END = 0xC67E;

    static {
        CharsetEncoder gb2312 = Charset.forName("GB2312").newEncoder();
        Charset big5 = Charset.forName("Big5");
        for (char c = FIRST; c <= LAST; c++) {
            char simplified = SimplifiedChinese.simplifiedOf(c);
            if (simplified == 0) {
                continue;
            }
            if (!gb2312.canEncode(c)) {
                TRADITIONAL_ONLY.set(c - FIRST);
            }
            if (!frequentInBig5(simplified, big5)) {
                SIMPLIFIED_ONLY.set(simplified - FIRST);
            }
        }
    }

    /**
     * The script of a conversation after {@code text}: the script whose characters the message has more of, or
     * {@code sofar} when it has none of either (or as many of both).
     */
    public static ChineseScript of(String text, ChineseScript sofar) {
        int traditional = 0;
        int simplified = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                if (TRADITIONAL_ONLY.get(c - FIRST)) {
                    traditional++;
                } else if (SIMPLIFIED_ONLY.get(c - FIRST)) {
                    simplified++;
                }
            }
        }
        return traditional > simplified ? TRADITIONAL : simplified > traditional ? SIMPLIFIED : sofar;
    }

    private static boolean frequentInBig5(char c, Charset big5) {
        byte[] b = String.valueOf(c).getBytes(big5);
        return b.length == 2 && (((b[0] & 0xFF) << 8) | (b[1] & 0xFF)) <= BIG5_FREQUENT_END;
    }
}
