package dev.gatehouse.core.validate;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Related;
import dev.gatehouse.core.diag.Suggestions;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.McpServer;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Secret;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.TaskSchedule;
import dev.gatehouse.core.model.TaskWebhook;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolApproval;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ManifestBinder;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a read workspace beyond single manifests: cross-references resolved as Orloj resolves them
 * (ORLOJ.md §5.1: namespaces, case rules, the {@code ns/name} fallback), duplicate names, and the exposure
 * lints that need no decision engine (F1, F6, F7, F9, F18, F27). A dangling reference is an error where it can
 * hide or change access, a warning otherwise.
 */
public final class Validator {
    private final Workspace ws;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Names<Agent> agents;
    private final Names<Tool> tools;
    private final Names<AgentRole> roles;
    private final Names<ModelEndpoint> endpoints;
    private final Names<AgentSystem> systems;
    private final Names<Task> tasks;
    private final Names<Memory> memories;
    private final Names<Secret> secrets;
    private final Names<McpServer> mcpServers;

    /** ToolPermissions by namespace and lowercased tool_ref; AgentPolicies; systems and tasks each agent takes part in. */
    private final Map<String, List<ToolPermission>> rulesByTool;
    private final List<AgentPolicy> policies;
    private final Map<String, Set<String>[]> scopes;
    /** Built on the first missing model_ref: the agents of each file, the names {@code model_ref} can hold in each namespace. */
    private Map<dev.gatehouse.core.source.SourceId, List<Agent>> agentsByFile;
    private final Map<String, List<String>> modelRefNames = new HashMap<>();

    private Validator(Workspace ws) {
        this(ws, null, java.util.EnumSet.allOf(dev.gatehouse.core.model.Kind.class));
    }

    /**
     * The indexes of {@code ws}, those of the kinds not in {@code changed} taken from {@code previous}: the caller
     * vouches that the resources of those kinds are equal, in the same order, in both workspaces.
     */
    private Validator(Workspace ws, Validator previous, Set<dev.gatehouse.core.model.Kind> changed) {
        this.ws = ws;
        boolean all = previous == null;
        this.rulesByTool = all || changed.contains(dev.gatehouse.core.model.Kind.TOOL_PERMISSION) ? rulesByTool(ws) : previous.rulesByTool;
        this.policies = all || changed.contains(dev.gatehouse.core.model.Kind.AGENT_POLICY) ? ws.all(AgentPolicy.class) : previous.policies;
        this.scopes = all || changed.contains(dev.gatehouse.core.model.Kind.AGENT_SYSTEM) || changed.contains(dev.gatehouse.core.model.Kind.TASK)
                ? scopes(ws) : previous.scopes;
        this.agents = all || changed.contains(dev.gatehouse.core.model.Kind.AGENT) ? new Names<>(ws.all(Agent.class)) : previous.agents;
        this.tools = all || changed.contains(dev.gatehouse.core.model.Kind.TOOL) ? new Names<>(ws.all(Tool.class)) : previous.tools;
        this.roles = all || changed.contains(dev.gatehouse.core.model.Kind.AGENT_ROLE) ? new Names<>(ws.all(AgentRole.class)) : previous.roles;
        this.endpoints = all || changed.contains(dev.gatehouse.core.model.Kind.MODEL_ENDPOINT) ? new Names<>(ws.all(ModelEndpoint.class)) : previous.endpoints;
        this.systems = all || changed.contains(dev.gatehouse.core.model.Kind.AGENT_SYSTEM) ? new Names<>(ws.all(AgentSystem.class)) : previous.systems;
        this.tasks = all || changed.contains(dev.gatehouse.core.model.Kind.TASK) ? new Names<>(ws.all(Task.class)) : previous.tasks;
        this.memories = all || changed.contains(dev.gatehouse.core.model.Kind.MEMORY) ? new Names<>(ws.all(Memory.class)) : previous.memories;
        this.secrets = all || changed.contains(dev.gatehouse.core.model.Kind.SECRET) ? new Names<>(ws.all(Secret.class)) : previous.secrets;
        this.mcpServers = all || changed.contains(dev.gatehouse.core.model.Kind.MCP_SERVER) ? new Names<>(ws.all(McpServer.class)) : previous.mcpServers;
    }

    private static Map<String, List<ToolPermission>> rulesByTool(Workspace ws) {
        Map<String, List<ToolPermission>> out = new HashMap<>();
        for (ToolPermission p : ws.all(ToolPermission.class)) {
            out.computeIfAbsent(p.namespace() + "\u0000" + p.toolRef().value().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>[]> scopes(Workspace ws) {
        Map<String, Set<String>[]> out = new HashMap<>();
        List<Task> allTasks = ws.all(Task.class);
        for (AgentSystem s : ws.all(AgentSystem.class)) {
            List<String> taskNames = new ArrayList<>();
            for (Task t : allTasks) {
                if (t.namespace().equals(s.namespace()) && t.system().map(x -> x.value().equals(s.name())).orElse(false)) {
                    taskNames.add(t.name().toLowerCase(Locale.ROOT));
                }
            }
            for (Located<String> member : s.agents()) {
                Set<String>[] scope = out.computeIfAbsent(s.namespace() + "/" + member.value(), k -> new Set[] {new HashSet<>(), new HashSet<>()});
                scope[0].add(s.name().toLowerCase(Locale.ROOT));
                scope[1].addAll(taskNames);
            }
        }
        return out;
    }

    /** The indexes of {@code parent} with a list of its own: checks of agents on other threads. */
    private Validator(Validator parent) {
        this.ws = parent.ws;
        this.agents = parent.agents;
        this.tools = parent.tools;
        this.roles = parent.roles;
        this.endpoints = parent.endpoints;
        this.systems = parent.systems;
        this.tasks = parent.tasks;
        this.memories = parent.memories;
        this.secrets = parent.secrets;
        this.mcpServers = parent.mcpServers;
        this.rulesByTool = parent.rulesByTool;
        this.policies = parent.policies;
        this.scopes = parent.scopes;
    }

    /** Agents checked one by one below this many; above, in parallel, their findings kept in agent order. */
    static final int PARALLEL_AGENTS = 512;

    /**
     * Every finding about the workspace, sorted by file, line, column, code. After an edit,
     * {@link Validation#next} finds the same without checking again what the edit cannot change.
     */
    public static ValidationResult validate(Workspace ws) {
        return Validation.of(ws).result();
    }

    /** The indexes of a workspace, which each resource's checks read. */
    static Validator of(Workspace ws) {
        return new Validator(ws);
    }

    /**
     * The indexes of {@code ws}, reusing those of {@code previous} for the kinds not in {@code changed}, whose
     * resources the caller vouches are equal and in the same order in both workspaces.
     */
    static Validator of(Workspace ws, Validator previous, Set<dev.gatehouse.core.model.Kind> changed) {
        return new Validator(ws, previous, changed);
    }

    /**
     * The findings of one resource's own checks, in the order they are made. Pure: they depend on the resource
     * and on what the indexes hold of the kinds {@link Validation} lists for its kind, nothing else.
     */
    List<Diagnostic> check(Resource r) {
        out.clear();
        switch (r.meta().kind()) {
            case AGENT -> agent((Agent) r);
            case AGENT_SYSTEM -> system((AgentSystem) r);
            case TASK -> task((Task) r);
            case TOOL_PERMISSION -> permission((ToolPermission) r);
            case AGENT_POLICY -> policy((AgentPolicy) r);
            case TOOL -> tool((Tool) r);
            case MODEL_ENDPOINT -> ((ModelEndpoint) r).secretRef().ifPresent(s -> secretRef(r, s));
            case MEMORY -> memory((Memory) r);
            case MCP_SERVER -> ((McpServer) r).secretRefs().forEach(s -> secretRef(r, s));
            case TASK_SCHEDULE -> ((TaskSchedule) r).taskRef().ifPresent(ref -> templateRef(r, ref));
            case TASK_WEBHOOK -> {
                TaskWebhook w = (TaskWebhook) r;
                w.taskRef().ifPresent(ref -> templateRef(w, ref));
                w.secretRef().ifPresent(s -> secretRef(w, s));
            }
            case TOOL_APPROVAL -> approval((ToolApproval) r);
            case AGENT_ROLE, SECRET, WORKER -> {
                // Nothing of their own to check beyond their reading.
            }
        }
        List<Diagnostic> mine = List.copyOf(out);
        out.clear();
        return mine;
    }

    /** A validator sharing these indexes with a list of its own: checks of resources on other threads. */
    Validator child() {
        return new Validator(this);
    }

    /** Names used twice within a kind (GH309), in reading order: depends on every resource's kind, key and name. */
    List<Diagnostic> duplicateNames() {
        out.clear();
        duplicates();
        List<Diagnostic> mine = List.copyOf(out);
        out.clear();
        return mine;
    }

    /** The reading's findings with the hint of each missing model_ref, sorted with the checks' findings. */
    ValidationResult result(List<Diagnostic> checks) {
        List<Diagnostic> all = new ArrayList<>(ws.diagnostics().size() + checks.size());
        for (Diagnostic d : ws.diagnostics()) {
            all.add(modelRefHint(d));
        }
        all.addAll(checks);
        all.sort(Diagnostic.ORDER);
        return new ValidationResult(ws, all);
    }

    private void add(Diagnostic d) {
        out.add(d);
    }

    private static Diagnostic withHint(Diagnostic d, String wrong, List<String> known) {
        return Suggestions.hint(wrong, known).map(d::withHelp).orElse(d);
    }

    /**
     * The names an Agent of namespace {@code ns} can write in {@code spec.model_ref} to name one of that namespace's
     * ModelEndpoints, sorted, each once. Each names its endpoint both as Gatehouse resolves it (the exact store key)
     * and as Orloj does, which trims the value and reads a name holding {@code /} as {@code namespace/name}: names
     * with a {@code /} or with surrounding spaces are left out.
     */
    public static List<String> modelRefNames(Workspace ws, String ns) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (ModelEndpoint e : ws.all(ModelEndpoint.class)) {
            String name = e.name();
            if (e.namespace().equals(ns) && !name.isEmpty() && name.equals(name.strip()) && name.indexOf('/') < 0) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }

    /** An Agent's missing {@code model_ref} (GH203) with a hint naming the endpoints of its namespace, or saying there are none. */
    private Diagnostic modelRefHint(Diagnostic d) {
        if (d.code() != Code.GH203 || !d.message().equals(ManifestBinder.MODEL_REF_REQUIRED)) {
            return d;
        }
        if (agentsByFile == null) {
            agentsByFile = new HashMap<>();
            for (Agent a : ws.all(Agent.class)) {
                agentsByFile.computeIfAbsent(a.meta().file(), k -> new ArrayList<>()).add(a);
            }
        }
        Optional<Agent> agent = agentsByFile.getOrDefault(d.span().file(), List.of()).stream()
                .filter(a -> a.meta().span().line() <= d.span().line() && d.span().line() <= a.meta().span().endLine()).findFirst();
        if (agent.isEmpty()) {
            return d;
        }
        String ns = agent.get().namespace();
        List<String> names = modelRefNames.computeIfAbsent(ns, n -> modelRefNames(ws, n));
        if (names.isEmpty()) {
            return d.withHelp("namespace `" + ns + "` has no ModelEndpoint this agent can name: create one, then name it in `spec.model_ref`");
        }
        int shown = Math.min(names.size(), 8);
        String listed = String.join(", ", names.subList(0, shown).stream().map(n -> "`" + n + "`").toList())
                + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
        return d.withHelp("name the ModelEndpoint this agent uses: " + listed);
    }

    // ------------------------------------------------------------------ duplicates

    private void duplicates() {
        Map<String, Resource> seen = new HashMap<>();
        for (Manifest m : ws.manifests()) {
            Resource r = m.resource();
            if (r.name().isEmpty()) {
                continue;
            }
            String key = r.meta().kind() + "|" + r.meta().key();
            Resource first = seen.putIfAbsent(key, r);
            if (first != null) {
                add(Diagnostic.of(Code.GH309, r.meta().name().span(),
                        "duplicate " + r.meta().kind().wireName() + " `" + r.meta().key() + "`: the one applied last replaces the other",
                        "rename one of them").withRelated(new Related(first.meta().name().span(), "first defined here")));
            }
        }
    }

    // ------------------------------------------------------------------ agents

    private void agent(Agent a) {
        String ns = a.namespace();
        a.modelRef().ifPresent(ref -> {
            if (resolve(endpoints, ns, ref.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH301, ref.span(), "unknown model endpoint `" + ref.value() + "` in namespace `" + ns + "`"),
                        ref.value(), endpoints.names(ns)));
            }
        });
        for (Located<String> t : a.tools()) {
            if (t.value().contains("/")) {
                add(Diagnostic.of(Code.GH314, t.span(), "tool `" + t.value() + "` is not a bare name: orloj's task validation looks it up as written and fails",
                        "tools must live in the agent's namespace; write the tool's name"));
            } else if (tools.exact(ns, t.value()).isPresent()) {
                continue;
            } else if (mcpGenerated(ns, t.value()).isPresent()) {
                add(Diagnostic.of(Code.GH302, t.span(), "tool `" + t.value() + "` is generated at run time by McpServer `"
                        + mcpGenerated(ns, t.value()).get().name() + "`: gatehouse cannot see its risk, classes or capabilities and denies it",
                        "declare the tool as a Tool resource to govern it").withSeverity(dev.gatehouse.core.diag.Severity.WARNING));
            } else {
                Diagnostic d = Diagnostic.of(Code.GH302, t.span(), "unknown tool `" + t.value() + "` in namespace `" + ns + "`");
                Optional<Tool> folded = tools.folded(ns, t.value());
                d = folded.isPresent() ? d.withHelp("tool names are case-sensitive: did you mean `" + folded.get().name() + "`?")
                        : withHint(d, t.value(), tools.names(ns));
                add(d);
            }
        }
        boolean usesFallbackRole = false;
        for (Located<String> r : a.roles()) {
            if (roles.exact(ns, r.value()).isPresent()) {
                continue;
            }
            if (r.value().contains("/")) {
                String[] parts = r.value().split("/", 2);
                if (roles.exact(parts[0].strip(), parts[1].strip()).isPresent()) {
                    usesFallbackRole = true;
                    add(Diagnostic.of(Code.GH405, r.span(),
                            "role `" + r.value() + "` is reached in namespace `" + parts[0] + "`: orloj resolves it, gatehouse treats it as missing (F27)",
                            "copy the role into namespace `" + ns + "`"));
                    continue;
                }
            }
            Diagnostic d = Diagnostic.of(Code.GH303, r.span(), "unknown role `" + r.value() + "` in namespace `" + ns
                    + "`: every tool call outside allowed_tools is denied and orloj's task validation fails");
            Optional<AgentRole> folded = roles.folded(ns, r.value());
            d = folded.isPresent() ? d.withHelp("role names are case-sensitive: did you mean `" + folded.get().name() + "`?")
                    : withHint(d, r.value(), roles.names(ns));
            add(d);
        }
        a.memory().flatMap(Agent.MemoryBinding::ref).ifPresent(ref -> {
            if (memories.exact(ns, ref.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH304, ref.span(), "unknown memory `" + ref.value() + "` in namespace `" + ns + "`"),
                        ref.value(), memories.names(ns)));
            }
        });
        a.allowedTools().ifPresent(list -> {
            for (Located<String> t : list) {
                add(Diagnostic.of(Code.GH402, t.span(),
                        "`allowed_tools` entry `" + t.value() + "` bypasses roles, ToolPermissions and deny or approval verdicts in orloj (F7)",
                        "gatehouse still applies every ToolPermission rule; grant the tool through a role instead"));
                if (tools.folded(ns, t.value()).isEmpty()) {
                    add(withHint(Diagnostic.of(Code.GH313, t.span(), "`allowed_tools` names `" + t.value() + "`, which is no tool in namespace `" + ns + "`"),
                            t.value(), tools.names(ns)));
                }
            }
        });
        for (Located<String> t : a.execution().toolSequence()) {
            if (a.tools().stream().noneMatch(d -> d.value().equalsIgnoreCase(t.value()))) {
                add(withHint(Diagnostic.of(Code.GH313, t.span(), "`tool_sequence` names `" + t.value() + "`, which the agent does not declare in `spec.tools`"),
                        t.value(), a.tools().stream().map(Located::value).toList()));
            }
        }
        if (a.roles().isEmpty() && !usesFallbackRole) {
            for (Located<String> t : a.tools()) {
                boolean preauthorised = a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().equalsIgnoreCase(t.value()))).orElse(false);
                if (!preauthorised && tools.exact(ns, t.value()).isPresent() && applicableRules(a, t.value()).isEmpty()) {
                    add(Diagnostic.of(Code.GH401, t.span(),
                            "agent `" + a.name() + "` has no roles and no ToolPermission governs `" + t.value() + "`: orloj allows every call, gatehouse denies (F1)",
                            "give the agent a role that grants `" + dev.gatehouse.core.model.Permissions.toolPermission(t.value(), "invoke") + "`, or add a ToolPermission for the tool"));
                }
            }
        }
        blockedDeclarations(a);
    }

    /**
     * The McpServer that generates a tool of this name: {@code <server>--<tool with _ and . as ->}, the tool
     * among the server's {@code tool_filter.include} when it has one (ORLOJ.md §2.7).
     */
    private Optional<McpServer> mcpGenerated(String ns, String tool) {
        int sep = tool.indexOf("--");
        if (sep <= 0) {
            return Optional.empty();
        }
        String server = tool.substring(0, sep);
        String generated = tool.substring(sep + 2);
        return mcpServers.exact(ns, server).filter(m -> m.include().isEmpty()
                || m.include().stream().anyMatch(i -> i.value().replace('_', '-').replace('.', '-').equals(generated)));
    }

    /** ToolPermissions that apply to this agent's calls of a tool (ORLOJ.md §3.4 construction step 4). */
    private List<ToolPermission> applicableRules(Agent a, String tool) {
        List<ToolPermission> out = new ArrayList<>();
        for (ToolPermission p : rulesByTool.getOrDefault(a.namespace() + "\u0000" + tool.toLowerCase(Locale.ROOT), List.of())) {
            if (!p.scoped() || p.targetAgents().stream().anyMatch(t -> t.value().equalsIgnoreCase(a.name()))) {
                out.add(p);
            }
        }
        return out;
    }

    /** Orloj refuses a whole agent that declares a tool a matched policy blocks (ORLOJ.md §3.3). */
    private void blockedDeclarations(Agent a) {
        @SuppressWarnings("unchecked")
        Set<String>[] scope = scopes.getOrDefault(a.namespace() + "/" + a.name(), new Set[] {Set.of(), Set.of()});
        Set<String> agentSystems = scope[0];
        Set<String> agentTasks = scope[1];
        for (AgentPolicy p : policies) {
            boolean matches = p.global()
                    || p.targetSystems().stream().anyMatch(s -> agentSystems.contains(s.value().strip().toLowerCase(Locale.ROOT)))
                    || p.targetTasks().stream().anyMatch(t -> agentTasks.contains(t.value().strip().toLowerCase(Locale.ROOT)));
            if (!matches) {
                continue;
            }
            for (Located<String> t : a.tools()) {
                if (p.blockedTools().stream().anyMatch(b -> b.value().equalsIgnoreCase(t.value()))) {
                    add(Diagnostic.of(Code.GH215, t.span(),
                            "policy `" + p.name() + "` blocks tool `" + t.value() + "`, which agent `" + a.name() + "` declares: orloj refuses the whole agent before it runs",
                            "remove the tool from `spec.tools`; gatehouse denies only the blocked tool")
                            .withRelated(new Related(p.meta().name().span(), "the policy")));
                }
            }
        }
    }

    // ------------------------------------------------------------------ systems and tasks

    private void system(AgentSystem s) {
        String ns = s.namespace();
        Set<String> members = new HashSet<>();
        for (Located<String> a : s.agents()) {
            members.add(a.value());
            if (!a.value().isEmpty() && agents.exact(ns, a.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH305, a.span(), "unknown agent `" + a.value() + "` in namespace `" + ns + "`"),
                        a.value(), agents.names(ns)));
            }
        }
        for (AgentSystem.GraphNode n : s.graph()) {
            if (!members.contains(n.name().value())) {
                add(withHint(Diagnostic.of(Code.GH307, n.name().span(), "graph node `" + n.name().value() + "` is not listed in spec.agents"),
                        n.name().value(), List.copyOf(members)));
            }
            for (Located<String> to : n.targets()) {
                if (!members.contains(to.value())) {
                    add(withHint(Diagnostic.of(Code.GH307, to.span(), "graph edge `" + n.name().value() + "` -> `" + to.value() + "` points to an agent not in spec.agents"),
                            to.value(), List.copyOf(members)));
                }
            }
            AgentSystem.Join j = n.join();
            j.mode().filter(m -> !m.value().equals("wait_for_all") && !m.value().equals("quorum")).ifPresent(m ->
                    add(Diagnostic.of(Code.GH315, m.span(), "invalid join.mode `" + m.value() + "`: expected wait_for_all or quorum")));
            j.onFailure().filter(m -> !List.of("deadletter", "skip", "continue_partial").contains(m.value())).ifPresent(m ->
                    add(Diagnostic.of(Code.GH315, m.span(), "invalid join.on_failure `" + m.value() + "`: expected deadletter, skip or continue_partial")));
            j.quorumCount().filter(c -> c.value() < 0).ifPresent(c ->
                    add(Diagnostic.of(Code.GH315, c.span(), "join.quorum_count must be >= 0")));
            j.quorumPercent().filter(c -> c.value() < 0 || c.value() > 100).ifPresent(c ->
                    add(Diagnostic.of(Code.GH315, c.span(), "join.quorum_percent must be in 0..100")));
        }
    }

    private void task(Task t) {
        if (t.system().isEmpty()) {
            if (!t.template()) {
                add(Diagnostic.of(Code.GH203, t.meta().name().span(), "task `" + t.name() + "` has no spec.system: orloj fails it when it runs"));
            }
            return;
        }
        Located<String> sys = t.system().get();
        Optional<AgentSystem> s = systems.exact(t.namespace(), sys.value());
        if (s.isEmpty()) {
            add(withHint(Diagnostic.of(Code.GH306, sys.span(), "unknown agent system `" + sys.value() + "` in namespace `" + t.namespace() + "`"),
                    sys.value(), systems.names(t.namespace())));
            return;
        }
        if (s.get().agents().isEmpty()) {
            add(Diagnostic.of(Code.GH315, sys.span(), "agentsystem `" + sys.value() + "` has no spec.agents"));
            return;
        }
        GraphShape shape = GraphShape.of(s.get());
        if (shape.cyclic() && t.maxTurns() <= 0) {
            add(Diagnostic.of(Code.GH315, sys.span(), "agentsystem `" + sys.value() + "` graph contains a cycle; orloj refuses the task unless spec.max_turns > 0",
                    "set `max_turns` on the task"));
        }
        if (!shape.hasEntry() && !(shape.cyclic() && t.maxTurns() > 0)) {
            add(Diagnostic.of(Code.GH315, sys.span(), "agentsystem `" + sys.value() + "` graph has no entrypoint (no agent without incoming edges)"));
        }
    }

    /** Cycle and entry point of a system graph, as validateGraph reads it. */
    private record GraphShape(boolean cyclic, boolean hasEntry) {
        static GraphShape of(AgentSystem s) {
            Map<String, List<String>> edges = new HashMap<>();
            Map<String, Integer> indegree = new HashMap<>();
            for (Located<String> a : s.agents()) {
                indegree.putIfAbsent(a.value(), 0);
            }
            for (AgentSystem.GraphNode n : s.graph()) {
                for (Located<String> to : n.targets()) {
                    edges.computeIfAbsent(n.name().value(), k -> new ArrayList<>()).add(to.value());
                    indegree.merge(to.value(), 1, Integer::sum);
                }
            }
            boolean entry = indegree.values().stream().anyMatch(v -> v == 0);
            Map<String, Integer> remaining = new HashMap<>(indegree);
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
            remaining.forEach((k, v) -> {
                if (v == 0) {
                    queue.add(k);
                }
            });
            int visited = 0;
            while (!queue.isEmpty()) {
                String n = queue.poll();
                visited++;
                for (String to : edges.getOrDefault(n, List.of())) {
                    if (remaining.merge(to, -1, Integer::sum) == 0) {
                        queue.add(to);
                    }
                }
            }
            return new GraphShape(visited < remaining.size(), entry);
        }
    }

    // ------------------------------------------------------------------ governance rules

    private void permission(ToolPermission p) {
        String ns = p.namespace();
        Optional<Tool> tool = tools.folded(ns, p.toolRef().value());
        if (tool.isEmpty()) {
            add(withHint(Diagnostic.of(Code.GH302, p.toolRef().span(),
                    "ToolPermission `" + p.name() + "` governs `" + p.toolRef().value() + "`, which is no tool in namespace `" + ns + "`: the rule governs nothing",
                    "tool_ref defaults to metadata.name; name the tool this rule is meant for"), p.toolRef().value(), tools.names(ns)));
        }
        for (Located<String> t : p.targetAgents()) {
            if (agents.folded(ns, t.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH305, t.span(),
                        "target agent `" + t.value() + "` is no agent in namespace `" + ns + "`: the scoped rule does not apply to it"),
                        t.value(), agents.names(ns)));
            }
        }
        if (!p.operationRules().isEmpty() && tool.isPresent()) {
            boolean star = p.operationRules().stream().anyMatch(r -> r.operationClass().value().equals("*"));
            if (!star) {
                for (Located<String> cls : tool.get().operationClasses()) {
                    boolean covered = p.operationRules().stream().anyMatch(r -> r.operationClass().value().equals(cls.value()));
                    if (!covered) {
                        add(Diagnostic.of(Code.GH404, p.operationRules().get(0).span(),
                                "no operation rule covers class `" + cls.value() + "` of tool `" + tool.get().name() + "` and there is no `*` rule: orloj allows it, gatehouse denies (F9)",
                                "add a rule for `" + cls.value() + "` or a `\"*\"` rule"));
                    }
                }
            }
        }
    }

    private void policy(AgentPolicy p) {
        for (Located<String> s : p.targetSystems()) {
            if (!systems.anyNamespace(s.value().strip())) {
                add(withHint(Diagnostic.of(Code.GH306, s.span(),
                        "policy `" + p.name() + "` targets system `" + s.value() + "`, which exists in no namespace: the policy does not apply to it"),
                        s.value(), systems.allNames()));
            }
        }
        for (Located<String> t : p.targetTasks()) {
            Optional<Task> task = tasks.all().stream().filter(x -> x.name().equalsIgnoreCase(t.value().strip())).findFirst();
            if (task.isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH308, t.span(),
                        "policy `" + p.name() + "` targets task `" + t.value() + "`, which exists in no namespace: the policy does not apply to it"),
                        t.value(), tasks.allNames()));
            } else if (task.get().template()) {
                add(Diagnostic.of(Code.GH408, t.span(),
                        "policy `" + p.name() + "` targets template task `" + t.value() + "`: scheduled and webhook runs get generated names and never match (F6)",
                        "target the system instead"));
            }
        }
        Set<String> models = new HashSet<>();
        for (ModelEndpoint e : endpoints.all()) {
            e.defaultModel().ifPresent(m -> models.add(m.value().toLowerCase(Locale.ROOT)));
        }
        for (Located<String> m : p.allowedModels()) {
            if (!models.contains(m.value().toLowerCase(Locale.ROOT))) {
                Optional<ModelEndpoint> byName = endpoints.all().stream().filter(e -> e.name().equalsIgnoreCase(m.value())).findFirst();
                Diagnostic d = Diagnostic.of(Code.GH312, m.span(), "allowed model `" + m.value() + "` is no endpoint's default_model: it allows nothing");
                d = byName.isPresent() && byName.get().defaultModel().isPresent()
                        ? d.withHelp("`" + m.value() + "` is an endpoint name; allowed_models holds model ids such as `" + byName.get().defaultModel().get().value() + "`")
                        : withHint(d, m.value(), models.stream().sorted().toList());
                add(d);
            }
        }
        for (Located<String> b : p.blockedTools()) {
            String v = b.value().toLowerCase(Locale.ROOT);
            if (v.startsWith("memory.")) {
                add(Diagnostic.of(Code.GH412, b.span(), "blocking memory built-in tool `" + b.value() + "` has no effect in orloj (F18)",
                        "remove `" + v.substring(7) + "` from the agents' `memory.allow` instead"));
            } else if (!tools.anyNamespace(b.value())) {
                add(withHint(Diagnostic.of(Code.GH313, b.span(), "blocked tool `" + b.value() + "` is no tool in any namespace"),
                        b.value(), tools.allNames()));
            }
        }
    }

    private void tool(Tool t) {
        t.auth().flatMap(Tool.Auth::secretRef).ifPresent(s -> secretRef(t, s));
        t.mcpServerRef().ifPresent(ref -> {
            if (mcpServers.exact(t.namespace(), ref.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH311, ref.span(), "unknown mcp server `" + ref.value() + "` in namespace `" + t.namespace() + "`"),
                        ref.value(), mcpServers.names(t.namespace())));
            }
        });
    }

    private void memory(Memory m) {
        m.secretRef().ifPresent(s -> secretRef(m, s));
        m.embeddingModel().ifPresent(e -> {
            if (resolve(endpoints, m.namespace(), e.value()).isEmpty()) {
                add(withHint(Diagnostic.of(Code.GH301, e.span(), "unknown model endpoint `" + e.value() + "` for embeddings")
                        .withSeverity(dev.gatehouse.core.diag.Severity.WARNING), e.value(), endpoints.names(m.namespace())));
            }
        });
    }

    /** {@code [namespace/]name[:key]}, key defaulting to value; a cross-namespace secret is F27. */
    private void secretRef(Resource owner, Located<String> ref) {
        String v = ref.value();
        String nameAndNs = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
        String ns = owner.namespace();
        String name = nameAndNs;
        if (nameAndNs.contains("/")) {
            ns = nameAndNs.substring(0, nameAndNs.indexOf('/'));
            name = nameAndNs.substring(nameAndNs.indexOf('/') + 1);
            if (!ns.equals(owner.namespace())) {
                add(Diagnostic.of(Code.GH405, ref.span(), "secret `" + v + "` is read from namespace `" + ns + "` (F27)",
                        "keep secrets in the namespace of the resource that uses them"));
            }
        }
        if (secrets.exact(ns, name).isEmpty()) {
            add(withHint(Diagnostic.of(Code.GH310, ref.span(), "unknown secret `" + name + "` in namespace `" + ns + "`"),
                    name, secrets.names(ns)));
        }
    }

    private void templateRef(Resource owner, Located<String> ref) {
        String v = ref.value();
        String ns = owner.namespace();
        String name = v;
        if (v.contains("/")) {
            ns = v.substring(0, v.indexOf('/'));
            name = v.substring(v.indexOf('/') + 1);
        }
        Optional<Task> t = tasks.exact(ns, name);
        if (t.isEmpty()) {
            add(withHint(Diagnostic.of(Code.GH308, ref.span(), "unknown task template `" + v + "`").withSeverity(dev.gatehouse.core.diag.Severity.WARNING),
                    name, tasks.names(ns)));
        } else if (!t.get().template()) {
            add(Diagnostic.of(Code.GH212, ref.span(), "task `" + v + "` must set spec.mode=template to be triggered",
                    "set `mode: template` on the task").withSeverity(dev.gatehouse.core.diag.Severity.WARNING));
        }
    }

    private void approval(ToolApproval a) {
        a.taskRef().ifPresent(r -> {
            String name = r.value().contains("/") ? r.value().substring(r.value().indexOf('/') + 1) : r.value();
            if (!tasks.anyNamespace(name)) {
                add(Diagnostic.of(Code.GH308, r.span(), "approval names task `" + r.value() + "`, which does not exist")
                        .withSeverity(dev.gatehouse.core.diag.Severity.WARNING));
            }
        });
    }

    /** {@code name} in the namespace, else {@code ns/name} read across namespaces (model_ref, roles). */
    private static <T extends Resource> Optional<T> resolve(Names<T> names, String ns, String ref) {
        Optional<T> direct = names.exact(ns, ref);
        if (direct.isPresent() || !ref.contains("/")) {
            return direct;
        }
        String[] parts = ref.split("/", 2);
        return names.exact(parts[0].strip(), parts[1].strip());
    }


}
