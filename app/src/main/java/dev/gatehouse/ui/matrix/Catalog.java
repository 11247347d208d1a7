package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Workspace;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the filters offer for a workspace: the namespaces that have agents, each namespace's systems and tasks
 * (sorted by name), and each tool's risk level. Read off the FX thread with the engine.
 */
record Catalog(List<String> namespaces, Map<String, List<String>> systems, Map<String, List<String>> tasks,
               Map<String, Map<String, String>> risks) {
    static final Catalog EMPTY = new Catalog(List.of(), Map.of(), Map.of(), Map.of());

    Catalog {
        namespaces = List.copyOf(namespaces);
        systems = Map.copyOf(systems);
        tasks = Map.copyOf(tasks);
        risks = Map.copyOf(risks);
    }

    /**
     * The catalog of the workspace of {@code engine}: {@code previous} (that of the workspace it was compiled from)
     * when the edit between them renamed nothing and left every Tool (risk levels) alone.
     */
    static Catalog of(DecisionEngine engine, Optional<Catalog> previous, Workspace before) {
        boolean same = previous.isPresent() && engine.delta()
                .filter(d -> d.before() == before && d.renamesNothing() && !d.touches(Kind.TOOL)).isPresent();
        return same ? previous.get() : of(engine.workspace());
    }

    static Catalog of(Workspace workspace) {
        List<String> namespaces = List.copyOf(workspace.all(Agent.class).stream().map(Agent::namespace)
                .collect(Collectors.toCollection(TreeSet::new)));
        Map<String, List<String>> systems = workspace.all(AgentSystem.class).stream().collect(Collectors.groupingBy(
                AgentSystem::namespace, TreeMap::new, Collectors.collectingAndThen(
                        Collectors.mapping(AgentSystem::name, Collectors.toCollection(TreeSet::new)), List::copyOf)));
        Map<String, List<String>> tasks = workspace.all(Task.class).stream().collect(Collectors.groupingBy(
                Task::namespace, TreeMap::new, Collectors.collectingAndThen(
                        Collectors.mapping(Task::name, Collectors.toCollection(TreeSet::new)), List::copyOf)));
        // The first Tool of a name wins, as the engine resolves a duplicate.
        Map<String, Map<String, String>> risks = workspace.all(Tool.class).stream().collect(Collectors.groupingBy(
                Tool::namespace, TreeMap::new,
                Collectors.toMap(Tool::name, t -> t.riskLevel().value(), (first, second) -> first, TreeMap::new)));
        return new Catalog(namespaces, systems, tasks, Map.copyOf(risks));
    }

    List<String> systems(String namespace) {
        return systems.getOrDefault(namespace, List.of());
    }

    List<String> tasks(String namespace) {
        return tasks.getOrDefault(namespace, List.of());
    }

    Map<String, String> risks(String namespace) {
        return risks.getOrDefault(namespace, Map.of());
    }
}
