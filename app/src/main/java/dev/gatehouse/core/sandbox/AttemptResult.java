package dev.gatehouse.core.sandbox;

import java.util.Optional;

/**
 * What one attempt gave: the response or the error, whether the error may be retried (ORLOJ.md §6.3), how long
 * it took ({@code elapsedNanos}, virtual for stubs, measured for real backends) and what the backend saw
 * ({@code detail}: the request the mock server recorded, the process's exit).
 */
public record AttemptResult(Status status, Optional<String> response, Optional<String> error, boolean retryable,
                            long elapsedNanos, String detail) {
    public enum Status {
        SUCCEEDED("succeeded"), FAILED("failed"), TIMED_OUT("timed_out");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static AttemptResult succeeded(String response, long elapsedNanos, String detail) {
        return new AttemptResult(Status.SUCCEEDED, Optional.of(response), Optional.empty(), false, elapsedNanos, detail);
    }

    public static AttemptResult failed(String error, boolean retryable, long elapsedNanos, String detail) {
        return new AttemptResult(Status.FAILED, Optional.empty(), Optional.of(error), retryable, elapsedNanos, detail);
    }

    /** A deadline overrun: {@code timeout} / {@code tool_execution_timeout}, which Orloj retries. */
    public static AttemptResult timedOut(long timeoutNanos, String detail) {
        return new AttemptResult(Status.TIMED_OUT, Optional.empty(), Optional.of("tool_execution_timeout after " + Durations.format(timeoutNanos)),
                true, timeoutNanos, detail);
    }

    public boolean ok() {
        return status == Status.SUCCEEDED;
    }
}
