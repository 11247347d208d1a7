package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Verdict;

import java.util.Objects;

/**
 * One verdict with its reason code and message (Orloj's exact message format for the orloj verdict).
 *
 * <p>Shaped and compared like a record {@code (verdict, reason, message)}, but a class: a decision made without
 * a trace carries its verdict and reason at once and builds its message only when asked, by re-running the
 * traced path ({@link FullAnswer}), because a matrix of a million cells must not build a million strings nobody
 * reads.
 */
public final class Decision {
    private final Verdict verdict;
    private final ReasonCode reason;
    private final FullAnswer source;
    private final boolean strictSide;
    private volatile String message;

    public Decision(Verdict verdict, ReasonCode reason, String message) {
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.message = Objects.requireNonNull(message, "message");
        this.source = null;
        this.strictSide = false;
    }

    /** A decision whose message is the one the traced path gives for the same question and side. */
    Decision(Verdict verdict, ReasonCode reason, FullAnswer source, boolean strictSide) {
        this.verdict = verdict;
        this.reason = reason;
        this.source = source;
        this.strictSide = strictSide;
    }

    public static Decision allow(ReasonCode reason, String message) {
        return new Decision(Verdict.ALLOW, reason, message);
    }

    public static Decision deny(ReasonCode reason, String message) {
        return new Decision(Verdict.DENY, reason, message);
    }

    public static Decision approval(ReasonCode reason, String message) {
        return new Decision(Verdict.APPROVAL_REQUIRED, reason, message);
    }

    public Verdict verdict() {
        return verdict;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String message() {
        String m = message;
        if (m == null) {
            Answer full = source.get();
            m = (strictSide ? full.strict() : full.orloj()).message();
            message = m;
        }
        return m;
    }

    /** Permissiveness: allow > approval_required > deny. */
    public boolean morePermissiveThan(Decision other) {
        return verdict.compareTo(other.verdict) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && d.verdict == verdict && d.reason == reason && d.message().equals(message());
    }

    @Override
    public int hashCode() {
        return (verdict.hashCode() * 31 + reason.hashCode()) * 31 + message().hashCode();
    }

    @Override
    public String toString() {
        return "Decision[verdict=" + verdict + ", reason=" + reason + ", message=" + message() + "]";
    }
}
