package dev.gatehouse.core.sandbox;

import java.util.List;

/**
 * Where a run writes its audit rows, in order. A store may hold appended rows back to commit them in groups;
 * {@link #flush()} makes everything appended durable, and the runtime calls it before any tool that leaves the
 * process runs (an HTTP request, a child process) and at the end of every run: a real side effect never
 * happens before its decision is on disk. A canned stub has no side effect, so its rows may wait for the next
 * group. A sink that cannot write throws (an I/O failure), and the run stops.
 */
public interface AuditSink {
    AuditSink NONE = events -> {
    };

    void append(List<AuditEvent> events);

    /** Makes every appended row durable. */
    default void flush() {
    }

    /** Both sinks, in order (the store, then a printer that streams the log). */
    default AuditSink and(AuditSink next) {
        AuditSink first = this;
        return new AuditSink() {
            @Override
            public void append(List<AuditEvent> events) {
                first.append(events);
                next.append(events);
            }

            @Override
            public void flush() {
                first.flush();
                next.flush();
            }
        };
    }
}
