package dev.gatehouse.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names compared as Orloj compares them, {@link String#equalsIgnoreCase}, each with an id (say, the policy
 * that lists it), answered by a hash look-up instead of a scan. For ASCII, equal ignoring case is equal after
 * lowercasing; any name or entry outside ASCII (the Kelvin sign matches {@code k}) is compared one by one, so
 * the answer is always exactly that of the scan.
 */
final class CaselessNames {
    private static final int[] NONE = new int[0];

    private final Map<String, int[]> ascii = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final List<Integer> nonAscii = new ArrayList<>();

    void add(String name, int id) {
        if (isAscii(name)) {
            ascii.merge(name.toLowerCase(Locale.ROOT), new int[] {id}, CaselessNames::union);
        } else {
            nonAscii.add(names.size());
        }
        names.add(name);
        ids.add(id);
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** The ids of every entry equal to {@code name} ignoring case, ascending, each once. */
    int[] matching(String name) {
        if (names.isEmpty()) {
            return NONE;
        }
        int[] out = NONE;
        if (isAscii(name)) {
            out = ascii.getOrDefault(name.toLowerCase(Locale.ROOT), NONE);
            for (int i : nonAscii) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    out = union(out, new int[] {ids.get(i)});
                }
            }
            return out;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out = union(out, new int[] {ids.get(i)});
            }
        }
        return out;
    }

    boolean contains(String name) {
        return matching(name).length > 0;
    }

    private static int[] union(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
