package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/** ORLOJ.md §2.11. */
public record McpServer(Meta meta, String transport, Optional<Located<String>> command, Optional<Located<String>> endpoint,
                        List<Located<String>> secretRefs, List<Located<String>> include) implements Resource {
    public McpServer {
        secretRefs = List.copyOf(secretRefs);
        include = List.copyOf(include);
    }
}
