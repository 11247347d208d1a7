package dev.gatehouse.core.sandbox;

import java.util.Optional;

/** How a run ends, in Orloj's task phases: the wire names are what {@code spec.expect.outcome} takes. */
public enum RunOutcome {
    SUCCEEDED("succeeded"), FAILED("failed"), WAITING_APPROVAL("waiting_approval");

    private final String wireName;

    RunOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RunOutcome> fromWire(String s) {
        for (RunOutcome o : values()) {
            if (o.wireName.equals(s)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
