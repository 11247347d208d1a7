package dev.gatehouse.ui.common;

/** How views word a failure for the user: its message, or its kind when it has none (the trace goes to the log). */
public final class Failures {
    private Failures() {
    }

    public static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
