package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Workspaces and scenarios for the sandbox tests: the samples on disk, or small in-memory files. */
final class SandboxFixtures {
    private SandboxFixtures() {
    }

    static Workspace sample(String name) {
        try {
            List<SourceInput> inputs = new WorkspaceFiles().readAll(List.of(Path.of("../samples/" + name)));
            return new WorkspaceReader().read(ScenarioFiles.split(inputs).manifests());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workspace of(Map<String, String> files) {
        List<SourceInput> inputs = new ArrayList<>();
        new TreeMap<>(files).forEach((n, t) -> inputs.add(input(n, t)));
        return new WorkspaceReader().read(inputs);
    }

    static SourceInput input(String name, String text) {
        return new SourceInput(new SourceId(name), text.getBytes(StandardCharsets.UTF_8));
    }

    static ScenarioReader.Reading read(Workspace ws, String yaml) {
        return new ScenarioReader().read(input("scenario.yaml", yaml), ws);
    }

    /** The one scenario of the text, failing the test with the diagnostics when it has errors. */
    static Scenario scenario(Workspace ws, String yaml) {
        ScenarioReader.Reading r = read(ws, yaml);
        if (r.hasErrors() || r.scenarios().size() != 1) {
            throw new AssertionError("scenario does not read: " + r.diagnostics().stream().map(Diagnostic::message).toList());
        }
        return r.scenarios().get(0);
    }

    static Sandbox sandbox(Workspace ws, AuditSink audit) {
        return new Sandbox(DecisionEngine.compile(ws), ToolBackends.NONE, audit);
    }

    static RunResult run(Workspace ws, String yaml) {
        return sandbox(ws, AuditSink.NONE).run(scenario(ws, yaml), "run-1");
    }

    /** Keeps every audit row, how many appends they came in, and which rows a flush made durable. */
    static final class RecordingSink implements AuditSink {
        final List<AuditEvent> events = new ArrayList<>();
        final List<AuditEvent> durable = new ArrayList<>();
        int appends;

        @Override
        public void append(List<AuditEvent> batch) {
            appends++;
            events.addAll(batch);
        }

        @Override
        public void flush() {
            durable.clear();
            durable.addAll(events);
        }
    }
}
