package dev.concierge.kb;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.entry.FaqEntry;

import java.util.Optional;

/**
 * What the dialogue engine needs from the knowledge base. Implementations are thread-safe and never
 * do network I/O; a search takes well under a millisecond on the default knowledge base, but it is
 * still CPU work, so call it from a worker thread, not an event loop.
 */
public interface FaqRetriever {

    /**
     * Ranks entries for a shopper's text.
     *
     * @param text   the shopper's message
     * @param locale {@code zh}, {@code en} (also {@code zh-CN}, {@code en_US}); null or unknown = detect from the text
     * @param k      how many hits to return (at least 1)
     */
    FaqResult search(String text, String locale, int k);

    /** The entry with this id, if it exists now. */
    Optional<FaqEntry> entry(String entryId);

    /**
     * The answer text to send: the SMS short answer on {@link Channel#SMS} when the entry has one in
     * the locale, otherwise the full answer in the locale, falling back to another locale the entry has.
     */
    Optional<String> answer(String entryId, String locale, Channel channel);
}
