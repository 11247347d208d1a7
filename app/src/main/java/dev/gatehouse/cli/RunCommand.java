package dev.gatehouse.cli;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.report.AuditReport;
import dev.gatehouse.core.report.ScenarioReport;
import dev.gatehouse.core.sandbox.AuditSink;
import dev.gatehouse.core.sandbox.RunResult;
import dev.gatehouse.core.sandbox.Sandbox;
import dev.gatehouse.core.sandbox.Scenario;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.sandbox.LocalTools;
import dev.gatehouse.core.store.AuditLog;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse run SCENARIO [--workspace PATH]... [--log DB]}: runs the scenarios of one file and streams the
 * audit log as it is written. The workspace defaults to the folder that holds the scenario's {@code scenarios/}
 * folder (or the scenario's own folder). Exit codes as {@code gatehouse test}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Run one scenario file in the sandbox and stream its audit log.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario file (apiVersion: gatehouse.dev/v1, kind: Scenario)")
    Path scenario;

    @Option(names = "--workspace", paramLabel = "PATH", description = "the manifests (default: the scenario's workspace folder)")
    List<Path> workspace;

    @Option(names = "--log", paramLabel = "DB", description = "append the run to this SQLite audit log")
    Path log;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceInput input;
        WorkspaceLoad load;
        try {
            WorkspaceFiles files = new WorkspaceFiles();
            input = files.read(scenario);
            load = WorkspaceLoad.of(workspace == null ? List.of(defaultWorkspace(scenario)) : workspace);
        } catch (IOException e) {
            err.println("gatehouse: cannot read " + scenario + ": " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (!ScenarioFiles.isScenario(input)) {
            err.println("gatehouse: " + scenario + " is not a scenario file (apiVersion: gatehouse.dev/v1, kind: Scenario)");
            return ExitCode.USAGE.code();
        }
        DecisionEngine engine = DecisionEngine.compile(load.validation().workspace());
        ScenarioReader.Reading reading = new ScenarioReader().read(input, engine.workspace());
        reading.diagnostics().forEach(d -> out.print(ScenarioReport.diagnostic(d)));
        if (reading.hasErrors()) {
            out.flush();
            return ExitCode.USAGE.code();
        }
        boolean passed = true;
        AuditSink printer = events -> {
            events.forEach(e -> out.println(AuditReport.line(e)));
            out.flush();
        };
        try (LocalTools tools = new LocalTools(); AuditLog audit = log == null ? null : AuditLog.open(log)) {
            Sandbox sandbox = new Sandbox(engine, tools.backends(), audit == null ? printer : audit.and(printer));
            int i = 0;
            for (Scenario s : reading.scenarios()) {
                RunResult r = sandbox.run(s, audit == null ? "run-" + ++i : audit.nextRunId());
                out.print(r.passed() ? "PASS " : "FAIL ");
                out.println(s.name().value() + ": " + r.outcome().wireName() + " (" + r.outcomeReason() + ")");
                r.steps().forEach(st -> st.failures().forEach(f -> out.println("  step " + st.label() + ": " + f)));
                r.failures().forEach(f -> out.println("  " + f));
                passed &= r.passed();
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("gatehouse: " + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()));
            return ExitCode.USAGE.code();
        }
        return passed ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    /** {@code ws/scenarios/x.yaml} → {@code ws}; {@code dir/x.yaml} → {@code dir}. */
    static Path defaultWorkspace(Path scenario) {
        Path dir = scenario.toAbsolutePath().normalize().getParent();
        return dir.getFileName() != null && dir.getFileName().toString().equals("scenarios") && dir.getParent() != null ? dir.getParent() : dir;
    }
}
