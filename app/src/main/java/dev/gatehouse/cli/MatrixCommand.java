package dev.gatehouse.cli;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.report.DecisionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gatehouse matrix PATH... [--namespace N] [--system S] [--task K] [--models] [--format text|csv|json]}. */
@Command(name = "matrix", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Every agent x every tool (or model) of a namespace, each cell a strict and an orloj decision.")
public final class MatrixCommand implements Callable<Integer> {
    enum Format { text, csv, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders forming one workspace")
    List<Path> paths;

    @Option(names = "--namespace", defaultValue = "default", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--system", description = "narrow to the agents of this AgentSystem and decide in its context")
    String system;

    @Option(names = "--task", description = "narrow to the agents of this Task's system and decide in its context")
    String task;

    @Option(names = "--models", description = "agents x models instead of agents x tools")
    boolean models;

    @Option(names = "--format", defaultValue = "text", description = "text, csv or json (default: ${DEFAULT-VALUE})")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DecisionEngine engine;
        try {
            engine = DecisionEngine.compile(ValidateCommand.validate(paths).workspace());
        } catch (IOException e) {
            spec.commandLine().getErr().println("gatehouse: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        Context ctx = new Context(namespace, Optional.ofNullable(system), Optional.ofNullable(task));
        AccessMatrix m = models ? AccessMatrix.models(engine, ctx) : AccessMatrix.tools(engine, ctx);
        // Written as it is made: a large matrix does not fit in one string; and it stops once nobody reads it.
        GoneReaderGuard out = new GoneReaderGuard(spec.commandLine().getOut());
        try {
            switch (format) {
                case text -> DecisionReport.matrixText(m, out);
                case csv -> DecisionReport.matrixCsv(m, out);
                case json -> DecisionReport.matrixJson(m, out);
            }
            out.flush();
        } catch (GoneReaderGuard.ReaderGone e) {
            return ExitCode.OK.code(); // `gatehouse matrix … | head`: the reader had what it wanted
        } catch (IOException e) {
            spec.commandLine().getErr().println("gatehouse: cannot write the matrix: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        return ExitCode.OK.code();
    }
}
