package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What stands in for a tool in a scenario. {@link Backend#CANNED}: the n-th invocation of the tool in a run (every
 * attempt counts) takes the n-th outcome of {@code outcomes}, the last one repeating. {@link Backend#HTTP}: the tool's request goes to a loopback mock
 * server that answers with the outcomes' {@code status} and {@code response}. {@link Backend#PROCESS}: a local
 * command runs in a child process with the arguments on stdin.
 */
public record ToolStub(Located<String> tool, Backend backend, List<Outcome> outcomes, List<String> command, Span span) {
    public ToolStub {
        outcomes = List.copyOf(outcomes);
        command = List.copyOf(command);
    }

    public enum Backend {
        CANNED("stub"), HTTP("http"), PROCESS("process");

        private final String wireName;

        Backend(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The outcome of invocation {@code n} (1-based): the last outcome repeats. */
    public Outcome outcome(int invocation) {
        return outcomes.get(Math.min(invocation, outcomes.size()) - 1);
    }

    /**
     * One answer: a response (JSON text) or an error, after {@code delayNanos}; {@code status} and
     * {@code headers} are what the HTTP mock answers with.
     */
    public record Outcome(Optional<String> response, Optional<StubError> error, long delayNanos, int status,
                          Map<String, String> headers) {
        public Outcome {
            headers = Map.copyOf(headers);
        }

        public static Outcome ok(String response) {
            return new Outcome(Optional.of(response), Optional.empty(), 0, 200, Map.of());
        }
    }

    /** A failure the tool reports; only retryable ones are tried again (ORLOJ.md §6.3). */
    public record StubError(String message, boolean retryable) {}
}
