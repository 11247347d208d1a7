package dev.gatehouse.core.source;

import java.util.Comparator;

/**
 * A region of a source file. Lines and columns are 1-based; the end is exclusive on the column
 * ({@code endColumn} is one past the last character), so an empty span has {@code column == endColumn}.
 */
public record Span(SourceId file, int line, int column, int endLine, int endColumn) implements Comparable<Span> {
    private static final Comparator<Span> ORDER = Comparator.comparing(Span::file)
            .thenComparingInt(Span::line).thenComparingInt(Span::column)
            .thenComparingInt(Span::endLine).thenComparingInt(Span::endColumn);

    public Span {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        if (endLine < line || (endLine == line && endColumn < column)) {
            endLine = line;
            endColumn = column;
        }
    }

    /** The whole first line of a file, for findings about the file itself. */
    public static Span fileStart(SourceId file) {
        return new Span(file, 1, 1, 1, 1);
    }

    public static Span point(SourceId file, int line, int column) {
        return new Span(file, line, column, line, column);
    }

    /** From the start of this span to the end of the other. */
    public Span to(Span other) {
        return new Span(file, line, column, other.endLine, other.endColumn);
    }

    /** {@code file:line:col}, the form every report uses. */
    public String location() {
        return file.path() + ":" + line + ":" + column;
    }

    /** {@code file:line}, the form traces use. */
    public String fileLine() {
        return file.path() + ":" + line;
    }

    @Override
    public int compareTo(Span other) {
        return ORDER.compare(this, other);
    }
}
