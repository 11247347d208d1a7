package dev.gatehouse.cli;

import dev.gatehouse.core.report.DiagnosticsReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code gatehouse codes}: prints the table of diagnostic codes (docs/diagnostics.md is this output). */
@Command(name = "codes", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Print every diagnostic code as a Markdown table.")
public final class CodesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(DiagnosticsReport.codeTable());
        return ExitCode.OK.code();
    }
}
