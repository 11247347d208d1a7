package dev.gatehouse.cli;

import dev.gatehouse.core.report.AuditReport;
import dev.gatehouse.core.sandbox.LoggedEvent;
import dev.gatehouse.core.store.AuditLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gatehouse log DB [--format text|jsonl] [--run ID]}: prints or exports an audit log. */
@Command(name = "log", mixinStandardHelpOptions = true, versionProvider = GatehouseCommand.Version.class,
        description = "Print an audit log, or export it as JSON Lines.")
public final class LogCommand implements Callable<Integer> {
    enum Format { text, jsonl }

    @Parameters(index = "0", paramLabel = "DB", description = "an audit log written by `gatehouse run --log` or `gatehouse test --log`")
    Path db;

    @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--run", paramLabel = "ID", description = "only this run")
    String run;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(db)) {
            spec.commandLine().getErr().println("gatehouse: no such audit log: " + db);
            return ExitCode.USAGE.code();
        }
        List<LoggedEvent> events;
        try (AuditLog log = AuditLog.open(db)) {
            events = run == null ? log.read() : log.read(run);
        } catch (AuditLog.AuditLogException e) {
            spec.commandLine().getErr().println("gatehouse: " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("gatehouse: " + e.getCause().getMessage());
            return ExitCode.USAGE.code();
        }
        spec.commandLine().getOut().print(format == Format.jsonl ? AuditReport.jsonl(events) : AuditReport.text(events));
        return ExitCode.OK.code();
    }
}
