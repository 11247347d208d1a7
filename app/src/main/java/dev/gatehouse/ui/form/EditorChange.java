package dev.gatehouse.ui.form;

/**
 * A form edit as the editor applies it: replace the characters {@code start} (inclusive) to {@code end} (exclusive),
 * 0-based offsets into the text the form was read from, by {@code replacement}. Apply it as one undoable edit
 * ({@code editor.area().replaceText(start, end, replacement)}), so Ctrl+Z takes the whole form edit back.
 */
public record EditorChange(String path, int start, int end, String replacement) {
    public EditorChange {
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(replacement, "replacement");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + ".." + end);
        }
    }

    /** The text after this change. */
    public String applyTo(String text) {
        return text.substring(0, start) + replacement + text.substring(end);
    }
}
