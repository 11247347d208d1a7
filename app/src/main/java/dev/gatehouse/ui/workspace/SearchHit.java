package dev.gatehouse.ui.workspace;

/** One match of a search across the workspace's files: where it is, and the line it is on. */
public record SearchHit(String file, int line, int column, String lineText) {
    public SourceLocation location() {
        return new SourceLocation(file, line, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + "  " + lineText.strip();
    }
}
