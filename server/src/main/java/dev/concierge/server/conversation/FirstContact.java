package dev.concierge.server.conversation;

import dev.concierge.bot.language.LanguageDetector;
import dev.concierge.core.customer.Customer;
import dev.concierge.core.customer.CustomerStore;
import dev.concierge.core.customer.Identity;
import java.time.Instant;

/**
 * The customer a channel message comes from, found or created. One first met on this message takes its language
 * (the given locale, else the one detected in the text): the store's default is zh, so English customers of the
 * REST, SMS and e-mail channels were stored, and shown to agents, as Chinese.
 */
public final class FirstContact {
    /** Text with no language in it (an order number, "？", an emoji) leaves the store's default, zh. */
    private static final LanguageDetector LANGUAGES = new LanguageDetector(LanguageDetector.CHINESE);

    private FirstContact() {
    }

    /** @param locale the language the channel states for the message, or null to detect it from {@code text} */
    public static Customer meet(CustomerStore customers, Identity who, String text, String locale, Instant now) {
        boolean first = customers.findByIdentity(who).isEmpty();
        Customer customer = customers.findOrCreate(who, now);
        if (!first || (locale == null && (text == null || text.isBlank()))) {
            return customer;
        }
        String language = locale != null ? locale : LANGUAGES.detect(text);
        return language.equals(customer.locale()) ? customer
                : customers.update(customer.id(), c -> c.withLocale(language));
    }
}
