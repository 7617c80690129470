package dev.concierge.routing.sla;

import dev.concierge.core.channel.Channel;
import dev.concierge.routing.ComplaintSeverity;
import dev.concierge.routing.HandoffTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Turns a handoff into the SLA timers to watch, and tells off-hours customers when a human will reply. */
public final class SlaPolicy {
    private final SlaSettings settings;
    private final BusinessCalendar calendar;

    public SlaPolicy(SlaSettings settings, BusinessCalendar calendar) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public List<SlaTimer> timersFor(HandoffTicket ticket, Instant at) {
        List<SlaTimer> timers = new ArrayList<>(3);
        if (ticket.channel() == Channel.WEB_CHAT) {
            timers.add(new SlaTimer(ticket.conversationId(), SlaKind.CHAT_FIRST_RESPONSE, at,
                    calendar.plusBusinessTime(at, settings.chatFirstResponse())));
        }
        timers.add(new SlaTimer(ticket.conversationId(), SlaKind.INITIAL_REPLY, at, at.plus(settings.initialReply())));
        resolutionDeadline(ticket.complaint(), at).ifPresent(due ->
                timers.add(new SlaTimer(ticket.conversationId(), SlaKind.COMPLAINT_RESOLUTION, at, due)));
        return timers;
    }

    /** When a complaint of this severity must be resolved; empty for a non-complaint. */
    public Optional<Instant> resolutionDeadline(ComplaintSeverity severity, Instant at) {
        return switch (severity) {
            case NONE -> Optional.empty();
            case GENERAL -> Optional.of(calendar.plusWorkingDays(at, settings.generalComplaintWorkingDays()));
            case SERIOUS -> Optional.of(at.plus(settings.seriousComplaint()));
            case MAJOR -> Optional.of(calendar.plusWorkingDays(at, settings.majorComplaintWorkingDays()));
        };
    }

    /** The due date of a follow-up ticket: the complaint deadline, or the default number of working days. */
    public Instant ticketDue(ComplaintSeverity severity, Instant at) {
        return resolutionDeadline(severity, at)
                .orElseGet(() -> calendar.plusWorkingDays(at, settings.ticketDueWorkingDays()));
    }

    /**
     * Outside business hours: the time a human reply is promised in the automatic acknowledgement: the next opening,
     * plus the first-response target for chat. Empty when open. (A promise never names a time when nobody works.)
     */
    public Optional<Instant> promisedReplyTime(Channel channel, Instant at) {
        if (calendar.isOpen(at)) {
            return Optional.empty();
        }
        Instant opens = calendar.nextOpen(at);
        return Optional.of(channel == Channel.WEB_CHAT
                ? calendar.plusBusinessTime(opens, settings.chatFirstResponse())
                : opens);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }
}
