package dev.gatehouse.core.parse.orloj;

/**
 * encoding/json#Valid: whether Orloj's readers take their JSON branch. One RFC 8259 value with optional
 * whitespace (space, tab, CR, LF) around it, nesting at most 10000 deep (the decoder's maxNestingDepth). String
 * contents are not checked for UTF-8, only for control characters and escapes, as Go's scanner does.
 */
final class JsonValidity {
    private static final int MAX_DEPTH = 10_000;

    private final String s;
    private int i;

    private JsonValidity(String s) {
        this.s = s;
    }

    static boolean valid(String text) {
        JsonValidity v = new JsonValidity(text);
        v.skipSpace();
        if (!v.value()) {
            return false;
        }
        v.skipSpace();
        return v.i == text.length();
    }

    /**
     * One value. Containers are walked with an explicit stack of open brackets, so deep input cannot overflow
     * the Java stack.
     */
    private boolean value() {
        StringBuilder open = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                return false;
            }
            char c = s.charAt(i);
            boolean scalarDone;
            if (c == '{' || c == '[') {
                i++;
                if (open.length() >= MAX_DEPTH) {
                    return false;
                }
                open.append(c);
                skipSpace();
                if (i < s.length() && s.charAt(i) == (c == '{' ? '}' : ']')) {
                    i++;
                    open.setLength(open.length() - 1);
                    scalarDone = true;
                } else if (c == '{') {
                    if (!member()) {
                        return false;
                    }
                    continue;
                } else {
                    continue;
                }
            } else {
                if (!scalar()) {
                    return false;
                }
                scalarDone = true;
            }
            // After a complete value: close containers or move to the next element.
            while (scalarDone) {
                if (open.length() == 0) {
                    return true;
                }
                skipSpace();
                if (i >= s.length()) {
                    return false;
                }
                char top = open.charAt(open.length() - 1);
                char d = s.charAt(i);
                if (d == ',') {
                    i++;
                    skipSpace();
                    if (top == '{' && !member()) {
                        return false;
                    }
                    scalarDone = false;
                } else if (d == (top == '{' ? '}' : ']')) {
                    i++;
                    open.setLength(open.length() - 1);
                } else {
                    return false;
                }
            }
        }
    }

    /** {@code "key" :} before an object member's value. */
    private boolean member() {
        if (!string()) {
            return false;
        }
        skipSpace();
        if (i >= s.length() || s.charAt(i) != ':') {
            return false;
        }
        i++;
        skipSpace();
        return true;
    }

    private boolean scalar() {
        char c = s.charAt(i);
        if (c == '"') {
            return string();
        }
        if (c == 't') {
            return literal("true");
        }
        if (c == 'f') {
            return literal("false");
        }
        if (c == 'n') {
            return literal("null");
        }
        return number();
    }

    private boolean literal(String word) {
        if (s.startsWith(word, i)) {
            i += word.length();
            return true;
        }
        return false;
    }

    private boolean string() {
        if (i >= s.length() || s.charAt(i) != '"') {
            return false;
        }
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (i >= s.length()) {
                    return false;
                }
                char e = s.charAt(i++);
                if (e == 'u') {
                    for (int k = 0; k < 4; k++) {
                        if (i >= s.length() || !isHex(s.charAt(i))) {
                            return false;
                        }
                        i++;
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean number() {
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        if (i >= s.length()) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (!digits()) {
                return false;
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            return digits();
        }
        return true;
    }

    private boolean digits() {
        int from = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        return i > from;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }
}
