package dev.gatehouse.core.sandbox;

/** Virtual-clock times as people read them: {@code 1m30s}, {@code 250ms}, {@code 0s}. */
public final class Durations {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private Durations() {
    }

    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 0) {
            return "-" + format(-nanos);
        }
        if (nanos < S) {
            return nanos % MS == 0 ? nanos / MS + "ms" : String.format(java.util.Locale.ROOT, "%.3fms", nanos / 1e6);
        }
        StringBuilder b = new StringBuilder();
        long h = nanos / (3600 * S);
        long m = nanos / (60 * S) % 60;
        long rest = nanos % (60 * S);
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (rest > 0) {
            if (rest % S == 0) {
                b.append(rest / S).append('s');
            } else {
                b.append(String.format(java.util.Locale.ROOT, "%.3f", rest / 1e9).replaceAll("0+$", "")).append('s');
            }
        }
        return b.toString();
    }
}
