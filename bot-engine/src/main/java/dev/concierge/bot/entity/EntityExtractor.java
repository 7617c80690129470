package dev.concierge.bot.entity;

import dev.concierge.bot.text.GuardedPattern;
import dev.concierge.core.privacy.PersonalDataMasker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds order numbers, phone numbers, emails, amounts and dates in Chinese or English text. Stateless apart from
 * the clock (relative dates such as 明天 / tomorrow); thread-safe.
 *
 * <p>Demo order-number format: {@code DD} followed by 8 to 18 digits (case-insensitive, e.g. {@code DD20261101001};
 * the digits may come in dash-joined groups, {@code #DD-2026-1101-001}; full-width forms count as ASCII),
 * or a bare run of 12 to 20 digits that is not a phone number or a resident ID number (18 characters with a birth
 * date), nor a bank-card number unless the message calls it an order ("订单号 …", "order #…"). Mainland mobile numbers
 * have 11 digits, so they never read as order numbers.
 */
public final class EntityExtractor {
    /** DD, then digits in one run or in groups joined by dashes or spaces ("#DD-2026-1103-003"); 8 to 18 in all. */
    private static final Pattern ORDER_DD = Pattern.compile(
            // spaced groups ("DD 2026 1103 003") only when the first is short, so that "DD20261103003 100元" keeps its 100
            "(?<![A-Za-z0-9])[Dd][Dd][ \\-]?([0-9]{1,7}(?: [0-9]{1,8}){1,5}|[0-9]+(?:-[0-9]+)*)(?![0-9])");
    private static final Pattern ORDER_DIGITS = Pattern.compile("(?<![0-9A-Za-z+])([0-9]{12,20})(?![0-9A-Za-z])");
    /** Words right before a number that call it an order: "订单", "订单号：", "单号是", "order", "order number", "order #". */
    private static final Pattern CALLED_AN_ORDER = Pattern.compile(
            "(?:订单|单号|\\border)(?:[\\s:#.]|号|码|编号|是|为|\\b(?:number|no|num|id|is)\\b)*$", Pattern.CASE_INSENSITIVE);
    /** How far before a number {@link #CALLED_AN_ORDER} looks ("order number is: " and a little more). */
    private static final int CALLED_AN_ORDER_REACH = 24;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
    private static final Pattern CN_MOBILE = Pattern.compile(
            "(?<![0-9])(?:\\+?86[ \\-]?)?(1[3-9][0-9])[ \\-]?([0-9]{4})[ \\-]?([0-9]{4})(?![0-9])");
    private static final Pattern INTL_PHONE = Pattern.compile("(?<![0-9A-Za-z])\\+([1-9][0-9 \\-]{7,16}[0-9])(?![0-9])");
    /** Taiwan mobile numbers as written there: 09, then eight digits ("0912345678", "0912-345-678"), kept as +886. */
    private static final Pattern TW_MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z+])0(9[0-9]{2})[ \\-]?([0-9]{3})[ \\-]?([0-9]{3})(?![0-9])");
    private static final Pattern AMOUNT_PREFIX = Pattern.compile("([¥￥$])\\s?([0-9]+(?:\\.[0-9]{1,2})?)");
    private static final Pattern AMOUNT_SUFFIX = Pattern.compile(
            "(?<![0-9.])([0-9]+(?:\\.[0-9]{1,2})?)\\s?(元|块钱|块|人民币|rmb|yuan|dollars?|usd|cny)(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_DATE = Pattern.compile("(?<![0-9])(20[0-9]{2})[-/.年]([01]?[0-9])[-/.月]([0-3]?[0-9])[日号]?(?![0-9])");
    private static final Pattern CN_MONTH_DAY = Pattern.compile("(?<![0-9年\\-/])([01]?[0-9])月([0-3]?[0-9])[日号]");
    private static final Pattern EN_MONTH_DAY = Pattern.compile(
            "\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+([0-3]?[0-9])(?:st|nd|rd|th)?\\b",
            Pattern.CASE_INSENSITIVE);
    static final GuardedPattern RELATIVE = GuardedPattern.of(
            "大后天|后天|明天|今天|昨天|前天|\\bday after tomorrow\\b|\\btomorrow\\b|\\btoday\\b|\\byesterday\\b",
            Pattern.CASE_INSENSITIVE, "天", "tomorrow", "today", "yesterday");

    private final Clock clock;

    public EntityExtractor(Clock clock) {
        this.clock = clock;
    }

    public Entities extract(String typed) {
        if (typed == null || typed.isBlank()) {
            return Entities.none();
        }
        // full-width digits, letters and signs ("ＤＤ２０２６…", "１３８…", "＠") as a Chinese input method types them
        String text = PersonalDataMasker.asciiForms(typed);
        // Every pattern but the relative dates needs an ASCII digit, and an email an '@': text without them (most
        // messages) skips those patterns, which could not match anyway.
        boolean at = text.indexOf('@') >= 0;
        boolean digits = false;
        for (int i = 0; i < text.length() && !digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        Set<String> orders = new LinkedHashSet<>();
        LocalDate today = LocalDate.now(clock);
        Set<LocalDate> dates = new LinkedHashSet<>();
        List<Entities.Amount> amounts = new ArrayList<>();
        String rest = text;
        Matcher m;
        if (at) {
            m = EMAIL.matcher(text);
            while (m.find()) {
                emails.add(m.group());
            }
            rest = EMAIL.matcher(text).replaceAll(" ");
        }
        if (digits) {
            rest = numbers(rest, today, phones, orders, dates, amounts);
        }
        if (RELATIVE.mayMatch(rest)) {
            m = RELATIVE.pattern().matcher(rest);
            while (m.find()) {
                dates.add(today.plusDays(offsetOf(m.group().toLowerCase(Locale.ROOT))));
            }
        }
        return new Entities(List.copyOf(orders), List.copyOf(phones), List.copyOf(emails),
                amounts.stream().distinct().toList(), List.copyOf(dates));
    }

    /** The patterns that need digits; adds what they find and returns the text without the matched parts. */
    private static String numbers(String text, LocalDate today, Set<String> phones, Set<String> orders,
            Set<LocalDate> dates, List<Entities.Amount> amounts) {
        String rest = text;
        Matcher m = CN_MOBILE.matcher(rest);
        while (m.find()) {
            phones.add(m.group(1) + m.group(2) + m.group(3));
        }
        rest = CN_MOBILE.matcher(rest).replaceAll(" ");
        m = INTL_PHONE.matcher(rest);
        while (m.find()) {
            phones.add("+" + m.group(1).replaceAll("[ \\-]", ""));
        }
        rest = INTL_PHONE.matcher(rest).replaceAll(" ");
        m = TW_MOBILE.matcher(rest);
        while (m.find()) {
            phones.add("+886" + m.group(1) + m.group(2) + m.group(3));
        }
        rest = TW_MOBILE.matcher(rest).replaceAll(" ");

        m = ORDER_DD.matcher(rest);
        StringBuilder withoutOrders = new StringBuilder();
        while (m.find()) {
            String digits = m.group(1).replace("-", "").replace(" ", "");
            if (digits.length() >= 8 && digits.length() <= 18) {
                orders.add("DD" + digits);
                m.appendReplacement(withoutOrders, " ");
            }
        }
        m.appendTail(withoutOrders);
        rest = withoutOrders.toString();
        m = ISO_DATE.matcher(rest);
        while (m.find()) {
            addDate(dates, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        rest = ISO_DATE.matcher(rest).replaceAll(" ");
        m = ORDER_DIGITS.matcher(rest);
        while (m.find()) {
            if (isOrderNumber(m.group(1), rest, m.start(1))) {
                orders.add(m.group(1));
            }
        }
        rest = ORDER_DIGITS.matcher(rest).replaceAll(" ");

        m = AMOUNT_PREFIX.matcher(rest);
        while (m.find()) {
            amounts.add(new Entities.Amount(new BigDecimal(m.group(2)), m.group(1).equals("$") ? "USD" : "CNY"));
        }
        m = AMOUNT_SUFFIX.matcher(AMOUNT_PREFIX.matcher(rest).replaceAll(" "));
        while (m.find()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            String currency = unit.startsWith("dollar") || unit.equals("usd") ? "USD" : "CNY";
            amounts.add(new Entities.Amount(new BigDecimal(m.group(1)), currency));
        }

        m = CN_MONTH_DAY.matcher(rest);
        while (m.find()) {
            addDate(dates, today.getYear(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = EN_MONTH_DAY.matcher(rest);
        while (m.find()) {
            addDate(dates, today.getYear(), monthOf(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return rest;
    }

    /**
     * Whether a bare digit run, at {@code start} in {@code text}, is an order number to look up. A resident ID number
     * typed in ("110101199003077777") is personal data, not an order; so is a number the masker masks as a bank card
     * ("我的银行卡6222021234567890123被扣款了"), which would show in clear on the agent's card and in the bot's reply,
     * unless the shopper calls it an order: some order numbers pass the Luhn check too.
     */
    private static boolean isOrderNumber(String digits, String text, int start) {
        if (PersonalDataMasker.isResidentId(digits)) {
            return false;
        }
        return !PersonalDataMasker.isBankCard(digits) || calledAnOrder(text, start);
    }

    private static boolean calledAnOrder(String text, int start) {
        return CALLED_AN_ORDER.matcher(text).region(Math.max(0, start - CALLED_AN_ORDER_REACH), start).find();
    }

    private static void addDate(Set<LocalDate> dates, int year, int month, int day) {
        try {
            dates.add(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            // not a real date (2026-02-30): not an entity
        }
    }

    private static int monthOf(String name) {
        String n = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month month : Month.values()) {
            if (month.name().toLowerCase(Locale.ROOT).startsWith(n)) {
                return month.getValue();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int offsetOf(String word) {
        return switch (word) {
            case "大后天" -> 3;
            case "后天", "day after tomorrow" -> 2;
            case "明天", "tomorrow" -> 1;
            case "昨天", "yesterday" -> -1;
            case "前天" -> -2;
            default -> 0;
        };
    }
}
