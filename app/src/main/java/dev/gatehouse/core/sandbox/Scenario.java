package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code gatehouse.dev/v1} Scenario (docs/sandbox.md): who acts (an agent, or the agents of a system and
 * task), the tool stubs, the steps in the order written, and the expectations on the whole run. Immutable,
 * every value where it was written.
 */
public record Scenario(SourceId file, Located<String> name, Optional<String> description, String namespace,
                       Optional<Located<String>> agent, Optional<Located<String>> system, Optional<Located<String>> task,
                       Map<String, ToolStub> tools, List<Step> steps, FinalExpectations expect, Span span) {
    public Scenario {
        tools = Map.copyOf(tools);
        steps = List.copyOf(steps);
    }

    /** The engine's context: the task (its system follows) or the system; none for a lone agent (worst case). */
    public Context context() {
        return new Context(namespace, system.map(Located::value), task.map(Located::value));
    }

    /** The agent a step acts as: its own {@code agent}, else the scenario's. */
    public String agentOf(Step step) {
        return step.agent().or(() -> agent).map(Located::value).orElseThrow();
    }

    /** What the run must show at its end; each part optional. */
    public record FinalExpectations(List<Located<String>> neverExecuted, Optional<Located<Long>> maxTokens,
                                    Optional<Located<RunOutcome>> outcome) {
        public static final FinalExpectations NONE = new FinalExpectations(List.of(), Optional.empty(), Optional.empty());

        public FinalExpectations {
            neverExecuted = List.copyOf(neverExecuted);
        }
    }
}
