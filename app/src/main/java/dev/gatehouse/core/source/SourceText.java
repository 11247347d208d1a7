package dev.gatehouse.core.source;

import java.util.Arrays;

/** The decoded text of one file with a line index, so offsets map to 1-based line and column. */
public final class SourceText {
    private final SourceId id;
    private final String text;
    private final int[] lineStarts;

    public SourceText(SourceId id, String text) {
        this.id = id;
        this.text = text;
        // indexOf is vectorised by the JIT; a char loop costs several times more on the files of a workspace.
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            starts[line++] = i + 1;
        }
        this.lineStarts = starts;
    }

    public SourceId id() {
        return id;
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** 1-based line of a char offset. */
    public int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, text.length())));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of a char offset. */
    public int columnOf(int offset) {
        int line = lineOf(offset);
        return Math.max(0, Math.min(offset, text.length())) - lineStarts[line - 1] + 1;
    }

    public Span span(int startOffset, int endOffset) {
        return new Span(id, lineOf(startOffset), columnOf(startOffset), lineOf(endOffset), columnOf(endOffset));
    }

    /** The char offset where a 1-based line starts. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** The text of a 1-based line without its line break. */
    public String line(int line) {
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** The span of a whole 1-based line. */
    public Span lineSpan(int line) {
        String l = line(line);
        return new Span(id, line, 1, line, l.length() + 1);
    }
}
