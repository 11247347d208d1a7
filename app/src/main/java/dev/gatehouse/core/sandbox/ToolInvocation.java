package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Tool;

/** One attempt to run a tool: who asks, with what arguments, and the stub that stands in for the tool. */
public record ToolInvocation(String runId, String scenario, int step, String agent, Tool tool, String argsJson,
                             int attempt, ToolStub stub) {}
