package dev.gatehouse.core.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * What one step got: the strict verdict (enforced) and the orloj verdict (what Orloj would do), the exposure when
 * Orloj is more permissive, the execution when the call ran, when it happened on the virtual clock, notes
 * (what Orloj would do differently, what earlier agents already did) and the expectations it failed.
 * {@code repetition} counts from 1 for a step that repeats.
 */
public record StepResult(Step step, int repetition, String agent, String subjectKind, String subject, StepDecision strict, StepDecision orloj,
                         Optional<String> exposure, Optional<Execution> execution, long atNanos, long durationNanos,
                         List<String> notes, List<String> failures) {
    public StepResult {
        notes = List.copyOf(notes);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** {@code 3}, or {@code 3 [12/30]} for the 12th of 30 repetitions. */
    public String label() {
        return step.index() + (step.repeat() > 1 ? " [" + repetition + "/" + step.repeat() + "]" : "");
    }

    /** {@code call update-admin-password}, {@code model gpt-4o (1200 tokens)}, {@code advance 61s}. */
    public String description() {
        return step.action().kind().wireName() + (subject.isEmpty() ? "" : " " + subject);
    }
}
