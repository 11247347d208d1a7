package dev.gatehouse.core.engine;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Seed-form resource globs (SEMANTICS.md "Data access"): {@code *} matches within one path segment, {@code **}
 * across segments, anything else is literal. Deny patterns match ignoring case and allow patterns exactly, so
 * that spelling can only ever make a decision stricter.
 */
final class Glob {
    private final Pattern exact;
    private final Pattern folded;

    private Glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.exact = Pattern.compile(re.toString());
        this.folded = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static final java.util.Map<String, Glob> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static Glob of(String glob) {
        Glob g = CACHE.get(glob);
        if (g == null) {
            g = new Glob(glob);
            if (CACHE.size() < 10_000) {
                CACHE.put(glob, g);
            }
        }
        return g;
    }

    boolean matchesExactly(String value) {
        return exact.matcher(value).matches();
    }

    boolean matchesIgnoringCase(String value) {
        return folded.matcher(value).matches();
    }

    /** An action pattern: {@code *} matches every action, otherwise equal ignoring case. */
    static boolean actionMatches(String pattern, String action) {
        String p = pattern.strip().toLowerCase(Locale.ROOT);
        return p.equals("*") || p.equals(action.strip().toLowerCase(Locale.ROOT));
    }
}
