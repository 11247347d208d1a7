package dev.gatehouse.core.parse;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Go's value formats as Orloj parses them: {@code time.ParseDuration} and {@code strconv.Atoi}. */
public final class GoValues {
    private static final Pattern DURATION = Pattern.compile("[-+]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern UNIT = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

    private GoValues() {
    }

    /** True when Go's {@code time.ParseDuration} accepts the text (a bare 0 included). */
    public static boolean isDuration(String s) {
        if (s.equals("0") || s.equals("+0") || s.equals("-0")) {
            return true;
        }
        return DURATION.matcher(s).matches() && durationNanos(s).isPresent();
    }

    /** The duration in nanoseconds, or empty when it does not parse or overflows int64. */
    public static OptionalLong durationNanos(String s) {
        if (s.equals("0") || s.equals("+0") || s.equals("-0")) {
            return OptionalLong.of(0);
        }
        if (!DURATION.matcher(s).matches()) {
            return OptionalLong.empty();
        }
        boolean negative = s.startsWith("-");
        String rest = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        java.util.regex.Matcher m = UNIT.matcher(rest);
        while (m.find()) {
            String number = m.group(1);
            if (number.isEmpty() || number.equals(".")) {
                return OptionalLong.empty();
            }
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.add(new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(unit)));
        }
        java.math.BigInteger nanos = total.toBigInteger();
        if (nanos.bitLength() > 63) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(negative ? -nanos.longValue() : nanos.longValue());
    }

    /** {@code strconv.Atoi} on a 64-bit platform. */
    public static OptionalLong atoi(String s) {
        if (!INTEGER.matcher(s).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
