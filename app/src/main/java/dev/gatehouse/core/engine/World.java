package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.WorkspaceDelta;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One reading of the workspace compiled for look-ups: resources by exact store key ({@code namespace/name}),
 * ToolPermissions by namespace and lowercased {@code tool_ref} in the store's name order, AgentPolicies of every
 * namespace in name order. The strict reading and Orloj's reading each get one.
 */
final class World {
    // Never written after construction: a world made after an edit shares those the edit leaves alone.
    final Map<String, Agent> agents;
    final Map<String, Tool> tools;
    final Map<String, AgentRole> roles;
    final Map<String, ModelEndpoint> endpoints;
    final Map<String, AgentSystem> systems;
    final Map<String, Task> tasks;
    final Map<String, Memory> memories;
    final Map<String, List<ToolPermission>> rulesByTool;
    /** Every ToolPermission in store order (each the first of its key or not: all apply). */
    private final List<ToolPermission> permissions;
    final List<AgentPolicy> policies;
    final List<AgentSystem> systemList;
    final List<Task> taskList;
    final Map<String, List<Tool>> toolsByNamespace;
    final Map<String, List<Agent>> agentsByNamespace;
    /** Namespace → agent name → the systems of that namespace listing it (each once), in reading order. */
    private final Map<String, Map<String, List<AgentSystem>>> systemsByMember;
    /** Namespace → system name as a task writes it → the tasks of that namespace running it, in reading order. */
    private final Map<String, Map<String, List<Task>>> tasksBySystem;

    /** The store order: the in-memory store lists by metadata.name ascending; ties (other namespaces) by namespace. */
    private static final Comparator<Resource> STORE_ORDER = Comparator.comparing(Resource::name).thenComparing(Resource::namespace);

    World(List<? extends Resource> resources) {
        agents = new HashMap<>();
        tools = new HashMap<>();
        roles = new HashMap<>();
        endpoints = new HashMap<>();
        systems = new HashMap<>();
        tasks = new HashMap<>();
        memories = new HashMap<>();
        permissions = new ArrayList<>();
        policies = new ArrayList<>();
        systemList = new ArrayList<>();
        taskList = new ArrayList<>();
        toolsByNamespace = new HashMap<>();
        agentsByNamespace = new HashMap<>();
        for (Resource r : resources) {
            String key = key(r.namespace(), r.name());
            switch (r.meta().kind()) {
                case AGENT -> {
                    if (agents.putIfAbsent(key, (Agent) r) == null) {
                        agentsByNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add((Agent) r);
                    }
                }
                case TOOL -> {
                    if (tools.putIfAbsent(key, (Tool) r) == null) {
                        toolsByNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add((Tool) r);
                    }
                }
                case AGENT_ROLE -> roles.putIfAbsent(key, (AgentRole) r);
                case MODEL_ENDPOINT -> endpoints.putIfAbsent(key, (ModelEndpoint) r);
                case AGENT_SYSTEM -> {
                    if (systems.putIfAbsent(key, (AgentSystem) r) == null) {
                        systemList.add((AgentSystem) r);
                    }
                }
                case TASK -> {
                    if (tasks.putIfAbsent(key, (Task) r) == null) {
                        taskList.add((Task) r);
                    }
                }
                case MEMORY -> memories.putIfAbsent(key, (Memory) r);
                case TOOL_PERMISSION -> permissions.add((ToolPermission) r);
                case AGENT_POLICY -> policies.add((AgentPolicy) r);
                default -> {
                }
            }
        }
        permissions.sort(STORE_ORDER);
        policies.sort(STORE_ORDER);
        rulesByTool = rulesByTool(permissions);
        systemsByMember = systemsByMember(systemList);
        tasksBySystem = tasksBySystem(taskList);
    }

    /**
     * The world of the same reading after an edit that replaced {@code removed} by {@code added} (the resources of
     * the edited files, in reading order), every other resource being the very object it was; null when the two
     * lists do not pair up resource by resource with the same kind, namespace and name, for then the first of a
     * name may change and only a new world tells. Equal to a world made from the edited workspace: every first
     * of a key stays where it was, and the store order of a pair's resource is that of its name. The maps and
     * lists of kinds the edit does not touch are those of {@code previous}.
     */
    static World after(World previous, List<? extends Resource> removed, List<? extends Resource> added) {
        return WorkspaceDelta.sameNames(removed, added) ? new World(previous, removed, added) : null;
    }

    private World(World previous, List<? extends Resource> removed, List<? extends Resource> added) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        removed.forEach(r -> kinds.add(r.meta().kind()));
        agents = kinds.contains(Kind.AGENT) ? replaced(previous.agents, removed, added) : previous.agents;
        agentsByNamespace = kinds.contains(Kind.AGENT) ? replacedIn(previous.agentsByNamespace, removed, added) : previous.agentsByNamespace;
        tools = kinds.contains(Kind.TOOL) ? replaced(previous.tools, removed, added) : previous.tools;
        toolsByNamespace = kinds.contains(Kind.TOOL) ? replacedIn(previous.toolsByNamespace, removed, added) : previous.toolsByNamespace;
        roles = kinds.contains(Kind.AGENT_ROLE) ? replaced(previous.roles, removed, added) : previous.roles;
        endpoints = kinds.contains(Kind.MODEL_ENDPOINT) ? replaced(previous.endpoints, removed, added) : previous.endpoints;
        memories = kinds.contains(Kind.MEMORY) ? replaced(previous.memories, removed, added) : previous.memories;
        if (kinds.contains(Kind.AGENT_SYSTEM)) {
            systems = replaced(previous.systems, removed, added);
            systemList = replaced(previous.systemList, removed, added);
            systemsByMember = systemsByMember(systemList);
        } else {
            systems = previous.systems;
            systemList = previous.systemList;
            systemsByMember = previous.systemsByMember;
        }
        if (kinds.contains(Kind.TASK)) {
            tasks = replaced(previous.tasks, removed, added);
            taskList = replaced(previous.taskList, removed, added);
            tasksBySystem = tasksBySystem(taskList);
        } else {
            tasks = previous.tasks;
            taskList = previous.taskList;
            tasksBySystem = previous.tasksBySystem;
        }
        if (kinds.contains(Kind.TOOL_PERMISSION)) {
            permissions = replaced(previous.permissions, removed, added);
            rulesByTool = rulesByTool(permissions);
        } else {
            permissions = previous.permissions;
            rulesByTool = previous.rulesByTool;
        }
        policies = kinds.contains(Kind.AGENT_POLICY) ? replaced(previous.policies, removed, added) : previous.policies;
    }

    /** A copy of {@code map} in which each removed resource that is a value gives way to the added one of its pair. */
    @SuppressWarnings("unchecked")
    private static <T extends Resource> Map<String, T> replaced(Map<String, T> map, List<? extends Resource> removed, List<? extends Resource> added) {
        Map<String, T> out = new HashMap<>(map);
        for (int i = 0; i < removed.size(); i++) {
            String key = key(removed.get(i).namespace(), removed.get(i).name());
            if (out.get(key) == removed.get(i)) {
                out.put(key, (T) added.get(i));
            }
        }
        return out;
    }

    /** A copy of {@code list} in which each removed resource gives way to the added one of its pair. */
    @SuppressWarnings("unchecked")
    private static <T extends Resource> List<T> replaced(List<T> list, List<? extends Resource> removed, List<? extends Resource> added) {
        List<T> out = new ArrayList<>(list);
        for (int i = 0; i < removed.size(); i++) {
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j) == removed.get(i)) {
                    out.set(j, (T) added.get(i));
                }
            }
        }
        return out;
    }

    /** {@link #replaced(List, List, List)} in the lists by namespace of the pairs' namespaces. */
    private static <T extends Resource> Map<String, List<T>> replacedIn(Map<String, List<T>> byNamespace, List<? extends Resource> removed,
                                                                        List<? extends Resource> added) {
        Map<String, List<T>> out = new HashMap<>(byNamespace);
        for (Resource r : removed) {
            List<T> list = out.get(r.namespace());
            if (list != null && list == byNamespace.get(r.namespace())) {
                out.put(r.namespace(), replaced(list, removed, added));
            }
        }
        return out;
    }

    private static Map<String, List<ToolPermission>> rulesByTool(List<ToolPermission> permissions) {
        Map<String, List<ToolPermission>> out = new HashMap<>();
        for (ToolPermission p : permissions) {
            String ref = p.toolRef().value().strip().toLowerCase(Locale.ROOT);
            if (!ref.isEmpty()) {
                out.computeIfAbsent(p.namespace() + "\u0000" + ref, k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    /** Who is in which system: a scope without context looks it up for every agent of a matrix row. */
    private static Map<String, Map<String, List<AgentSystem>>> systemsByMember(List<AgentSystem> systemList) {
        Map<String, Map<String, List<AgentSystem>>> out = new HashMap<>();
        for (AgentSystem s : systemList) {
            for (Located<String> member : s.agents()) {
                List<AgentSystem> of = out.computeIfAbsent(s.namespace(), k -> new HashMap<>())
                        .computeIfAbsent(member.value(), k -> new ArrayList<>());
                if (of.isEmpty() || of.get(of.size() - 1) != s) {
                    of.add(s);
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, List<Task>>> tasksBySystem(List<Task> taskList) {
        Map<String, Map<String, List<Task>>> out = new HashMap<>();
        for (Task t : taskList) {
            t.system().ifPresent(s -> out.computeIfAbsent(t.namespace(), k -> new HashMap<>())
                    .computeIfAbsent(s.value(), k -> new ArrayList<>()).add(t));
        }
        return out;
    }

    /** The systems of namespace {@code ns} that list an agent named {@code agent}, in reading order. */
    List<AgentSystem> systemsListing(String ns, String agent) {
        return systemsByMember.getOrDefault(ns, Map.of()).getOrDefault(agent, List.of());
    }

    /** The tasks of namespace {@code ns} whose {@code system} is exactly {@code system}, in reading order. */
    List<Task> tasksRunning(String ns, String system) {
        return tasksBySystem.getOrDefault(ns, Map.of()).getOrDefault(system, List.of());
    }

    /** Every ToolPermission of namespace {@code ns} whose lowercased {@code tool_ref} is {@code ref}, applicable or not. */
    List<ToolPermission> rulesFor(String ns, String ref) {
        return rulesByTool.getOrDefault(ns + "\u0000" + ref, List.of());
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    Optional<Agent> agent(String ns, String name) {
        return Optional.ofNullable(agents.get(key(ns, name)));
    }

    Optional<Tool> tool(String ns, String name) {
        return Optional.ofNullable(tools.get(key(ns, name)));
    }

    /** A role by {@code name} in the namespace, or read as {@code ns/name} (the cross-namespace fallback). */
    Optional<AgentRole> role(String ns, String ref) {
        AgentRole r = roles.get(key(ns, ref));
        if (r != null || !ref.contains("/")) {
            return Optional.ofNullable(r);
        }
        int slash = ref.indexOf('/');
        return Optional.ofNullable(roles.get(key(ref.substring(0, slash).strip(), ref.substring(slash + 1).strip())));
    }

    /** Whether the role resolves only through the cross-namespace fallback (F27). */
    boolean roleIsCrossNamespace(String ns, String ref) {
        return !roles.containsKey(key(ns, ref)) && role(ns, ref).isPresent();
    }

    /** A model endpoint by {@code name} or {@code ns/name}. */
    Optional<ModelEndpoint> endpoint(String ns, String ref) {
        ModelEndpoint e = endpoints.get(key(ns, ref));
        if (e != null || !ref.contains("/")) {
            return Optional.ofNullable(e);
        }
        int slash = ref.indexOf('/');
        return Optional.ofNullable(endpoints.get(key(ref.substring(0, slash).strip(), ref.substring(slash + 1).strip())));
    }

    /** ToolPermissions of the agent's namespace for this tool that apply to the agent (§3.4 step 4). */
    List<ToolPermission> rules(Agent a, String tool) {
        return applicable(rulesByTool.get(a.namespace() + "\u0000" + tool.strip().toLowerCase(Locale.ROOT)), a);
    }

    /** Of {@code all} (the rules of one tool in the agent's namespace, or null), those that apply to the agent. */
    static List<ToolPermission> applicable(List<ToolPermission> all, Agent a) {
        if (all == null || all.isEmpty()) {
            return List.of();
        }
        List<ToolPermission> out = new ArrayList<>(all.size());
        for (ToolPermission p : all) {
            if (!p.scoped() || p.targetAgents().stream().anyMatch(t -> t.value().strip().equalsIgnoreCase(a.name().strip()))) {
                out.add(p);
            }
        }
        return out;
    }

    List<Tool> tools(String ns) {
        return toolsByNamespace.getOrDefault(ns, List.of());
    }

    List<Agent> agents(String ns) {
        return agentsByNamespace.getOrDefault(ns, List.of());
    }
}
