package dev.concierge.server.conversation;

import dev.concierge.server.live.LiveConnections;
import java.util.Objects;

/** How the desk reaches customers: live frames, messages on their channel, and the satisfaction survey. */
public record Outreach(LiveConnections live, ReplyDispatcher replies, SatisfactionSurvey survey) {
    public Outreach {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(survey, "survey");
    }
}
