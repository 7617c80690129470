package dev.concierge.server.observability;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.concierge.core.privacy.PersonalDataMasker;

/** Logback converter {@code %maskedMsg}: the log message with personal data masked, on one line. */
public final class MaskedMessageConverter extends ClassicConverter {
    private final PersonalDataMasker masker = new PersonalDataMasker();

    @Override
    public String convert(ILoggingEvent event) {
        String message = masker.mask(event.getFormattedMessage());
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
