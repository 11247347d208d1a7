package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.parse.GoValues;

/**
 * A Tool's {@code runtime} as Orloj's {@code #callWithPolicy} applies it (ORLOJ.md §6.3): each attempt gets
 * {@code timeout} (zero or negative: no deadline, F12); up to {@code maxAttempts}, only retryable errors are
 * retried; the wait before attempt n+1 is {@code backoff * 2^(n-1)} with the exponent capped at 10 and the wait
 * at {@code max_backoff}; jitter takes a deterministic fraction of it.
 */
public record RetryPolicy(long timeoutNanos, int maxAttempts, long backoffNanos, long maxBackoffNanos, String jitter) {
    public static RetryPolicy of(Tool t) {
        Tool.Runtime r = t.runtime();
        long timeout = GoValues.durationNanos(r.timeout().value()).orElse(30_000_000_000L);
        return new RetryPolicy(Math.max(0, timeout), Math.max(1, r.maxAttempts()),
                Math.max(0, GoValues.durationNanos(r.backoff()).orElse(0)),
                Math.max(0, GoValues.durationNanos(r.maxBackoff()).orElse(30_000_000_000L)), r.jitter());
    }

    public boolean hasDeadline() {
        return timeoutNanos > 0;
    }

    /** The wait after failed attempt {@code attempt} (1-based) before the next one. */
    public long waitAfter(int attempt, String tool) {
        if (backoffNanos <= 0) {
            return 0;
        }
        int exponent = Math.min(attempt - 1, 10);
        double delay = Math.min((double) backoffNanos * (1L << exponent), (double) maxBackoffNanos);
        double fraction = fraction(tool + ":" + attempt);
        double jittered = switch (jitter) {
            case "full" -> delay * fraction;
            case "equal" -> delay / 2 + delay / 2 * fraction;
            default -> delay;
        };
        return (long) jittered;
    }

    /** FNV-1a 32 of the text as a fraction in [0, 1): deterministic, so runs replay exactly. */
    static double fraction(String text) {
        int h = 0x811c9dc5;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return (h & 0xffffffffL) / 4294967296.0;
    }
}
