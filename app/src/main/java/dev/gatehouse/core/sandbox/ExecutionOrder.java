package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.source.Located;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which Orloj's sequential mode runs the agents of a system (ORLOJ.md §4.5, {@code #executionOrder}):
 * topological over the graph, ties in {@code spec.agents} order, the agents left in cycles appended in
 * declaration order. Each agent runs once.
 */
final class ExecutionOrder {
    private ExecutionOrder() {
    }

    static List<String> of(AgentSystem system) {
        Set<String> members = new LinkedHashSet<>();
        system.agents().forEach(a -> members.add(a.value()));
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        members.forEach(m -> indegree.put(m, 0));
        for (AgentSystem.GraphNode n : system.graph()) {
            for (Located<String> to : n.targets()) {
                if (members.contains(n.name().value()) && members.contains(to.value())) {
                    edges.computeIfAbsent(n.name().value(), k -> new ArrayList<>()).add(to.value());
                    indegree.merge(to.value(), 1, Integer::sum);
                }
            }
        }
        List<String> order = new ArrayList<>();
        ArrayDeque<String> ready = new ArrayDeque<>();
        for (String m : members) {
            if (indegree.get(m) == 0) {
                ready.add(m);
            }
        }
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String to : edges.getOrDefault(n, List.of())) {
                if (indegree.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        for (String m : members) {
            if (!order.contains(m)) {
                order.add(m);
            }
        }
        return order;
    }
}
