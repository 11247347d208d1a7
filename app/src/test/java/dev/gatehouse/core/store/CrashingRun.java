package dev.gatehouse.core.store;

import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.Sandbox;
import dev.gatehouse.core.sandbox.Scenario;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.sandbox.ToolBackends;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of the crash test: runs one scenario over and over into an audit log, says {@code ready} once
 * some runs are committed, and goes on until it is killed.
 */
public final class CrashingRun {
    private CrashingRun() {
    }

    public static void main(String[] args) throws Exception {
        List<SourceInput> inputs = new WorkspaceFiles().readAll(List.of(Path.of(args[1])));
        Workspace ws = new WorkspaceReader().read(ScenarioFiles.split(inputs).manifests());
        String yaml = """
                apiVersion: gatehouse.dev/v1
                kind: Scenario
                metadata:
                  name: crash
                spec:
                  agent: research-agent
                  steps:
                    - call: {tool: web-search, args: {q: x}}
                    - model: {model: gpt-4o, tokens: 10}
                    - call: {tool: update-admin-password}
                """;
        Scenario s = new ScenarioReader().read(new SourceInput(new SourceId("crash.yaml"), yaml.getBytes(StandardCharsets.UTF_8)), ws).scenarios().get(0);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        try (AuditLog log = AuditLog.open(Path.of(args[0]))) {
            Sandbox sandbox = new Sandbox(DecisionEngine.compile(ws), ToolBackends.NONE, log);
            for (int i = 1; ; i++) {
                sandbox.run(s, "run-" + i);
                if (i == 50) {
                    out.println("ready");
                }
            }
        }
    }
}
