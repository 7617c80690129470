package dev.concierge.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes what is not the customer's new words before classification: quoted history ("On ... wrote:",
 * "&gt; " lines, "-----Original Message-----", Outlook header blocks, Chinese "在…写道：" / "发件人:" blocks) and
 * signatures ("-- " delimiter, "Sent from my ..." and a short sign-off block at the end).
 */
public final class QuotedTextStripper {
    private static final Pattern ON_WROTE = Pattern.compile("^\\s*On\\b.{0,200}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_START = Pattern.compile("^\\s*On\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_END = Pattern.compile(".*\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL = Pattern.compile(
            "^\\s*-{2,}\\s*(Original Message|原始邮件|原始郵件)\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CN_WROTE = Pattern.compile("^\\s*(在|于).{0,200}写道\\s*[:：]\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(From|发件人|寄件者)\\*?\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "^\\s*\\*?(Sent|Date|To|Subject|Cc|发送时间|日期|时间|收件人|主题|抄送)\\*?\\s*[:：].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENT_FROM = Pattern.compile(
            "^\\s*(Sent from my .*|Sent from .* for (iOS|Android|Windows).*|Get Outlook for .*|发自我的.*|来自我的.*)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGN_OFF = Pattern.compile(
            "^\\s*(best|best regards|kind regards|warm regards|regards|cheers|thanks|thanks again|thank you|"
                    + "many thanks|sincerely|yours sincerely|br|谢谢|多谢|谢谢！|此致|此致敬礼|祝好|顺祝商祺|敬上)"
                    + "\\s*[,，!！.。]?\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** A sign-off only counts when few lines (a name, a title, a phone) follow it. */
    private static final int MAX_LINES_AFTER_SIGN_OFF = 4;

    private QuotedTextStripper() {
    }

    public static String strip(String text) {
        if (text == null) {
            return "";
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (startsHistory(lines, i)) {
                break;
            }
            if (line.strip().equals("--") || line.equals("-- ") || SENT_FROM.matcher(line).matches()) {
                break; // signature delimiter: everything below is signature
            }
            if (line.stripLeading().startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        dropSignOff(kept);
        String result = String.join("\n", kept).replaceAll("\n{3,}", "\n\n").strip();
        return result;
    }

    private static boolean startsHistory(String[] lines, int i) {
        String line = lines[i];
        if (ON_WROTE.matcher(line).matches() || ORIGINAL.matcher(line).matches() || CN_WROTE.matcher(line).matches()) {
            return true;
        }
        // Gmail wraps a long "On <date>, <name> <address> wrote:" over two lines
        if (ON_START.matcher(line).matches() && i + 1 < lines.length && WROTE_END.matcher(lines[i + 1]).matches()
                && line.length() + lines[i + 1].length() < 300) {
            return true;
        }
        if (HEADER_FROM.matcher(line).matches()) {
            for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
                if (HEADER_NEXT.matcher(lines[j]).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void dropSignOff(List<String> kept) {
        int last = kept.size() - 1;
        while (last >= 0 && kept.get(last).isBlank()) {
            last--;
        }
        for (int i = Math.max(1, last - MAX_LINES_AFTER_SIGN_OFF); i <= last; i++) {
            if (SIGN_OFF.matcher(kept.get(i)).matches() && hasContentBefore(kept, i)) {
                kept.subList(i, kept.size()).clear();
                return;
            }
        }
    }

    private static boolean hasContentBefore(List<String> kept, int index) {
        for (int i = 0; i < index; i++) {
            if (!kept.get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }
}
