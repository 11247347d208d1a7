package dev.gatehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The top-level {@code gatehouse} command; sub-commands do the work. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Author, test and ship fail-closed governance manifests for AI agents (orloj.dev/v1).",
        subcommands = {ValidateCommand.class, DecideCommand.class, MatrixCommand.class, TestCommand.class, RunCommand.class, LogCommand.class, CodesCommand.class})
public final class GatehouseCommand implements Runnable {
    public static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run `gatehouse --help`");
    }

    /** A command line wired for our streams: usage errors print one line and exit 2, no stack traces. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new GatehouseCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("gatehouse: " + ex.getMessage());
            err.flush();
            return ExitCode.USAGE.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("gatehouse: internal error: " + ex);
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cl;
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gatehouse " + VERSION};
        }
    }
}
