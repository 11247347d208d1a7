package dev.gatehouse.core.source;

import java.util.Objects;

/** Names one source file as the user sees it: the path relative to the workspace root, with '/' separators. */
public record SourceId(String path) implements Comparable<SourceId> {
    public SourceId {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public int compareTo(SourceId other) {
        return path.compareTo(other.path);
    }

    @Override
    public String toString() {
        return path;
    }
}
