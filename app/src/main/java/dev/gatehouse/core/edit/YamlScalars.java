package dev.gatehouse.core.edit;

import dev.gatehouse.core.parse.ScalarStyle;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a string as a YAML scalar that a YAML 1.1 parser and Orloj's line reader (trim, then strip one pair of
 * matching quotes, no escapes, no comments) read as the same string: plain when nothing in it means something to
 * either reader, else quoted in a style without escapes.
 */
final class YamlScalars {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./:@+=()', -]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** What a YAML 1.1 reader may take for a number or a date: a digit first (after a sign or dot), or .inf/.nan. */
    private static final Pattern KEY_NUMBER = Pattern.compile("[-+.]?[0-9].*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    private static final Set<String> NULLS = Set.of("", "null", "Null", "NULL", "~");
    private static final Set<String> SPECIAL = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
            "null", "Null", "NULL", "~");

    private YamlScalars() {
    }

    /**
     * {@code value} as a scalar, in {@code like}'s quoting when that is quoted (so an edited file keeps its style),
     * else plain when safe, else double- or single-quoted. {@code integer} allows a plain integer (an int field).
     * Empty when no style reads the same in both readers (a line break, a control character, both quote kinds, a
     * YAML null word).
     */
    static Optional<String> render(String value, ScalarStyle like, boolean integer) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
        }
        if (NULLS.contains(value.strip())) {
            return Optional.empty(); // Gatehouse's emulation of Orloj's reader reads these as no value, quoted or not
        }
        boolean quoted = like == ScalarStyle.SINGLE_QUOTED || like == ScalarStyle.DOUBLE_QUOTED;
        if (!quoted && plainSafe(value, integer)) {
            return Optional.of(value);
        }
        boolean singleFirst = like == ScalarStyle.SINGLE_QUOTED;
        Optional<String> first = singleFirst ? single(value) : dbl(value);
        return first.isPresent() ? first : singleFirst ? dbl(value) : single(value);
    }

    /** An integer or a YAML 1.1 / Go boolean both readers take as such when plain: what an int or bool field is written as. */
    static boolean literal(String value) {
        return INTEGER.matcher(value).matches() || value.equals("true") || value.equals("false");
    }

    static boolean plainSafe(String value, boolean integer) {
        if (integer && INTEGER.matcher(value).matches()) {
            return true;
        }
        return PLAIN.matcher(value).matches() && !Character.isDigit(value.charAt(0)) && !SPECIAL.contains(value)
                && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":") && !value.endsWith(" ");
    }

    /**
     * Whether {@code key} can be written as a plain mapping key that a YAML 1.1 parser and Orloj's line reader
     * (split on the first {@code :}, trimmed, quotes kept) both read as this string. Quoting cannot help: the line
     * reader keeps a key's quotes. So no {@code :} anywhere, no comment or flow indicator, no leading indicator
     * ({@code -?:,[]{}#&*!|>'"%@`}), no surrounding space or control character, and nothing a YAML 1.1 reader
     * resolves to another type (booleans, nulls, numbers and dates, {@code <<}, {@code =}). Letters of any script are fine.
     */
    static boolean keySafe(String key) {
        if (key.isEmpty() || !key.equals(key.strip()) || NULLS.contains(key) || SPECIAL.contains(key)
                || key.equals("<<") || key.equals("=") || KEY_NUMBER.matcher(key).matches()) {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(key.charAt(0)) >= 0 || key.contains(":") || key.contains(" #")) {
            return false;
        }
        return key.codePoints().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || c == 0xfeff || c == 0xfffe || c == 0xffff || Character.getType(c) == Character.SURROGATE
                || ",[]{}".indexOf(c) >= 0);
    }

    private static Optional<String> dbl(String value) {
        return value.contains("\"") || value.contains("\\") ? Optional.empty() : Optional.of("\"" + value + "\"");
    }

    private static Optional<String> single(String value) {
        return value.contains("'") ? Optional.empty() : Optional.of("'" + value + "'");
    }
}
