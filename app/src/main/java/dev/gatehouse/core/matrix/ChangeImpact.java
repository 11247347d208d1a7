package dev.gatehouse.core.matrix;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.model.WorkspaceDelta;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which cells of a tools matrix an edit of some files can change: the rows of {@code agents} (by name), the
 * columns of tools whose trimmed, lowercased name is in {@code toolKeys} (and, with {@code slashTools}, every
 * tool whose name holds a {@code /}, which Orloj's registry may resolve in another namespace), or
 * {@code everything}. Worked out from the resources of the changed files before and after the edit, in both
 * readings, by what the engine reads for one cell: it errs towards recomputing more, never less.
 */
record ChangeImpact(boolean everything, Set<String> agents, Set<String> toolKeys, boolean slashTools) {
    private static final ChangeImpact EVERYTHING = new ChangeImpact(true, Set.of(), Set.of(), true);

    /** The columns, among {@code columns}, this impact makes stale. */
    Set<String> tools(Collection<String> columns) {
        Set<String> out = new HashSet<>();
        for (String c : columns) {
            if (toolKeys.contains(key(c)) || slashTools && c.contains("/")) {
                out.add(c);
            }
        }
        return out;
    }

    static ChangeImpact of(DecisionEngine beforeEngine, DecisionEngine afterEngine, Collection<SourceId> changedFiles, Context ctx) {
        Workspace before = beforeEngine.workspace();
        Workspace after = afterEngine.workspace();
        // The delta the new engine was compiled with, when it is of this very edit; otherwise worked out here.
        Optional<WorkspaceDelta> delta = afterEngine.delta().filter(d -> d.of(before, after, changedFiles));
        if (delta.isEmpty()) {
            delta = WorkspaceDelta.between(before, after, changedFiles);
        }
        if (delta.isEmpty()) {
            // A file read as nothing, or the workspaces differ outside the files said to have changed.
            return EVERYTHING;
        }
        List<Workspace> both = List.of(before, after);
        List<Resource> resources = delta.get().resources();
        boolean errors = beforeEngine.errorsIn(changedFiles) || afterEngine.errorsIn(changedFiles);
        Set<String> agents = new HashSet<>();
        Set<String> toolKeys = new HashSet<>();
        Set<String> roles = new HashSet<>();
        boolean slashTools = false;
        for (Resource r : resources) {
            switch (r.meta().kind()) {
                case TOOL_PERMISSION -> {
                    // The rules of a tool are looked up by lowercased tool_ref, and decide its column only.
                    toolKeys.add(key(((ToolPermission) r).toolRef().value()));
                    toolKeys.add(key(r.name()));
                }
                case SECRET, MCP_SERVER, TASK_SCHEDULE, TASK_WEBHOOK, WORKER, TOOL_APPROVAL -> {
                    // No tool-call decision reads these kinds.
                }
                default -> {
                    // In a task context Orloj validates every member of the task's system for every call, so
                    // any of the other kinds can refuse (or admit) every agent of the matrix.
                    if (ctx.task().isPresent()) {
                        return EVERYTHING;
                    }
                    switch (r.meta().kind()) {
                        case AGENT -> agents.add(r.name());
                        case AGENT_ROLE -> roles.add(r.name());
                        case TOOL -> {
                            // Its column (cells of every spelling of the name look it up), and the rows of agents
                            // declaring it, whom Orloj's task validation refuses while it does not exist.
                            toolKeys.add(key(r.name()));
                            slashTools = true;
                            agents.addAll(agentsDeclaring(both, key(r.name())));
                        }
                        case MODEL_ENDPOINT -> agents.addAll(agentsReferring(both, r.name(), true));
                        case MEMORY -> agents.addAll(agentsReferring(both, r.name(), false));
                        case AGENT_POLICY -> {
                            // Every decision's exposures list the reading items of every policy.
                            if (errors) {
                                return EVERYTHING;
                            }
                            AgentPolicy p = (AgentPolicy) r;
                            if (p.global()) {
                                return EVERYTHING;
                            }
                            Set<String> matched = scopedPolicyAgents(both, p, ctx);
                            if (matched == null) {
                                return EVERYTHING;
                            }
                            agents.addAll(matched);
                        }
                        case AGENT_SYSTEM -> {
                            // Without context, membership decides which scoped policies match its agents; with a
                            // system named, the rows are its members, which the new engine lists anyway.
                            if (ctx.none()) {
                                ((AgentSystem) r).agents().forEach(a -> agents.add(a.value()));
                            }
                        }
                        case TASK -> {
                            // Without context, a task brings the scoped policies that target it to every member
                            // of the system it runs (its old system and its new one: both versions are here).
                            // With a system named, tasks take no part in matching.
                            if (ctx.none()) {
                                ((Task) r).system().ifPresent(sys -> agents.addAll(members(both, key(sys.value()))));
                            }
                        }
                        default -> {
                            return EVERYTHING;
                        }
                    }
                }
            }
        }
        if (!roles.isEmpty()) {
            agents.addAll(beforeEngine.agentsNamingRoles(roles));
            agents.addAll(afterEngine.agentsNamingRoles(roles));
        }
        return new ChangeImpact(false, agents, toolKeys, slashTools);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Every agent, in either workspace and either reading. */
    private static List<Agent> allAgents(List<Workspace> workspaces) {
        List<Agent> out = new ArrayList<>(8192);
        for (Workspace ws : workspaces) {
            for (Manifest m : ws.manifests()) {
                if (m.resource() instanceof Agent a) {
                    out.add(a);
                }
            }
            for (Resource r : ws.orloj().loaded()) {
                if (r instanceof Agent a) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Agents declaring a tool of that trimmed, lowercased name, or any tool with a {@code /}. */
    private static Set<String> agentsDeclaring(List<Workspace> workspaces, String toolKey) {
        Set<String> out = new HashSet<>();
        for (Agent a : allAgents(workspaces)) {
            for (Located<String> t : a.tools()) {
                if (t.value().indexOf('/') >= 0 || key(t.value()).equals(toolKey)) {
                    out.add(a.name());
                    break;
                }
            }
        }
        return out;
    }

    /** Agents whose {@code model_ref} (or memory) names it, or for model_ref, names any endpoint across namespaces. */
    private static Set<String> agentsReferring(List<Workspace> workspaces, String name, boolean model) {
        Set<String> out = new HashSet<>();
        for (Agent a : allAgents(workspaces)) {
            Set<String> refs = new HashSet<>();
            if (model) {
                a.modelRef().ifPresent(m -> refs.add(m.value()));
            } else {
                a.memory().flatMap(Agent.MemoryBinding::ref).ifPresent(m -> refs.add(m.value()));
            }
            if (refs.contains(name) || model && refs.stream().anyMatch(x -> x.contains("/"))) {
                out.add(a.name());
            }
        }
        return out;
    }

    /** Members of the systems of that trimmed, lowercased name, in either workspace and reading. */
    private static Set<String> members(List<Workspace> workspaces, String systemKey) {
        Set<String> out = new HashSet<>();
        for (Workspace ws : workspaces) {
            List<Resource> all = new ArrayList<>();
            ws.manifests().forEach(m -> all.add(m.resource()));
            all.addAll(ws.orloj().loaded());
            for (Resource r : all) {
                if (r instanceof AgentSystem s && key(s.name()).equals(systemKey)) {
                    s.agents().forEach(a -> out.add(a.value()));
                }
            }
        }
        return out;
    }

    /**
     * The agents a scoped policy can match in this context, or null for all of them. With a system named, the
     * scope is that system for every agent (a task context never gets here): all or none. Without context, the
     * members of its target systems and of the systems its target tasks run.
     */
    private static Set<String> scopedPolicyAgents(List<Workspace> workspaces, AgentPolicy p, Context ctx) {
        Set<String> systems = new HashSet<>();
        p.targetSystems().forEach(s -> systems.add(key(s.value())));
        Set<String> tasks = new HashSet<>();
        p.targetTasks().forEach(t -> tasks.add(key(t.value())));
        if (!ctx.none()) {
            return ctx.system().map(s -> systems.contains(key(s))).orElse(true) ? null : Set.of();
        }
        for (Workspace ws : workspaces) {
            List<Resource> all = new ArrayList<>();
            ws.manifests().forEach(m -> all.add(m.resource()));
            all.addAll(ws.orloj().loaded());
            for (Resource r : all) {
                if (r instanceof Task t && tasks.contains(key(t.name()))) {
                    t.system().map(Located::value).ifPresent(s -> systems.add(key(s)));
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String s : systems) {
            out.addAll(members(workspaces, s));
        }
        return out;
    }
}
