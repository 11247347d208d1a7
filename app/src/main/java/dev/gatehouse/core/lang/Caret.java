package dev.gatehouse.core.lang;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;

/** Where the editor's caret is: a file and a 1-based line and column (the column of the character after the caret). */
public record Caret(SourceId file, int line, int column) {
    public Caret {
        java.util.Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** The caret at a char offset of a text, as the editor counts it. */
    public static Caret at(SourceText text, int offset) {
        return new Caret(text.id(), text.lineOf(offset), text.columnOf(offset));
    }
}
