package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the workspace compiled for look-ups: resources by exact store key ({@code namespace/name}),
 * ToolPermissions by namespace and lowercased {@code tool_ref} in the store's name order, AgentPolicies of every
 * namespace in name order. The strict reading and Orloj's reading each get one.
 */
final class World {
    final Map<String, Agent> agents = new HashMap<>();
    final Map<String, Tool> tools = new HashMap<>();
    final Map<String, AgentRole> roles = new HashMap<>();
    final Map<String, ModelEndpoint> endpoints = new HashMap<>();
    final Map<String, AgentSystem> systems = new HashMap<>();
    final Map<String, Task> tasks = new HashMap<>();
    final Map<String, Memory> memories = new HashMap<>();
    final Map<String, List<ToolPermission>> rulesByTool = new HashMap<>();
    final List<AgentPolicy> policies = new ArrayList<>();
    final List<AgentSystem> systemList = new ArrayList<>();
    final List<Task> taskList = new ArrayList<>();
    final Map<String, List<Tool>> toolsByNamespace = new HashMap<>();
    final Map<String, List<Agent>> agentsByNamespace = new HashMap<>();
    /** Namespace → agent name → the systems of that namespace listing it (each once), in reading order. */
    private final Map<String, Map<String, List<AgentSystem>>> systemsByMember = new HashMap<>();
    /** Namespace → system name as a task writes it → the tasks of that namespace running it, in reading order. */
    private final Map<String, Map<String, List<Task>>> tasksBySystem = new HashMap<>();

    World(List<? extends Resource> resources) {
        List<ToolPermission> permissions = new ArrayList<>();
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
        // The in-memory store lists by metadata.name ascending; ties (same name, other namespaces) by namespace.
        Comparator<Resource> storeOrder = Comparator.comparing(Resource::name).thenComparing(Resource::namespace);
        permissions.sort(storeOrder);
        policies.sort(storeOrder);
        for (ToolPermission p : permissions) {
            String ref = p.toolRef().value().strip().toLowerCase(Locale.ROOT);
            if (!ref.isEmpty()) {
                rulesByTool.computeIfAbsent(p.namespace() + "\u0000" + ref, k -> new ArrayList<>()).add(p);
            }
        }
        // Who is in which system: a scope without context looks it up for every agent of a matrix row.
        for (AgentSystem s : systemList) {
            for (Located<String> member : s.agents()) {
                List<AgentSystem> of = systemsByMember.computeIfAbsent(s.namespace(), k -> new HashMap<>())
                        .computeIfAbsent(member.value(), k -> new ArrayList<>());
                if (of.isEmpty() || of.get(of.size() - 1) != s) {
                    of.add(s);
                }
            }
        }
        for (Task t : taskList) {
            t.system().ifPresent(s -> tasksBySystem.computeIfAbsent(t.namespace(), k -> new HashMap<>())
                    .computeIfAbsent(s.value(), k -> new ArrayList<>()).add(t));
        }
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
