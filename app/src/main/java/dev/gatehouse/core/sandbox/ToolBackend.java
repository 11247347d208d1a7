package dev.gatehouse.core.sandbox;

/**
 * Runs one attempt of a tool for real (an HTTP request to the loopback mock, a child process). Called only for a
 * call the engine and the runtime allowed; {@code timeoutNanos} is the Tool's {@code runtime.timeout}, 0 for
 * none. Never throws for a failing tool: the failure is the result.
 */
public interface ToolBackend {
    AttemptResult attempt(ToolInvocation invocation, long timeoutNanos);

    /** The backend for a kind that is not set up: every attempt fails, non-retryably, saying so. */
    static ToolBackend unavailable(String what) {
        return (invocation, timeout) -> AttemptResult.failed(what + " backend not available in this run", false, 0, "not run");
    }
}
