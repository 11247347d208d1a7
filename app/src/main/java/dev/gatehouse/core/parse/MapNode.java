package dev.gatehouse.core.parse;

import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;

/**
 * A mapping in the order written. Duplicate keys are kept (the reader reports them), and {@link #get} returns
 * the first, as a person reading top-down would.
 */
public record MapNode(List<Entry> entries, boolean flow, Span span) implements Node {
    public MapNode {
        entries = List.copyOf(entries);
    }

    public record Entry(ScalarNode key, Node value) {
        public String name() {
            return key.text();
        }
    }

    public Optional<Node> get(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    public Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.key().text().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String shape() {
        return "a mapping";
    }
}
