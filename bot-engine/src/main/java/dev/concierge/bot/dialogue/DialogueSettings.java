package dev.concierge.bot.dialogue;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dialogue policy's knobs, validated at start-up. Every handoff trigger can be switched off or tuned here.
 *
 * @param intentThreshold           minimum intent confidence to act on an intent (0..1)
 * @param lowConfidenceTurns        consecutive not-understood turns before a handoff (0 = never hand off for that)
 * @param maxReprompts              how many times a flow step asks again before handing off
 * @param handoffOnHumanRequest     hand off when the shopper asks for a person
 * @param handoffOnComplaint        hand off complaint intents (skill complaints)
 * @param handoffOnAccountSecurity  hand off account-security intents (urgent, skill account_security)
 * @param handoffOnAnger            hand off at once when the shopper is angry
 * @param negativeTurns             consecutive negative-sentiment turns before a handoff (0 = never)
 * @param negativeThreshold         negative-sentiment probability that counts as negative (0..1)
 * @param vipTiers                  customer tiers whose after-sale requests (return, exchange, cancel) go to a human
 * @param highValueAmount           orders at or above this total (CNY) get a human for return/exchange/cancel
 *                                  (0 = no rule)
 * @param returnWindowDays          no-reason return window after delivery
 * @param exchangeWindowDays        exchange window after delivery; later requests need a human decision
 */
public record DialogueSettings(double intentThreshold, int lowConfidenceTurns, int maxReprompts,
        boolean handoffOnHumanRequest, boolean handoffOnComplaint, boolean handoffOnAccountSecurity,
        boolean handoffOnAnger, int negativeTurns, double negativeThreshold, Set<String> vipTiers,
        double highValueAmount, int returnWindowDays, int exchangeWindowDays) {

    public DialogueSettings {
        requireProbability(intentThreshold, "intentThreshold");
        requireProbability(negativeThreshold, "negativeThreshold");
        if (lowConfidenceTurns < 0 || lowConfidenceTurns > 10) {
            throw new IllegalArgumentException("lowConfidenceTurns must be within 0..10");
        }
        if (maxReprompts < 1 || maxReprompts > 10) {
            throw new IllegalArgumentException("maxReprompts must be within 1..10");
        }
        if (negativeTurns < 0 || negativeTurns > 10) {
            throw new IllegalArgumentException("negativeTurns must be within 0..10");
        }
        if (!(highValueAmount >= 0)) {
            throw new IllegalArgumentException("highValueAmount must be >= 0");
        }
        if (returnWindowDays < 0 || exchangeWindowDays < returnWindowDays || exchangeWindowDays > 365) {
            throw new IllegalArgumentException("need 0 <= returnWindowDays <= exchangeWindowDays <= 365");
        }
        vipTiers = vipTiers == null ? Set.of()
                : vipTiers.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The defaults of the service standards: 2 low-confidence turns, 7-day return, 15-day exchange, ¥5000 orders. */
    public static DialogueSettings defaults() {
        return new DialogueSettings(0.55, 2, 2, true, true, true, true, 2, 0.6,
                Set.of("gold", "black", "platinum", "diamond"), 5000.0, 7, 15);
    }

    public DialogueSettings withLowConfidenceTurns(int turns) {
        return new DialogueSettings(intentThreshold, turns, maxReprompts, handoffOnHumanRequest, handoffOnComplaint,
                handoffOnAccountSecurity, handoffOnAnger, negativeTurns, negativeThreshold, vipTiers, highValueAmount,
                returnWindowDays, exchangeWindowDays);
    }

    public DialogueSettings withVipTiers(Set<String> tiers) {
        return new DialogueSettings(intentThreshold, lowConfidenceTurns, maxReprompts, handoffOnHumanRequest,
                handoffOnComplaint, handoffOnAccountSecurity, handoffOnAnger, negativeTurns, negativeThreshold, tiers,
                highValueAmount, returnWindowDays, exchangeWindowDays);
    }

    public DialogueSettings withHighValueAmount(double amount) {
        return new DialogueSettings(intentThreshold, lowConfidenceTurns, maxReprompts, handoffOnHumanRequest,
                handoffOnComplaint, handoffOnAccountSecurity, handoffOnAnger, negativeTurns, negativeThreshold, vipTiers,
                amount, returnWindowDays, exchangeWindowDays);
    }

    public DialogueSettings withTriggers(boolean humanRequest, boolean complaint, boolean accountSecurity, boolean anger) {
        return new DialogueSettings(intentThreshold, lowConfidenceTurns, maxReprompts, humanRequest, complaint,
                accountSecurity, anger, negativeTurns, negativeThreshold, vipTiers, highValueAmount, returnWindowDays,
                exchangeWindowDays);
    }

    public DialogueSettings withNegativeTurns(int turns) {
        return new DialogueSettings(intentThreshold, lowConfidenceTurns, maxReprompts, handoffOnHumanRequest,
                handoffOnComplaint, handoffOnAccountSecurity, handoffOnAnger, turns, negativeThreshold, vipTiers,
                highValueAmount, returnWindowDays, exchangeWindowDays);
    }

    boolean isVip(String tier) {
        return tier != null && vipTiers.contains(tier.strip().toLowerCase(Locale.ROOT));
    }

    private static void requireProbability(double value, String name) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be within [0, 1]");
        }
    }
}
