package dev.gatehouse.core.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the closest known name by edit distance, if it is close enough to be a likely typo. */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> closest(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowedDistance = Math.max(1, Math.min(3, w.length() / 3));
        // Among many names, a typo rarely hits the first character: comparing only names that share it keeps
        // "did you mean" cheap on workspaces with thousands of tools.
        boolean many = known.size() > 256;
        for (String k : known) {
            if (Math.abs(k.length() - w.length()) > allowedDistance
                    || (many && !w.isEmpty() && !k.isEmpty() && Character.toLowerCase(k.charAt(0)) != w.charAt(0))) {
                continue;
            }
            // A name further than the best so far, or than a typo can be, cannot change the answer.
            int d = distance(w, k.toLowerCase(Locale.ROOT), Math.min(bestDistance, allowedDistance));
            if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return bestDistance <= allowedDistance && !best.equals(wrong) ? Optional.of(best) : Optional.empty();
    }

    /** {@code did you mean `x`?} or empty. */
    public static Optional<String> hint(String wrong, Collection<String> known) {
        return closest(wrong, known).map(s -> "did you mean `" + s + "`?");
    }

    /**
     * {@link #distance(String, String)} when it is at most {@code limit}, else some number above {@code limit}:
     * three rows of the table, and a stop as soon as a whole row is above the limit (no later row can be lower,
     * as every cell is at least the least cell of the row before, or of the one before that for a swap).
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int n = b.length();
        int[] before = new int[n + 1];
        int[] previous = new int[n + 1];
        int[] current = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int least = i;
            char ai = a.charAt(i - 1);
            for (int j = 1; j <= n; j++) {
                char bj = b.charAt(j - 1);
                int cost = ai == bj ? 0 : 1;
                int v = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ai == b.charAt(j - 2) && a.charAt(i - 2) == bj) {
                    v = Math.min(v, before[j - 2] + 1);
                }
                current[j] = v;
                least = Math.min(least, v);
            }
            if (least > limit && Math.min(least, minimum(previous)) > limit) {
                return limit + 1;
            }
            int[] t = before;
            before = previous;
            previous = current;
            current = t;
        }
        return previous[n];
    }

    private static int minimum(int[] row) {
        int m = Integer.MAX_VALUE;
        for (int v : row) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Damerau-Levenshtein (optimal string alignment) distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
