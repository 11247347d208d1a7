package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.Span;

/**
 * Replace the text of {@code span} (1-based lines and columns, end exclusive) with {@code replacement}. An empty
 * span inserts. The unit every mechanical change is made of: quick fixes, renames, form edits, grants.
 */
public record TextEdit(Span span, String replacement) {
    public TextEdit {
        java.util.Objects.requireNonNull(span, "span");
        java.util.Objects.requireNonNull(replacement, "replacement");
    }
}
