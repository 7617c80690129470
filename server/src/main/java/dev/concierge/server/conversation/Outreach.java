package dev.concierge.server.conversation;

import dev.concierge.server.live.LiveConnections;
import java.util.Objects;

/**
 * How the desk reaches customers: live frames, messages on their channel, the satisfaction survey, and the script
 * its Chinese notices are written in.
 */
public record Outreach(LiveConnections live, ReplyDispatcher replies, SatisfactionSurvey survey, ShopperScript script) {
    public Outreach {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(survey, "survey");
        Objects.requireNonNull(script, "script");
    }
}
