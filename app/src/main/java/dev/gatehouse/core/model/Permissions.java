package dev.gatehouse.core.model;

import java.util.Locale;

/** Orloj's permission normalisations (ORLOJ.md, "Two terms"; runtime/tool_authorizer.go). */
public final class Permissions {
    private Permissions() {
    }

    /** perm(x): trim, lowercase, delete spaces, replace {@code /}, {@code \} and {@code -} with {@code _}. */
    public static String perm(String x) {
        String s = x.strip().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ' ' -> {
                }
                case '/', '\\', '-' -> b.append('_');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** tok(x): lowercase, trim, replace space, {@code /}, {@code \} and {@code -} with {@code _}, strip {@code _} and {@code :} at both ends. */
    public static String tok(String x) {
        String s = x.strip().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == ' ' || c == '/' || c == '\\' || c == '-' ? '_' : c);
        }
        int start = 0;
        int end = b.length();
        while (start < end && (b.charAt(start) == '_' || b.charAt(start) == ':')) {
            start++;
        }
        while (end > start && (b.charAt(end - 1) == '_' || b.charAt(end - 1) == ':')) {
            end--;
        }
        return b.substring(start, end);
    }

    /** The default permission of a tool call: {@code tool:<tok(tool)>:<tok(action)>}. */
    public static String toolPermission(String tool, String action) {
        return "tool:" + tok(tool) + ":" + tok(action);
    }

    public static String capabilityPermission(String capability) {
        return "capability:" + tok(capability);
    }
}
