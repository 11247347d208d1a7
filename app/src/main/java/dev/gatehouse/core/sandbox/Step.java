package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.Span;

import java.util.Optional;

/**
 * One step of a scenario: the agent it acts as (in a system scenario), what it does, how many times in a row
 * ({@code repeat}), and what its strict verdict must be each time. {@code index} is 1-based in the order written.
 */
public record Step(int index, Optional<Located<String>> agent, Action action, int repeat, Optional<Expectation> expect, Span span) {

    /** What a step does; dispatch on {@link #kind()}. */
    public sealed interface Action permits Call, ModelUse, DataAccess, Advance, Resolve {
        StepKind kind();
    }

    /** The agent calls a tool with JSON arguments ({@code argsJson} is a JSON object). */
    public record Call(Located<String> tool, String argsJson) implements Action {
        @Override
        public StepKind kind() {
            return StepKind.CALL;
        }
    }

    /** The agent takes a model turn on {@code model} that costs {@code tokens}. */
    public record ModelUse(Located<String> model, long tokens) implements Action {
        @Override
        public StepKind kind() {
            return StepKind.MODEL;
        }
    }

    /** The agent reads or writes a data resource (the seed's {@code dataAccess}). */
    public record DataAccess(Located<String> resource, Located<String> dataAction) implements Action {
        @Override
        public StepKind kind() {
            return StepKind.DATA;
        }
    }

    /** The virtual clock moves on. */
    public record Advance(Located<String> written, long nanos) implements Action {
        @Override
        public StepKind kind() {
            return StepKind.ADVANCE;
        }
    }

    /** A person approves or denies the oldest pending approval (or the one for {@code tool}). */
    public record Resolve(boolean approve, Optional<Located<String>> tool) implements Action {
        @Override
        public StepKind kind() {
            return approve ? StepKind.APPROVE : StepKind.DENY;
        }
    }

    /**
     * The strict verdict a step must get, optionally its reason code (a wire name), and how the tool it lets run
     * must end: {@code succeeded}, {@code failed}, {@code timed_out} (the last attempt's status) or {@code none}
     * (the tool did not run).
     */
    public record Expectation(Optional<Located<Verdict>> verdict, Optional<Located<String>> reason, Optional<Located<String>> execution) {}
}
