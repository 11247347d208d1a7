package dev.gatehouse.core.parse;

import java.util.regex.Pattern;

/** Orloj's cron dialect (cronexpr.Parse): exactly 5 fields of numbers with `*`, ranges, lists and steps. */
final class Cron {
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Pattern ITEM = Pattern.compile("(\\*|[0-9]+(-[0-9]+)?)(/[0-9]+)?");

    private Cron() {
    }

    static boolean valid(String expr) {
        String[] fields = expr.strip().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            for (String item : fields[i].split(",", -1)) {
                if (!ITEM.matcher(item).matches()) {
                    return false;
                }
                String base = item.contains("/") ? item.substring(0, item.indexOf('/')) : item;
                if (item.contains("/") && Integer.parseInt(item.substring(item.indexOf('/') + 1)) == 0) {
                    return false;
                }
                if (!base.equals("*")) {
                    for (String n : base.split("-")) {
                        int v;
                        try {
                            v = Integer.parseInt(n);
                        } catch (NumberFormatException e) {
                            return false;
                        }
                        if (v < RANGES[i][0] || v > RANGES[i][1]) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
