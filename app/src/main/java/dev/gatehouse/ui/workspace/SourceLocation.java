package dev.gatehouse.ui.workspace;

import java.util.Optional;

/** A place in a workspace file: its workspace path ({@code agents/faq-agent.yaml}) and a 1-based line and column. */
public record SourceLocation(String file, int line, int column) {
    public SourceLocation {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** {@code FILE:LINE} or {@code FILE}, as given on the command line; empty if the line is not a positive number. */
    public static Optional<SourceLocation> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return text.isBlank() ? Optional.empty() : Optional.of(new SourceLocation(text, 1, 1));
        }
        try {
            int line = Integer.parseInt(text.substring(colon + 1));
            return line < 1 || colon == 0 ? Optional.empty() : Optional.of(new SourceLocation(text.substring(0, colon), line, 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
