package dev.gatehouse.ui.editor;

import java.nio.file.Path;
import java.util.List;

/**
 * A file as the editor shows it: the path the workspace shows ({@code agents/faq-agent.yaml}), the file on disk,
 * the text that was validated (the unsaved text while it is being edited, so marks match it), the text on disk
 * as last read or saved, and the findings to mark.
 */
public record SourceDocument(String path, Path file, String text, String diskText, List<LineMark> marks) {
    public SourceDocument {
        marks = List.copyOf(marks);
    }

    /** A document as read from disk: nothing unsaved. */
    public SourceDocument(String path, Path file, String text, List<LineMark> marks) {
        this(path, file, text, text, marks);
    }

    /** The last path segment: what a tab shows. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether the validated text differs from the file on disk. */
    public boolean unsaved() {
        return !text.equals(diskText);
    }
}
