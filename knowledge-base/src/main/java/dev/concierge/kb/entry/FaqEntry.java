package dev.concierge.kb.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One FAQ entry: an English snake_case id, a category, a scenario, question paraphrases and answers
 * per locale, an optional short SMS answer per locale, tags and the last update time.
 *
 * <p>Validated in the compact constructor; every problem is reported at once as a
 * {@link KbValidationException} whose {@link FieldError}s name the entry and the field.
 * Strings are trimmed; maps are ordered by {@link KbLocales#SUPPORTED}.
 */
public record FaqEntry(
        String id,
        String category,
        Scenario scenario,
        Map<String, List<String>> questions,
        Map<String, String> answers,
        Map<String, String> sms,
        List<String> tags,
        Instant updatedAt) {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_QUESTION_LENGTH = 300;
    public static final int MAX_QUESTIONS_PER_LOCALE = 500;
    public static final int MAX_ANSWER_LENGTH = 4000;
    public static final int MAX_TAG_LENGTH = 40;
    /** One SMS segment: UCS-2 (Chinese) holds 70 characters, GSM-7 holds 160. */
    public static final Map<String, Integer> MAX_SMS_LENGTH = Map.of(KbLocales.ZH, 70, KbLocales.EN, 160);

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public FaqEntry {
        List<FieldError> errors = new ArrayList<>();
        String who = id == null || id.isBlank() ? "(no id)" : id.trim();

        id = id == null ? null : id.trim();
        if (id == null || id.isEmpty()) {
            errors.add(new FieldError(who, "id", "is required"));
        } else if (id.length() > MAX_ID_LENGTH || !SNAKE_CASE.matcher(id).matches()) {
            errors.add(new FieldError(who, "id",
                    "must be English snake_case ([a-z][a-z0-9_]*, at most " + MAX_ID_LENGTH + " characters)"));
        }
        category = category == null ? null : category.trim();
        if (category == null || category.isEmpty()) {
            errors.add(new FieldError(who, "category", "is required"));
        } else if (category.length() > MAX_ID_LENGTH || !SNAKE_CASE.matcher(category).matches()) {
            errors.add(new FieldError(who, "category", "must be English snake_case"));
        }
        if (scenario == null) {
            errors.add(new FieldError(who, "scenario", "is required (PRE_SALE, IN_SALE or AFTER_SALE)"));
        }
        questions = normaliseQuestions(who, questions, errors);
        Map<String, String> givenAnswers = answers == null ? Map.of() : answers;
        answers = normaliseTexts(who, "answers", answers, MAX_ANSWER_LENGTH, errors);
        for (String locale : questions.keySet()) {
            // an answer given but refused (blank, too long) has its own error: "is required" would contradict it
            if (!answers.containsKey(locale) && !givenAnswers.containsKey(locale)) {
                errors.add(new FieldError(who, "answers." + locale, "is required because questions." + locale + " is given"));
            }
        }
        sms = normaliseTexts(who, "sms", sms, Integer.MAX_VALUE, errors);
        for (Map.Entry<String, String> e : sms.entrySet()) {
            int max = MAX_SMS_LENGTH.get(e.getKey());
            if (e.getValue().length() > max) {
                errors.add(new FieldError(who, "sms." + e.getKey(),
                        "must fit one SMS segment (" + max + " characters), has " + e.getValue().length()));
            }
        }
        tags = normaliseTags(who, tags, errors);
        if (updatedAt == null) {
            errors.add(new FieldError(who, "updatedAt", "is required (ISO-8601 instant)"));
        }
        if (!errors.isEmpty()) {
            throw new KbValidationException(errors);
        }
    }

    /** The answer for a locale, falling back to any other locale the entry has. */
    public String answer(String locale) {
        String a = answers.get(locale);
        return a != null ? a : answers.values().iterator().next();
    }

    /** The SMS short answer for a locale, if the entry has one in that locale. */
    public Optional<String> smsAnswer(String locale) {
        return Optional.ofNullable(sms.get(locale));
    }

    /** This entry with another update time (admin edits stamp the clock's time). */
    public FaqEntry withUpdatedAt(Instant when) {
        return new FaqEntry(id, category, scenario, questions, answers, sms, tags, when);
    }

    /** A human-readable title: the first question in the locale, else the first question at all. */
    public String title(String locale) {
        List<String> qs = questions.get(locale);
        if (qs != null && !qs.isEmpty()) {
            return qs.get(0);
        }
        return questions.values().iterator().next().get(0);
    }

    private static Map<String, List<String>> normaliseQuestions(String who, Map<String, List<String>> in,
                                                                List<FieldError> errors) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (in == null || in.isEmpty()) {
            errors.add(new FieldError(who, "questions", "needs at least one locale with at least one question"));
            return Collections.unmodifiableMap(out);
        }
        for (String key : in.keySet()) {
            if (!KbLocales.isSupported(key)) {
                errors.add(new FieldError(who, "questions." + key, "unsupported locale (supported: " + KbLocales.SUPPORTED + ")"));
            }
        }
        for (String locale : KbLocales.SUPPORTED) {
            List<String> qs = in.get(locale);
            if (qs == null) {
                continue;
            }
            if (qs.isEmpty()) {
                errors.add(new FieldError(who, "questions." + locale, "must not be empty (omit the locale instead)"));
                continue;
            }
            if (qs.size() > MAX_QUESTIONS_PER_LOCALE) {
                errors.add(new FieldError(who, "questions." + locale, "at most " + MAX_QUESTIONS_PER_LOCALE + " paraphrases"));
            }
            List<String> clean = new ArrayList<>(qs.size());
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < qs.size(); i++) {
                String field = "questions." + locale + "[" + i + "]";
                String q = qs.get(i) == null ? "" : qs.get(i).trim();
                if (q.isEmpty()) {
                    errors.add(new FieldError(who, field, "must not be blank"));
                } else if (q.length() > MAX_QUESTION_LENGTH) {
                    errors.add(new FieldError(who, field, "at most " + MAX_QUESTION_LENGTH + " characters"));
                } else if (q.indexOf('|') >= 0) {
                    errors.add(new FieldError(who, field, "must not contain '|' (the CSV paraphrase separator)"));
                } else if (!seen.add(q.toLowerCase(Locale.ROOT))) {
                    errors.add(new FieldError(who, field, "duplicate paraphrase '" + q + "'"));
                } else {
                    clean.add(q);
                }
            }
            out.put(locale, List.copyOf(clean));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> normaliseTexts(String who, String name, Map<String, String> in, int maxLength,
                                                      List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (in == null) {
            return Collections.unmodifiableMap(out);
        }
        for (String key : in.keySet()) {
            if (!KbLocales.isSupported(key)) {
                errors.add(new FieldError(who, name + "." + key, "unsupported locale (supported: " + KbLocales.SUPPORTED + ")"));
            }
        }
        for (String locale : KbLocales.SUPPORTED) {
            if (!in.containsKey(locale)) {
                continue;
            }
            String text = in.get(locale) == null ? "" : in.get(locale).trim();
            if (text.isEmpty()) {
                errors.add(new FieldError(who, name + "." + locale, "must not be blank (omit the locale instead)"));
            } else if (text.length() > maxLength) {
                errors.add(new FieldError(who, name + "." + locale, "at most " + maxLength + " characters"));
            } else {
                out.put(locale, text);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static List<String> normaliseTags(String who, List<String> in, List<FieldError> errors) {
        if (in == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String t = in.get(i) == null ? "" : in.get(i).trim();
            String field = "tags[" + i + "]";
            if (t.isEmpty()) {
                errors.add(new FieldError(who, field, "must not be blank"));
            } else if (t.length() > MAX_TAG_LENGTH || t.indexOf('|') >= 0) {
                errors.add(new FieldError(who, field, "at most " + MAX_TAG_LENGTH + " characters, no '|'"));
            } else if (!out.contains(t)) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
