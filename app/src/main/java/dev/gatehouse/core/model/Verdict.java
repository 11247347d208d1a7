package dev.gatehouse.core.model;

/** An operation-rule or decision verdict; the order is the restrictiveness ranking (deny is the most). */
public enum Verdict {
    ALLOW("allow"), APPROVAL_REQUIRED("approval_required"), DENY("deny");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Verdict fromWire(String s) {
        for (Verdict v : values()) {
            if (v.wireName.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verdict: " + s);
    }

    /** The more restrictive of the two. */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
