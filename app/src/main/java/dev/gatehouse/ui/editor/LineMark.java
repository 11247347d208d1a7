package dev.gatehouse.ui.editor;

import dev.gatehouse.ui.common.FindingLevel;

import java.util.List;
import java.util.Optional;

/**
 * A finding where the editor shows it: the 1-based span it underlines (end column exclusive; an empty span
 * underlines the word at its start), its level, the message and the fix hint shown on hover, and the quick fixes
 * that repair it when the repair is mechanical (several when there is a choice).
 */
public record LineMark(int line, int column, int endLine, int endColumn, FindingLevel level, String message,
                       Optional<String> help, List<QuickFix> fixes) {
    public LineMark {
        fixes = List.copyOf(fixes);
    }

    /** A mark on a whole line, for findings about a line rather than a span. */
    public LineMark(int line, FindingLevel level, String message) {
        this(line, 1, line, 1, level, message, Optional.empty(), List.of());
    }

    /** A mark with no mechanical fix. */
    public LineMark(int line, int column, int endLine, int endColumn, FindingLevel level, String message, Optional<String> help) {
        this(line, column, endLine, endColumn, level, message, help, List.of());
    }

    /** What the hover shows: the message, then the hint. */
    public String hover() {
        return message + help.map(h -> "\nhelp: " + h).orElse("");
    }
}
