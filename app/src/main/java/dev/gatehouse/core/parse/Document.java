package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.Span;

import java.util.List;

/**
 * One document of a file as a YAML/JSON parser reads it. {@code index} is 0-based within the file;
 * {@code constructs} lists YAML constructs Orloj's line reader does not understand (anchors, aliases, tags,
 * folded scalars, quoted keys), found while reading.
 */
public record Document(int index, Node root, Span span, List<Construct> constructs) {
    public Document {
        constructs = List.copyOf(constructs);
    }

    /** A YAML construct outside the subset Orloj's line reader understands. */
    public record Construct(String what, Span span) {}
}
