package dev.gatehouse.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The audit log's schema, one migration per version, applied in order inside one transaction each and recorded in
 * {@code PRAGMA user_version}. Migrations are only ever appended: a released version's statements never change.
 */
final class Migrations {
    private static final List<List<String>> STEPS = List.of(
            // 1: one row per event.
            List.of("CREATE TABLE events ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, scenario TEXT NOT NULL, step INTEGER NOT NULL, "
                    + "type TEXT NOT NULL, agent TEXT NOT NULL, subject_kind TEXT NOT NULL, subject TEXT NOT NULL, "
                    + "strict_verdict TEXT, strict_reason TEXT, strict_message TEXT, orloj_verdict TEXT, orloj_reason TEXT, "
                    + "orloj_message TEXT, exposure TEXT, at_nanos INTEGER NOT NULL, duration_nanos INTEGER NOT NULL, "
                    + "outcome TEXT NOT NULL, detail TEXT NOT NULL)"),
            // 2: when each row was written (wall clock), and run look-ups without a scan.
            List.of("ALTER TABLE events ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0",
                    "CREATE INDEX events_run ON events (run_id, id)"));

    static final int CURRENT = STEPS.size();

    private Migrations() {
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings the schema to version {@code upTo}; refuses a log newer than this build knows. */
    static void migrate(Connection c, int upTo) throws SQLException {
        int at = version(c);
        if (at > CURRENT) {
            throw new SQLException("schema version " + at + " is newer than this gatehouse reads (" + CURRENT + ")");
        }
        for (int v = at; v < upTo; v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : STEPS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
