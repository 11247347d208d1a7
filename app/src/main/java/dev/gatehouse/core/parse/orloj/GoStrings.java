package dev.gatehouse.core.parse.orloj;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The few Go standard-library string functions Orloj's line readers rely on, with Go's exact semantics. Java's
 * {@code String.trim}, {@code Long.parseLong} and {@code toLowerCase} differ from them at the edges (tabs and
 * unicode spaces, unicode digits, special casing), and those edges are where Orloj and a YAML parser disagree.
 */
final class GoStrings {
    private GoStrings() {
    }

    /** unicode.IsSpace, which strings.TrimSpace uses: ASCII and Latin-1 spaces plus the Unicode White_Space set. */
    static boolean isSpace(char c) {
        switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** Index of the first character strings.TrimSpace keeps, searching s from {@code from}. */
    static int trimStart(String s, int from, int to) {
        int i = from;
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index one past the last character strings.TrimSpace keeps in s[from:to]. */
    static int trimEnd(String s, int from, int to) {
        int j = to;
        while (j > from && isSpace(s.charAt(j - 1))) {
            j--;
        }
        return j;
    }

    /** strings.TrimSpace. */
    static String trimSpace(String s) {
        int start = trimStart(s, 0, s.length());
        return s.substring(start, trimEnd(s, start, s.length()));
    }

    /** manifest_parser.go#leadingSpaces: counts ' ' only, so a tab ends the indentation. */
    static int leadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * manifest_parser.go#stripQuotes: trim, then drop one enclosing pair of {@code "} or {@code '}. Escapes are
     * not processed.
     */
    static String stripQuotes(String s) {
        s = trimSpace(s);
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '"' && last == '"') || (first == '\'' && last == '\'')) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    /**
     * strconv.Atoi on a 64-bit platform, and strconv.ParseInt(s, 10, 64): an optional sign and ASCII decimal
     * digits, nothing else (no underscores, no prefix, no spaces), within the int64 range.
     */
    static OptionalLong atoi(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (i >= s.length()) {
            return OptionalLong.empty();
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long acc = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            int d = c - '0';
            // Accumulate negatively, as Long.parseLong does, so that Long.MIN_VALUE is reachable.
            if (acc < limit / 10) {
                return OptionalLong.empty();
            }
            acc *= 10;
            if (acc < limit + d) {
                return OptionalLong.empty();
            }
            acc -= d;
        }
        return OptionalLong.of(negative ? acc : -acc);
    }

    /** strings.EqualFold(s, "true") || s == "1": how Orloj reads a YAML boolean. */
    static boolean goBool(String s) {
        return s.equals("1") || (s.length() == 4 && (s.charAt(0) | 0x20) == 't' && (s.charAt(1) | 0x20) == 'r'
                && (s.charAt(2) | 0x20) == 'u' && (s.charAt(3) | 0x20) == 'e');
    }

    /** strings.ToLower: the simple per-rune mapping (Java's String.toLowerCase applies special casing). */
    static String toLower(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
        return b.toString();
    }

    /** fmt's %q verb, that is strconv.Quote: Go escapes, non-printable runes as hex escapes (x, u or U forms). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"' || cp == '\\') {
                b.append('\\').appendCodePoint(cp);
            } else if (isPrint(cp)) {
                b.appendCodePoint(cp);
            } else {
                switch (cp) {
                    case 0x07 -> b.append("\\a");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case 0x0B -> b.append("\\v");
                    default -> {
                        if (cp < ' ' || cp == 0x7F) {
                            b.append("\\x").append(hex(cp, 2));
                        } else if (Character.isSurrogate((char) cp)) {
                            b.append("\\ufffd");
                        } else if (cp < 0x10000) {
                            b.append("\\u").append(hex(cp, 4));
                        } else {
                            b.append("\\U").append(hex(cp, 8));
                        }
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String hex(int v, int width) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /**
     * Go's {@code s[from:]} on the UTF-8 bytes of s, as the text Orloj would send on: a cut through a multi-byte
     * character leaves stray continuation bytes, which encoding/json writes as one U+FFFD each.
     */
    static String byteSuffix(String s, int from) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int i = from;
        StringBuilder b = new StringBuilder();
        while (i < bytes.length && (bytes[i] & 0xC0) == 0x80) {
            b.append('\uFFFD');
            i++;
        }
        return b.append(new String(bytes, i, bytes.length - i, StandardCharsets.UTF_8)).toString();
    }
}
