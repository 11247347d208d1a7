package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;

/** ORLOJ.md §2.9: only the key names are kept, never the values. */
public record Secret(Meta meta, List<Located<String>> keys) implements Resource {
    public Secret {
        keys = List.copyOf(keys);
    }
}
