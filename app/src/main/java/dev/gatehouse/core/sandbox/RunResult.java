package dev.gatehouse.core.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A finished run: its steps in the order they ran, how it ended (strict) and how Orloj would have ended it, the
 * tokens each counted, how often each tool was invoked, notes about the run, and the final expectations it failed.
 */
public record RunResult(String runId, Scenario scenario, List<StepResult> steps, RunOutcome outcome, String outcomeReason,
                        RunOutcome orlojOutcome, String orlojReason, long tokensUsed, long orlojTokensUsed,
                        Map<String, Integer> invocations, List<String> notes, List<String> failures) {
    public RunResult {
        steps = List.copyOf(steps);
        invocations = Map.copyOf(invocations);
        notes = List.copyOf(notes);
        failures = List.copyOf(failures);
    }

    /** Every step's and the run's expectations hold. */
    public boolean passed() {
        return failures.isEmpty() && steps.stream().allMatch(StepResult::passed);
    }

    public int invocations(String tool) {
        return invocations.getOrDefault(tool, 0);
    }
}
