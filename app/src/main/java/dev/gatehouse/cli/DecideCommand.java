package dev.gatehouse.cli;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.report.DecisionReport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code gatehouse decide PATH... --agent A (--tool T | --model M | --resource R --action X)}: both verdicts, the
 * exposure, what is missing, and the trace. Exit 0 whatever the decision.
 */
@Command(name = "decide", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Decide one question (tool call, model use or data access) and explain it.")
public final class DecideCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders forming one workspace")
    List<Path> paths;

    @Option(names = "--agent", required = true, description = "the agent asking")
    String agent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    static final class Subject {
        @Option(names = "--tool", description = "a tool call")
        String tool;

        @Option(names = "--model", description = "a model id (or a ModelEndpoint name, resolved to its default_model)")
        String model;

        @ArgGroup(exclusive = false)
        Data data;
    }

    static final class Data {
        @Option(names = "--resource", required = true, description = "a data resource path")
        String resource;

        @Option(names = "--action", required = true, description = "the data action, e.g. read")
        String action;
    }

    @Option(names = "--namespace", defaultValue = "default", description = "namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--system", description = "the AgentSystem the call runs in")
    String system;

    @Option(names = "--task", description = "the Task the call runs in (its system follows)")
    String task;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
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
        TraceSink.Recording trace = new TraceSink.Recording();
        Answer answer;
        String kind;
        String what;
        if (subject.tool != null) {
            answer = engine.decideTool(agent, subject.tool, ctx, trace);
            kind = "tool";
            what = subject.tool;
        } else if (subject.model != null) {
            answer = engine.decideModel(agent, subject.model, ctx, trace);
            kind = "model";
            what = subject.model;
        } else {
            answer = engine.decideData(agent, subject.data.resource, subject.data.action, ctx, trace);
            kind = "data";
            what = subject.data.resource + " (" + subject.data.action + ")";
        }
        String context = (system == null ? "" : "system " + system) + (system != null && task != null ? ", " : "") + (task == null ? "" : "task " + task);
        spec.commandLine().getOut().print(format == Format.json ? DecisionReport.json(answer)
                : DecisionReport.text(new DecisionReport.Question(namespace, agent, kind, what, context), answer));
        return ExitCode.OK.code();
    }
}
