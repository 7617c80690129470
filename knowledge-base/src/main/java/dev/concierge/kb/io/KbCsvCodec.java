package dev.concierge.kb.io;

import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.FieldError;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.kb.entry.Scenario;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV import/export, one row per entry (RFC 4180: comma separated, fields with a comma, quote or
 * line break are double-quoted, quotes doubled; UTF-8; first row is the header).
 *
 * <p>Columns: {@value #HEADER}. Paraphrases and tags are joined with {@code |} (so a question may
 * not contain {@code |}); an empty cell means "absent". All-or-nothing like the JSON reader.
 */
public final class KbCsvCodec {
    public static final String HEADER =
            "id,category,scenario,questions_zh,questions_en,answer_zh,answer_en,sms_zh,sms_en,tags,updatedAt";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));

    public String write(List<FaqEntry> entries) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (FaqEntry e : entries) {
            List<String> cells = List.of(
                    e.id(), e.category(), e.scenario().name(),
                    String.join("|", e.questions().getOrDefault("zh", List.of())),
                    String.join("|", e.questions().getOrDefault("en", List.of())),
                    e.answers().getOrDefault("zh", ""), e.answers().getOrDefault("en", ""),
                    e.sms().getOrDefault("zh", ""), e.sms().getOrDefault("en", ""),
                    String.join("|", e.tags()), e.updatedAt().toString());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(quote(cells.get(i)));
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    /** @throws KbValidationException naming the row ({@code row 3}, or the entry id) and column of every problem */
    public List<FaqEntry> read(String csv, Instant defaultUpdatedAt) {
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1); // spreadsheet tools like a byte-order mark
        }
        List<List<String>> rows;
        try {
            rows = parse(csv);
        } catch (IllegalArgumentException e) {
            throw new KbValidationException(new FieldError("(file)", "csv", e.getMessage()));
        }
        if (rows.isEmpty() || !rows.get(0).stream().map(String::trim).toList().equals(COLUMNS)) {
            throw new KbValidationException(new FieldError("(file)", "header", "first row must be exactly: " + HEADER));
        }
        List<FieldError> errors = new ArrayList<>();
        List<FaqEntry> entries = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String position = "row " + (r + 1);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != COLUMNS.size()) {
                errors.add(new FieldError(position, "(row)", "expected " + COLUMNS.size() + " columns, found " + row.size()));
                continue;
            }
            String who = row.get(0).isBlank() ? position : row.get(0).trim();
            List<FieldError> rowErrors = new ArrayList<>();
            Scenario scenario = null;
            if (!row.get(2).isBlank()) {
                try {
                    scenario = Scenario.valueOf(row.get(2).trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    rowErrors.add(new FieldError(who, "scenario", "must be PRE_SALE, IN_SALE or AFTER_SALE, was '" + row.get(2) + "'"));
                }
            }
            Instant updatedAt = defaultUpdatedAt;
            if (!row.get(10).isBlank()) {
                try {
                    updatedAt = Instant.parse(row.get(10).trim());
                } catch (DateTimeParseException ex) {
                    rowErrors.add(new FieldError(who, "updatedAt", "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z"));
                }
            }
            Map<String, List<String>> questions = new LinkedHashMap<>();
            putList(questions, "zh", row.get(3));
            putList(questions, "en", row.get(4));
            Map<String, String> answers = new LinkedHashMap<>();
            putText(answers, "zh", row.get(5));
            putText(answers, "en", row.get(6));
            Map<String, String> sms = new LinkedHashMap<>();
            putText(sms, "zh", row.get(7));
            putText(sms, "en", row.get(8));
            List<String> tags = row.get(9).isBlank() ? List.of() : Arrays.asList(row.get(9).split("\\|", -1));
            try {
                FaqEntry entry = new FaqEntry(row.get(0), row.get(1), scenario, questions, answers, sms, tags, updatedAt);
                if (rowErrors.isEmpty()) {
                    entries.add(entry);
                }
            } catch (KbValidationException e) {
                for (FieldError fe : e.errors()) {
                    rowErrors.add(fe.entry().equals("(no id)") ? new FieldError(position, fe.field(), fe.message()) : fe);
                }
            }
            errors.addAll(rowErrors);
        }
        errors.addAll(EntrySetChecks.duplicateIds(entries));
        if (!errors.isEmpty()) {
            throw new KbValidationException(errors);
        }
        return List.copyOf(entries);
    }

    private static void putList(Map<String, List<String>> map, String locale, String cell) {
        if (!cell.isBlank()) {
            map.put(locale, Arrays.asList(cell.split("\\|", -1)));
        }
    }

    private static void putText(Map<String, String> map, String locale, String cell) {
        if (!cell.isBlank()) {
            map.put(locale, cell);
        }
    }

    private static String quote(String cell) {
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || (!cell.isEmpty() && (cell.charAt(0) == ' ' || cell.charAt(cell.length() - 1) == ' '));
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field (line " + line + ")");
        }
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
