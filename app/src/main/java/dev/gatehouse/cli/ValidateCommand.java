package dev.gatehouse.cli;

import dev.gatehouse.core.report.DiagnosticsReport;
import dev.gatehouse.core.validate.ValidationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gatehouse validate PATH... [--format text|json|sarif]}: exit 0 without errors, 1 with, 2 on bad input. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Read manifests the way a YAML parser and Orloj read them, check fields, references and exposures.")
public final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json, sarif }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or folders (read recursively: .yaml, .yml, .json)")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (default: ${DEFAULT-VALUE})")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ValidationResult result;
        try {
            result = validate(paths);
        } catch (IOException e) {
            spec.commandLine().getErr().println("gatehouse: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        String rendered = switch (format) {
            case text -> DiagnosticsReport.text(result);
            case json -> DiagnosticsReport.json(result);
            case sarif -> DiagnosticsReport.sarif(result, GatehouseCommand.VERSION);
        };
        spec.commandLine().getOut().print(rendered);
        return result.hasErrors() ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
    }

    /** Scenario files are set aside (WorkspaceLoad): they are no manifests; {@code gatehouse test} reads them. */
    static ValidationResult validate(List<Path> paths) throws IOException {
        return WorkspaceLoad.of(paths).validation();
    }
}
