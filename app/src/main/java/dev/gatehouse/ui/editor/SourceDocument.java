package dev.gatehouse.ui.editor;

import java.nio.file.Path;
import java.util.List;

/**
 * A file as the viewer shows it: the path the workspace shows ({@code agents/faq-agent.yaml}), the file on disk,
 * the text that was validated (not re-read, so lines match the findings) and the findings to mark.
 */
public record SourceDocument(String path, Path file, String text, List<LineMark> marks) {
    public SourceDocument {
        marks = List.copyOf(marks);
    }

    /** The last path segment: what a tab shows. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
