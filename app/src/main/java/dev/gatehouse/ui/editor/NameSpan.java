package dev.gatehouse.ui.editor;

/** Where a text names a resource (a reference or a definition): 1-based, end column exclusive. Coloured as a name. */
public record NameSpan(int line, int column, int endLine, int endColumn) {
}
