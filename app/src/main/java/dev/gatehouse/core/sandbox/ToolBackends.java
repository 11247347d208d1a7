package dev.gatehouse.core.sandbox;

/** The real backends a run may use; the canned stubs need none. */
public record ToolBackends(ToolBackend http, ToolBackend process) {
    public static final ToolBackends NONE = new ToolBackends(ToolBackend.unavailable("http"), ToolBackend.unavailable("process"));
}
