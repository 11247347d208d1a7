package dev.gatehouse.ui.editor;

/**
 * A completion as the editor offers it: the label and detail its list shows, and the text that replaces the
 * 1-based span typed so far (end column exclusive).
 */
public record CompletionItem(String label, String detail, String insert, int line, int column, int endLine, int endColumn) {
}
