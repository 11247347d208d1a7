package dev.gatehouse.core.sandbox;

/** An audit row as a log gives it back: its position in the log, the wall-clock time it was written, the event. */
public record LoggedEvent(long seq, long recordedAtMillis, AuditEvent event) {}
