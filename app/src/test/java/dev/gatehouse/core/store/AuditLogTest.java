package dev.gatehouse.core.store;

import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.sandbox.AuditEvent;
import dev.gatehouse.core.sandbox.LoggedEvent;
import dev.gatehouse.core.sandbox.StepDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static AuditEvent decision(String run, int step) {
        return new AuditEvent(run, "s", step, AuditEvent.Type.DECISION, "a", "tool", "t",
                Optional.of(new StepDecision(Verdict.DENY, "not_declared", "Tool not available")),
                Optional.of(new StepDecision(Verdict.ALLOW, "no_roles_no_rules", "ok")), Optional.of("F1"), 5, 0, "refused", "d");
    }

    @Test
    void everyFieldComesBackAsWritten(@TempDir Path dir) throws Exception {
        AuditEvent started = new AuditEvent("run-1", "s", 0, AuditEvent.Type.RUN_STARTED, "", "", "", Optional.empty(), Optional.empty(),
                Optional.empty(), 0, 0, "", "scenario s");
        try (AuditLog log = AuditLog.open(dir.resolve("audit.db"), CLOCK)) {
            log.append(List.of(started, decision("run-1", 1)));
            assertEquals(List.of(new LoggedEvent(1, CLOCK.millis(), started), new LoggedEvent(2, CLOCK.millis(), decision("run-1", 1))), log.read());
            assertEquals(List.of("run-1"), log.runIds());
            assertEquals("run-2", log.nextRunId());
            assertEquals(List.of(new LoggedEvent(2, CLOCK.millis(), decision("run-1", 1))), log.read("run-1").subList(1, 2));
        }
    }

    @Test
    void theLogIsInWalModeWithAVersionedSchema(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit.db");
        try (AuditLog log = AuditLog.open(db, CLOCK)) {
            log.append(List.of(decision("run-1", 1)));
            assertEquals(Migrations.CURRENT, log.schemaVersion());
            assertTrue(Files.exists(dir.resolve("audit.db-wal")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void anOlderLogIsMigratedAndKeepsItsRows(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit.db");
        AuditLog.open(db, CLOCK, 1).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO events (run_id, scenario, step, type, agent, subject_kind, subject, at_nanos, duration_nanos, outcome, detail) "
                    + "VALUES ('run-1', 'old', 0, 'run_started', '', '', '', 0, 0, '', 'written by schema 1')");
        }
        try (AuditLog log = AuditLog.open(db, CLOCK)) {
            assertEquals(2, log.schemaVersion());
            assertEquals(List.of("written by schema 1"), log.read().stream().map(e -> e.event().detail()).toList());
            assertEquals(0, log.read().get(0).recordedAtMillis());
        }
    }

    @Test
    void aLogFromANewerGatehouseIsRefused(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 9");
        }
        AuditLog.AuditLogException e = assertThrows(AuditLog.AuditLogException.class, () -> AuditLog.open(db, CLOCK));
        assertEquals("audit log " + db + ": schema version 9 is newer than this gatehouse reads (2)", e.getMessage());
    }

    @Test
    void aFileThatIsNotALogIsRefused(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("notes.txt");
        Files.writeString(db, "not a database, just some text that is long enough to fill a header page ".repeat(20));
        assertThrows(AuditLog.AuditLogException.class, () -> AuditLog.open(db, CLOCK));
    }

    @Test
    void aRunKilledWithSigkillLeavesTheLogIntact(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingRun.class.getName(),
                db.toString(), "../samples/seed").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("ready", line);
            // Mid-run: the child keeps writing; SIGKILL gives it no chance to finish a transaction or close the file.
            Thread.sleep(50);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue());
        }
        try (AuditLog log = AuditLog.open(db, CLOCK)) {
            assertEquals("ok", log.integrityCheck());
            List<LoggedEvent> rows = log.read();
            Map<String, List<AuditEvent>> byRun = rows.stream().map(LoggedEvent::event)
                    .collect(Collectors.groupingBy(AuditEvent::runId, java.util.LinkedHashMap::new, Collectors.toList()));
            assertTrue(byRun.size() >= 50, "runs kept: " + byRun.size());
            // Every run but the last one finished: 1 start, 3 decisions, 1 attempt, 1 end.
            List<List<AuditEvent>> runs = List.copyOf(byRun.values());
            for (List<AuditEvent> run : runs.subList(0, runs.size() - 1)) {
                assertEquals(List.of(AuditEvent.Type.RUN_STARTED, AuditEvent.Type.DECISION, AuditEvent.Type.ATTEMPT, AuditEvent.Type.DECISION,
                        AuditEvent.Type.DECISION, AuditEvent.Type.RUN_FINISHED), run.stream().map(AuditEvent::type).toList());
            }
            // The log takes new runs after the crash.
            log.append(List.of(decision(log.nextRunId(), 1)));
            assertEquals(rows.size() + 1, log.read().size());
        }
    }
}
