package dev.gatehouse.core.sandbox;

import java.util.Optional;

/**
 * One row of the audit log: a run starting or ending, a step's decision (both verdicts, the reason, the
 * exposure), one attempt of a tool, or a note on what Orloj would have done. {@code atNanos} is the virtual
 * clock when it happened, {@code durationNanos} how long it took on that clock. Text fields that do not apply
 * are empty.
 */
public record AuditEvent(String runId, String scenario, int step, Type type, String agent, String subjectKind, String subject,
                         Optional<StepDecision> strict, Optional<StepDecision> orloj, Optional<String> exposure,
                         long atNanos, long durationNanos, String outcome, String detail) {

    public enum Type {
        RUN_STARTED("run_started"), DECISION("decision"), ATTEMPT("attempt"), ORLOJ_NOTE("orloj_note"), RUN_FINISHED("run_finished");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Type fromWire(String s) {
            for (Type t : values()) {
                if (t.wireName.equals(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("not an audit event type: " + s);
        }
    }
}
