package dev.gatehouse.ui.common;

import java.util.Locale;

/**
 * How bad a finding is, as views show it. Declared from worst to mildest, so the natural order sorts errors
 * first; the style class drives the colour in CSS.
 */
public enum FindingLevel {
    ERROR,
    WARNING,
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String styleClass() {
        return "level-" + label();
    }
}
