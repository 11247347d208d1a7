package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Verdict;

/** One verdict with its reason code and message (Orloj's exact message format for the orloj verdict). */
public record Decision(Verdict verdict, ReasonCode reason, String message) {
    public static Decision allow(ReasonCode reason, String message) {
        return new Decision(Verdict.ALLOW, reason, message);
    }

    public static Decision deny(ReasonCode reason, String message) {
        return new Decision(Verdict.DENY, reason, message);
    }

    public static Decision approval(ReasonCode reason, String message) {
        return new Decision(Verdict.APPROVAL_REQUIRED, reason, message);
    }

    /** Permissiveness: allow > approval_required > deny. */
    public boolean morePermissiveThan(Decision other) {
        return verdict.compareTo(other.verdict) < 0;
    }
}
