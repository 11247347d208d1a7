package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.common.FindingLevel;

import java.util.Optional;

/** One line of the problems table: a finding as shown, and where double-clicking it leads. */
public record ProblemRow(FindingLevel level, String code, String file, int line, int column, String message,
                         Optional<String> help) {
    public SourceLocation location() {
        return new SourceLocation(file, line, column);
    }
}
