package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/** ORLOJ.md §2.2: agents and a graph whose node keys and edge targets name agents of {@code agents}. */
public record AgentSystem(Meta meta, List<Located<String>> agents, List<GraphNode> graph) implements Resource {
    public AgentSystem {
        agents = List.copyOf(agents);
        graph = List.copyOf(graph);
    }

    /** One node: {@code next} (legacy) then each {@code edges[].to}, empty targets dropped. */
    public record GraphNode(Located<String> name, Optional<Located<String>> next, List<Located<String>> edges, Join join) {
        public GraphNode {
            edges = List.copyOf(edges);
        }

        /** Outgoing targets, next first, de-duplicated case-insensitively (GraphOutgoingRoutes). */
        public List<Located<String>> targets() {
            List<Located<String>> out = new java.util.ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            next.ifPresent(n -> {
                if (seen.add(n.value().toLowerCase(java.util.Locale.ROOT))) {
                    out.add(n);
                }
            });
            for (Located<String> e : edges) {
                if (seen.add(e.value().toLowerCase(java.util.Locale.ROOT))) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    public record Join(Optional<Located<String>> mode, Optional<Located<Integer>> quorumCount,
                       Optional<Located<Integer>> quorumPercent, Optional<Located<String>> onFailure) {}
}
