package dev.concierge.channel.email;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Message-ID handling: stored without angle brackets, written with them. */
public final class MessageIds {
    private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]{1,250})>");

    private MessageIds() {
    }

    public static String strip(String id) {
        if (id == null) {
            return "";
        }
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    public static String requireValid(String id) {
        String s = strip(id);
        if (s.isEmpty() || s.length() > 250 || s.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c > 126)) {
            throw new IllegalArgumentException("malformed Message-ID");
        }
        return s;
    }

    /** Every {@code <id>} in a header value (References, In-Reply-To), in order; bare ids when none is bracketed. */
    public static List<String> parseList(String header) {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        Matcher m = BRACKETED.matcher(header);
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty()) {
            for (String s : header.strip().split("\\s+")) {
                if (!s.isEmpty() && s.length() <= 250 && s.contains("@")) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    public static String bracket(String id) {
        return "<" + strip(id) + ">";
    }
}
