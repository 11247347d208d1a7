package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.Decision;
import dev.gatehouse.core.model.Verdict;

/**
 * A verdict as the runtime reports it: the engine's decision, or one the runtime adds (budgets, rates,
 * approvals). {@code reason} is a wire name of {@code ReasonCode} or {@link RunReason}.
 */
public record StepDecision(Verdict verdict, String reason, String message) {
    public static StepDecision of(Decision d) {
        return new StepDecision(d.verdict(), d.reason().wireName(), d.message());
    }

    public static StepDecision allow(RunReason reason, String message) {
        return new StepDecision(Verdict.ALLOW, reason.wireName(), message);
    }

    public static StepDecision deny(RunReason reason, String message) {
        return new StepDecision(Verdict.DENY, reason.wireName(), message);
    }

    public static StepDecision deny(dev.gatehouse.core.engine.ReasonCode reason, String message) {
        return new StepDecision(Verdict.DENY, reason.wireName(), message);
    }

    /** Permissiveness: allow > approval_required > deny. */
    public boolean morePermissiveThan(StepDecision other) {
        return verdict.compareTo(other.verdict) < 0;
    }

    /** {@code deny (not_declared)}. */
    public String brief() {
        return verdict.wireName() + " (" + reason + ")";
    }
}
