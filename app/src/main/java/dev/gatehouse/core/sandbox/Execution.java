package dev.gatehouse.core.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * A tool call that ran: every attempt, the waits between them included in {@code durationNanos}, and how it
 * ended (the last attempt's status).
 */
public record Execution(String tool, ToolStub.Backend backend, List<AttemptResult> attempts, long durationNanos) {
    public Execution {
        attempts = List.copyOf(attempts);
    }

    public AttemptResult last() {
        return attempts.get(attempts.size() - 1);
    }

    public boolean succeeded() {
        return last().ok();
    }

    public Optional<String> response() {
        return last().response();
    }

    /** {@code succeeded after 2 attempts}, {@code timed_out}. */
    public String summary() {
        String s = last().status().wireName();
        return attempts.size() == 1 ? s : s + " after " + attempts.size() + " attempts";
    }
}
