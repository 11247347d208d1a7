package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.Span;

import java.util.List;

/** A sequence; {@code flow} is true for {@code [a, b]} (which Orloj's line reader drops). */
public record ListNode(List<Node> items, boolean flow, Span span) implements Node {
    public ListNode {
        items = List.copyOf(items);
    }

    @Override
    public String shape() {
        return "a list";
    }
}
