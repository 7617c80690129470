package dev.concierge.channel.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML mail bodies to plain text: scripts, styles and quoted history (blockquote, Gmail/Thunderbird quote
 * containers) dropped, entities decoded, block elements and {@code <br>} kept as line breaks, runs of
 * whitespace collapsed as a browser would.
 */
public final class HtmlToText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "table", "tr", "ul", "ol", "li", "h1", "h2", "h3",
            "h4", "h5", "h6", "pre", "section", "article", "header", "footer", "hr", "address", "dl", "dt", "dd",
            "center", "form", "fieldset", "main", "nav", "aside", "figure");

    private HtmlToText() {
    }

    public static String convert(String html) {
        Document doc = Jsoup.parse(html == null ? "" : html);
        doc.select("script, style, head, title, noscript, template, object, iframe, svg").remove();
        doc.select("blockquote, .gmail_quote, .gmail_extra, .moz-cite-prefix, #divRplyFwdMsg, #appendonsend, "
                + ".yahoo_quoted").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    Element parent = t.parent();
                    boolean pre = parent != null && "pre".equals(parent.normalName());
                    String s = pre ? t.getWholeText() : t.getWholeText().replaceAll("[\\s\\u00A0]+", " ");
                    if (!pre && (out.length() == 0 || out.charAt(out.length() - 1) == '\n') && s.startsWith(" ")) {
                        s = s.substring(1);
                    }
                    out.append(s);
                } else if (node instanceof Element e) {
                    String name = e.normalName();
                    if (name.equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(name)) {
                        newline(out);
                        if (name.equals("li")) {
                            out.append("- ");
                        }
                    } else if (name.equals("td") || name.equals("th")) {
                        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                            out.append(' ');
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        }, doc.body() == null ? doc : doc.body());
        return tidy(out.toString());
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String tidy(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            sb.append(line.strip()).append('\n');
        }
        return sb.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
