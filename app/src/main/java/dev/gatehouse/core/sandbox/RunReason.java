package dev.gatehouse.core.sandbox;

/**
 * Reasons only the runtime gives, next to the engine's {@code ReasonCode}s (which already hold
 * {@code token_budget_exceeded} and {@code rate_limited}). Wire names are stable: scenarios expect them.
 */
public enum RunReason {
    APPROVAL_GRANTED("approval_granted"),
    APPROVAL_DENIED("approval_denied"),
    APPROVAL_EXPIRED("approval_expired"),
    NO_PENDING_APPROVAL("no_pending_approval"),
    MAX_STEPS_REACHED("max_steps_reached"),
    APPROVAL_GRANT_REUSED("approval_grant_reused"),
    CLOCK_ADVANCED("clock_advanced");

    private final String wireName;

    RunReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
