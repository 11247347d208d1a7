package dev.gatehouse.core.store;

import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.sandbox.AuditEvent;
import dev.gatehouse.core.sandbox.AuditSink;
import dev.gatehouse.core.sandbox.LoggedEvent;
import dev.gatehouse.core.sandbox.StepDecision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log: an SQLite file in WAL mode, one row per run start and end, decision, tool attempt and Orloj
 * note. Rows are committed in groups of up to {@value #GROUP} by one writer thread, in the order appended (a
 * transaction per row on the caller's thread would cap a run at a few thousand steps a second), and at every
 * {@link #flush()}, which waits for the commit and which the runtime calls before a real tool runs and when a
 * run ends. At most {@value #QUEUED} groups wait for the writer; beyond that {@link #append} waits too. One
 * thread appends (the run's); reads commit what is queued first, so they see every row appended before them. A run killed at any point leaves the file intact and every committed row readable, in order
 * (WAL replays or discards the tail on the next open); what it loses is at most the last uncommitted group of
 * canned-stub rows. {@code synchronous=NORMAL}: a process crash loses nothing committed; only a power cut may
 * lose the last transactions, never the file.
 *
 * <p>The schema is versioned with {@code PRAGMA user_version} and grows by {@link Migrations}; a log written by
 * a newer Gatehouse is refused rather than misread.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    private static final int COLUMNS = 19;
    /** Rows per INSERT statement: one statement step for many rows costs far less than one per row. */
    private static final int ROWS_PER_INSERT = 32;

    private static String insert(int rows) {
        String one = "(" + String.join(",", java.util.Collections.nCopies(COLUMNS, "?")) + ")";
        return "INSERT INTO events (run_id, scenario, step, type, agent, subject_kind, subject, "
                + "strict_verdict, strict_reason, strict_message, orloj_verdict, orloj_reason, orloj_message, exposure, "
                + "at_nanos, duration_nanos, outcome, detail, recorded_at) VALUES " + String.join(",", java.util.Collections.nCopies(rows, one));
    }

    static final int GROUP = 512;
    static final int QUEUED = 8;

    private final Connection db;
    private final Clock clock;
    private final List<AuditEvent> pending = new ArrayList<>();
    private final java.util.ArrayDeque<java.util.concurrent.Future<?>> queued = new java.util.ArrayDeque<>();
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gatehouse-audit-log");
        // A killed run loses its queued rows, not the file; a daemon writer never keeps a finished CLI alive.
        t.setDaemon(true);
        return t;
    });
    private PreparedStatement insert;
    private PreparedStatement insertMany;

    private AuditLog(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A log that cannot be opened or written. The CLI turns it into exit code 2. */
    public static final class AuditLogException extends IOException {
        public AuditLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static AuditLog open(Path file) throws AuditLogException {
        return open(file, Clock.systemUTC());
    }

    /** Opens or creates the log, migrating its schema to the current version. */
    public static AuditLog open(Path file, Clock clock) throws AuditLogException {
        return open(file, clock, Migrations.CURRENT);
    }

    static AuditLog open(Path file, Clock clock, int upTo) throws AuditLogException {
        Connection c = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode=WAL")) {
                    if (!rs.next() || !rs.getString(1).equalsIgnoreCase("wal")) {
                        throw new SQLException("the log cannot use write-ahead logging");
                    }
                }
                s.execute("PRAGMA synchronous=NORMAL");
            }
            Migrations.migrate(c, upTo);
            return new AuditLog(c, clock);
        } catch (SQLException | IOException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // The open already failed; that is the error to report.
                }
            }
            throw new AuditLogException("audit log " + file + ": " + message(e), e);
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public int schemaVersion() {
        flush();
        try {
            return Migrations.version(db);
        } catch (SQLException e) {
            throw new UncheckedIOException(new AuditLogException("audit log: " + message(e), e));
        }
    }

    /** Queues the events; a full group goes to the writer. Throws (and the run stops) when the log cannot be written. */
    @Override
    public void append(List<AuditEvent> events) {
        pending.addAll(events);
        if (pending.size() >= GROUP) {
            submit();
            while (queued.size() > QUEUED) {
                await(queued.poll());
            }
        }
    }

    /** Commits every queued row and waits until it is on disk. */
    @Override
    public void flush() {
        submit();
        while (!queued.isEmpty()) {
            await(queued.poll());
        }
    }

    private void submit() {
        if (pending.isEmpty()) {
            return;
        }
        List<AuditEvent> events = List.copyOf(pending);
        pending.clear();
        long now = clock.millis();
        queued.add(writer.submit(() -> write(events, now)));
    }

    private static void await(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u
                    : new UncheckedIOException(new AuditLogException("audit log write failed: " + e.getCause(), e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new AuditLogException("audit log write interrupted", e));
        }
    }

    /** On the writer thread: one transaction for the group. */
    private void write(List<AuditEvent> events, long now) {
        try {
            if (insert == null) {
                insert = db.prepareStatement(insert(1));
                insertMany = db.prepareStatement(insert(ROWS_PER_INSERT));
            }
            db.setAutoCommit(false);
            int i = 0;
            for (; i + ROWS_PER_INSERT <= events.size(); i += ROWS_PER_INSERT) {
                for (int r = 0; r < ROWS_PER_INSERT; r++) {
                    bind(insertMany, r * COLUMNS, events.get(i + r), now);
                }
                insertMany.executeUpdate();
            }
            for (; i < events.size(); i++) {
                bind(insert, 0, events.get(i), now);
                insert.executeUpdate();
            }
            db.commit();
        } catch (SQLException ex) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // The write already failed; that is the error to report.
            }
            throw new UncheckedIOException(new AuditLogException("audit log write failed: " + message(ex), ex));
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // Left in a transaction only if the connection is gone, which the next write reports.
            }
        }
    }

    private static void bind(PreparedStatement st, int offset, AuditEvent e, long now) throws SQLException {
        st.setString(offset + 1, e.runId());
        st.setString(offset + 2, e.scenario());
        st.setInt(offset + 3, e.step());
        st.setString(offset + 4, e.type().wireName());
        st.setString(offset + 5, e.agent());
        st.setString(offset + 6, e.subjectKind());
        st.setString(offset + 7, e.subject());
        decision(st, offset + 8, e.strict());
        decision(st, offset + 11, e.orloj());
        nullable(st, offset + 14, e.exposure());
        st.setLong(offset + 15, e.atNanos());
        st.setLong(offset + 16, e.durationNanos());
        st.setString(offset + 17, e.outcome());
        st.setString(offset + 18, e.detail());
        st.setLong(offset + 19, now);
    }

    private static void decision(PreparedStatement st, int at, Optional<StepDecision> d) throws SQLException {
        nullable(st, at, d.map(x -> x.verdict().wireName()));
        nullable(st, at + 1, d.map(StepDecision::reason));
        nullable(st, at + 2, d.map(StepDecision::message));
    }

    private static void nullable(PreparedStatement st, int at, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            st.setString(at, value.get());
        } else {
            st.setNull(at, Types.VARCHAR);
        }
    }

    /** Every row, in the order written (queued rows are committed first). */
    public List<LoggedEvent> read() {
        return query("SELECT * FROM events ORDER BY id", null);
    }

    /** The rows of one run, in the order written. */
    public List<LoggedEvent> read(String runId) {
        return query("SELECT * FROM events WHERE run_id = ? ORDER BY id", runId);
    }

    /** Run ids in the order the runs started. */
    public List<String> runIds() {
        flush();
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT run_id FROM events WHERE type = 'run_started' ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new AuditLogException("audit log read failed: " + message(e), e));
        }
        return out;
    }

    /** {@code run-N}, one more than the runs already in the log: stable ids, no clock, no randomness. */
    public String nextRunId() {
        return "run-" + (runIds().size() + 1);
    }

    /** SQLite's own check of the file: {@code ok} when intact. */
    public String integrityCheck() {
        flush();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no answer";
        } catch (SQLException e) {
            throw new UncheckedIOException(new AuditLogException("audit log check failed: " + message(e), e));
        }
    }

    private List<LoggedEvent> query(String sql, String runId) {
        flush();
        List<LoggedEvent> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            if (runId != null) {
                q.setString(1, runId);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new LoggedEvent(rs.getLong("id"), rs.getLong("recorded_at"), new AuditEvent(rs.getString("run_id"), rs.getString("scenario"),
                            rs.getInt("step"), AuditEvent.Type.fromWire(rs.getString("type")), rs.getString("agent"), rs.getString("subject_kind"),
                            rs.getString("subject"), decision(rs, "strict"), decision(rs, "orloj"), Optional.ofNullable(rs.getString("exposure")),
                            rs.getLong("at_nanos"), rs.getLong("duration_nanos"), rs.getString("outcome"), rs.getString("detail"))));
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new AuditLogException("audit log read failed: " + message(e), e));
        }
        return out;
    }

    private static Optional<StepDecision> decision(ResultSet rs, String side) throws SQLException {
        String verdict = rs.getString(side + "_verdict");
        if (verdict == null) {
            return Optional.empty();
        }
        return Optional.of(new StepDecision(Verdict.fromWire(verdict), rs.getString(side + "_reason"), rs.getString(side + "_message")));
    }

    /** Commits what is queued and closes the file. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            writer.shutdown();
        }
        try {
            if (insert != null) {
                insert.close();
                insertMany.close();
            }
            db.close();
        } catch (SQLException e) {
            throw new UncheckedIOException(new AuditLogException("audit log close failed: " + message(e), e));
        }
    }
}
