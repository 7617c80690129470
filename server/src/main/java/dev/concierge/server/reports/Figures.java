package dev.concierge.server.reports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality figures of one slice of conversations (a channel, a time bucket). Rates are 0..1 or null when
 * their denominator is zero; definitions in docs/pages.md.
 */
public record Figures(int conversations, int handedOff, int contained, int closedByAgent, int firstContactResolved,
        int complaints, int firstResponses, double firstResponseSecondsTotal, int csatAnswers, int csatTotal,
        int csatSatisfied) {

    static final Figures EMPTY = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    Figures plus(Figures o) {
        return new Figures(conversations + o.conversations, handedOff + o.handedOff, contained + o.contained,
                closedByAgent + o.closedByAgent, firstContactResolved + o.firstContactResolved,
                complaints + o.complaints, firstResponses + o.firstResponses,
                firstResponseSecondsTotal + o.firstResponseSecondsTotal, csatAnswers + o.csatAnswers,
                csatTotal + o.csatTotal, csatSatisfied + o.csatSatisfied);
    }

    public Double containmentRate() {
        return ratio(contained, conversations);
    }

    public Double handoffRate() {
        return ratio(handedOff, conversations);
    }

    public Double firstContactResolutionRate() {
        return ratio(firstContactResolved, closedByAgent);
    }

    public Double complaintRate() {
        return ratio(complaints, conversations);
    }

    public Double averageFirstResponseSeconds() {
        return firstResponses == 0 ? null : round(firstResponseSecondsTotal / firstResponses);
    }

    public Double averageCsat() {
        return csatAnswers == 0 ? null : round((double) csatTotal / csatAnswers);
    }

    /** Share of CSAT answers that are 4 or 5. */
    public Double csatSatisfiedRate() {
        return ratio(csatSatisfied, csatAnswers);
    }

    Map<String, Object> toWire() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversations", conversations);
        out.put("handedOff", handedOff);
        out.put("contained", contained);
        out.put("closedByAgent", closedByAgent);
        out.put("firstContactResolved", firstContactResolved);
        out.put("complaints", complaints);
        out.put("csatAnswers", csatAnswers);
        out.put("containmentRate", containmentRate());
        out.put("handoffRate", handoffRate());
        out.put("firstContactResolutionRate", firstContactResolutionRate());
        out.put("averageFirstResponseSeconds", averageFirstResponseSeconds());
        out.put("averageCsat", averageCsat());
        out.put("csatSatisfiedRate", csatSatisfiedRate());
        out.put("complaintRate", complaintRate());
        return out;
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
