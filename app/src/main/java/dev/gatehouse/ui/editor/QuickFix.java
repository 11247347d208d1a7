package dev.gatehouse.ui.editor;

/**
 * A mechanical repair of a finding as the editor applies it: replace the 1-based span (end column exclusive)
 * with {@code replacement}, as one undoable edit.
 */
public record QuickFix(String title, int line, int column, int endLine, int endColumn, String replacement) {
}
