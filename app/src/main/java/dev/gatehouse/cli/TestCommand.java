package dev.gatehouse.cli;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.report.CoverageReport;
import dev.gatehouse.core.report.ScenarioReport;
import dev.gatehouse.core.sandbox.AuditSink;
import dev.gatehouse.core.sandbox.DecisionCoverage;
import dev.gatehouse.core.sandbox.RunResult;
import dev.gatehouse.core.sandbox.Sandbox;
import dev.gatehouse.core.sandbox.Scenario;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.sandbox.LocalTools;
import dev.gatehouse.core.store.AuditLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse test PATH... [--junit FILE] [--format text|json] [--coverage] [--log DB]}: runs every scenario of
 * the workspace in the sandbox; {@code --coverage} adds which matrix cells the scenarios exercised. Exit 0 when
 * every expectation holds, 1 when one fails, 2 when a scenario file does not read or a path cannot be read.
 */
@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Run the workspace's scenarios (gatehouse.dev/v1 Scenario files) in the fail-closed sandbox and check their expectations.")
public final class TestCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders forming one workspace, scenarios included")
    List<Path> paths;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write JUnit XML here")
    Path junit;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--coverage", description = "also report which agents x tools and agents x models cells the scenarios exercised")
    boolean coverage;

    @Option(names = "--log", paramLabel = "DB", description = "append every decision and execution to this SQLite audit log")
    Path log;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkspaceLoad load;
        try {
            load = WorkspaceLoad.of(paths);
        } catch (IOException e) {
            err.println("gatehouse: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (load.scenarios().isEmpty()) {
            err.println("gatehouse: no scenario files (apiVersion: gatehouse.dev/v1, kind: Scenario) under " + paths.get(0)
                    + (paths.size() > 1 ? " and the other paths" : ""));
            return ExitCode.USAGE.code();
        }
        DecisionEngine engine = DecisionEngine.compile(load.validation().workspace());
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        ScenarioReader reader = new ScenarioReader();
        for (SourceInput in : load.scenarios()) {
            ScenarioReader.Reading r = reader.read(in, engine.workspace());
            diagnostics.addAll(r.diagnostics());
            scenarios.addAll(r.scenarios());
        }
        boolean text = format == Format.text;
        if (text) {
            diagnostics.forEach(d -> out.print(ScenarioReport.diagnostic(d)));
        }
        List<RunResult> runs = new ArrayList<>();
        try (LocalTools tools = new LocalTools(); AuditLog audit = log == null ? null : AuditLog.open(log)) {
            Sandbox sandbox = new Sandbox(engine, tools.backends(), audit == null ? AuditSink.NONE : audit);
            int i = 0;
            for (Scenario s : scenarios) {
                if (text) {
                    out.println(ScenarioReport.progress(++i, scenarios.size(), s));
                    out.flush();
                }
                RunResult r = sandbox.run(s, audit == null ? "run-" + i : audit.nextRunId());
                runs.add(r);
                if (text) {
                    out.print(ScenarioReport.run(r));
                    out.flush();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            err.println("gatehouse: " + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()));
            return ExitCode.USAGE.code();
        }
        ScenarioReport.Suite suite = new ScenarioReport.Suite(runs, diagnostics);
        Optional<DecisionCoverage> cov = coverage ? Optional.of(DecisionCoverage.of(engine, runs)) : Optional.empty();
        if (text) {
            cov.ifPresent(c -> out.print("\n" + CoverageReport.text(c) + "\n"));
            out.println(ScenarioReport.summary(suite));
        } else {
            out.print(ScenarioReport.json(suite, cov));
        }
        if (junit != null) {
            try {
                AtomicFile.write(junit, ScenarioReport.junit(suite));
            } catch (IOException e) {
                err.println("gatehouse: cannot write " + junit + ": " + e.getMessage());
                return ExitCode.USAGE.code();
            }
        }
        if (suite.invalid()) {
            return ExitCode.USAGE.code();
        }
        return suite.failed() > 0 ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
    }
}
