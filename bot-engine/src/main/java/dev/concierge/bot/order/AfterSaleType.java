package dev.concierge.bot.order;

import java.util.Locale;

/** Return for a refund (7-day no-reason return) or exchange for the same item. */
public enum AfterSaleType {
    RETURN, EXCHANGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
