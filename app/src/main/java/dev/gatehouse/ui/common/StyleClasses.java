package dev.gatehouse.ui.common;

import java.util.List;

/**
 * Style class changes that happen only when something differs. Each change of a node's style classes applies the
 * stylesheets to it anew (with AtlantaFX's, thousands of selectors), and cells on screen are updated after every
 * keystroke's read, mostly with what they already showed.
 */
public final class StyleClasses {
    private StyleClasses() {
    }

    /** Leaves {@code wanted} (or none, when null) as the only class of {@code classes} starting with {@code prefix}. */
    public static void onlyOfPrefix(List<String> classes, String prefix, String wanted) {
        if (classes.stream().anyMatch(c -> c.startsWith(prefix) && !c.equals(wanted))) {
            classes.removeIf(c -> c.startsWith(prefix) && !c.equals(wanted));
        }
        if (wanted != null && !classes.contains(wanted)) {
            classes.add(wanted);
        }
    }
}
