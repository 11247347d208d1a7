package dev.gatehouse.core.engine;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Permissions;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.SourceSummary;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.model.WorkspaceDelta;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place access is decided. Compiled once from a workspace into two worlds — the strict reading and the
 * workspace as Orloj loads it — it answers tool calls, model use and data access with two verdicts each:
 * {@code strict} (SEMANTICS.md, fail-closed) and {@code orloj} (ORLOJ.md §3–5, sequential mode), the exposure
 * when Orloj is more permissive, what is missing to pass, and the trace of the checks that ran.
 * Never throws on a well-formed question about a broken workspace: whatever cannot decide, denies.
 */
public final class DecisionEngine {
    private static final String STRICT = "strict";
    private static final String ORLOJ = "orloj";

    private final Workspace workspace;
    final World strict;
    final World orloj;
    final Set<Resource> broken = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<SourceId, String> rejected;
    final List<SourceId> unreadable = new ArrayList<>();
    final Map<SourceId, List<Diagnostic>> errorsByFile = new HashMap<>();
    private final ToolCallIndex toolCalls;
    private final WorkspaceDelta delta;
    private final AgentsByRole agentsByRole;

    /** Memos of agent-level facts; the engine is immutable, so they never go stale. Keyed by identity and context. */
    private final Map<Object, Object> memo = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.putIfAbsent(key, v);
        }
        return (T) v;
    }

    private record MemoKey(String what, Object world, Object subject, Object context) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MemoKey k && k.what.equals(what) && k.world == world && k.subject == subject && java.util.Objects.equals(k.context, context);
        }

        @Override
        public int hashCode() {
            return what.hashCode() * 31 + System.identityHashCode(world) * 17 + System.identityHashCode(subject) * 7 + java.util.Objects.hashCode(context);
        }
    }

    private DecisionEngine(Workspace workspace, DecisionEngine previous, Collection<SourceId> changed) {
        this.workspace = workspace;
        List<Resource> strictResources = new ArrayList<>();
        for (Manifest m : workspace.manifests()) {
            strictResources.add(m.resource());
            if (m.broken()) {
                broken.add(m.resource());
            }
        }
        this.delta = previous == null || changed == null ? null
                : WorkspaceDelta.between(previous.workspace, workspace, changed).orElse(null);
        World strictAfter = null;
        World orlojAfter = null;
        if (delta != null) {
            strictAfter = World.after(previous.strict, resources(delta.manifestsBefore()), resources(delta.manifestsAfter()));
            orlojAfter = World.after(previous.orloj, delta.loadedBefore(), delta.loadedAfter());
        }
        this.strict = strictAfter != null ? strictAfter : new World(strictResources);
        this.orloj = orlojAfter != null ? orlojAfter : new World(workspace.orloj().loaded());
        this.rejected = workspace.orloj().rejected();
        for (Diagnostic d : workspace.diagnostics()) {
            if (d.isError()) {
                errorsByFile.computeIfAbsent(d.span().file(), k -> new ArrayList<>()).add(d);
            }
        }
        for (SourceSummary f : workspace.files()) {
            boolean kindUnread = f.resources().isEmpty() && errorsByFile.getOrDefault(f.path(), List.of()).stream()
                    .anyMatch(d -> d.code().codeClass() == Code.CodeClass.READ || d.code() == Code.GH110 || d.code() == Code.GH111);
            if (kindUnread) {
                unreadable.add(f.path());
            }
        }
        // Who names which role changes only with an Agent; shared, it is worked out once for a run of other edits.
        this.agentsByRole = delta != null && !delta.touches(Kind.AGENT) ? previous.agentsByRole : new AgentsByRole(workspace);
        this.toolCalls = new ToolCallIndex(this, delta == null ? null : previous.toolCalls, delta);
    }

    /** Whether one of {@code files} has an error diagnostic. */
    public boolean errorsIn(Collection<SourceId> files) {
        for (SourceId f : files) {
            if (errorsByFile.containsKey(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names of the agents of the workspace (either reading, every one of a name) that list one of
     * {@code roles} exactly, or list any role across namespaces ({@code ns/role}): those an edit of the roles
     * can affect.
     */
    public Set<String> agentsNamingRoles(Set<String> roles) {
        return agentsByRole.naming(roles);
    }

    /** Agents by the roles they list as written, made on first use (a matrix of one workspace never asks). */
    private static final class AgentsByRole {
        /** Until the index is made: then let go, as the index may outlive this workspace by many edits. */
        private Workspace workspace;
        private volatile Map<String, Set<String>> byRef;
        private volatile Set<String> crossNamespace;

        AgentsByRole(Workspace workspace) {
            this.workspace = workspace;
        }

        Set<String> naming(Set<String> roles) {
            if (byRef == null) {
                build();
            }
            Set<String> out = new HashSet<>(crossNamespace);
            for (String role : roles) {
                out.addAll(byRef.getOrDefault(role, Set.of()));
            }
            return out;
        }

        private synchronized void build() {
            if (byRef != null) {
                return;
            }
            Map<String, Set<String>> refs = new HashMap<>();
            Set<String> slashed = new HashSet<>();
            List<Resource> all = new ArrayList<>(resources(workspace.manifests()));
            all.addAll(workspace.orloj().loaded());
            for (Resource r : all) {
                if (r instanceof Agent a) {
                    for (Located<String> x : a.roles()) {
                        refs.computeIfAbsent(x.value(), k -> new HashSet<>()).add(a.name());
                        if (x.value().indexOf('/') >= 0) {
                            slashed.add(a.name());
                        }
                    }
                }
            }
            crossNamespace = slashed;
            byRef = refs;
            workspace = null;
        }
    }

    private static List<Resource> resources(List<Manifest> manifests) {
        List<Resource> out = new ArrayList<>(manifests.size());
        manifests.forEach(m -> out.add(m.resource()));
        return out;
    }

    /**
     * What changed between the workspace of the engine this one was compiled from and this one's, when it was
     * compiled after an edit and nothing but the edited files changed; null otherwise.
     */
    public Optional<WorkspaceDelta> delta() {
        return Optional.ofNullable(delta);
    }

    /** Compiles a workspace (diagnostics included) for decisions. */
    public static DecisionEngine compile(Workspace workspace) {
        return new DecisionEngine(workspace, null, null);
    }

    /**
     * Compiles {@code workspace}, the workspace of {@code previous} after an edit of the files {@code changed}
     * (added and deleted files included), taking from {@code previous} the compiled tables that edit cannot
     * affect. Answers exactly as {@link #compile(Workspace)} would; only faster after a small edit.
     */
    public static DecisionEngine compile(Workspace workspace, DecisionEngine previous, Collection<SourceId> changed) {
        return new DecisionEngine(workspace, previous, changed);
    }

    public Workspace workspace() {
        return workspace;
    }

    /** How many compiled agent rows came from the engine this one was compiled from (for tests). */
    int rowsTaken() {
        return toolCalls.rowsTaken();
    }

    // =================================================================================================== tool calls

    /**
     * Agent {@code agentName} in {@code ctx.namespace()} invokes tool {@code toolName}. Without a trace the
     * compiled tables answer ({@link ToolCallIndex}); with one, the step-by-step path below, which also supplies
     * the messages, {@code missing} and {@code involved} of the former when they are read.
     */
    public Answer decideTool(String agentName, String toolName, Context ctx, TraceSink trace) {
        return trace.enabled() ? tracedTool(agentName, toolName, ctx, trace) : toolCalls.decide(agentName, toolName, ctx);
    }

    /**
     * Every agent of {@code agents} × every tool of {@code tools} in one context, without trace, packed one int
     * per cell; a cell read as an {@link Answer} is exactly {@link #decideTool} with {@link TraceSink#NONE}.
     */
    public DecisionGrid decideTools(List<String> agents, List<String> tools, Context ctx) {
        return toolCalls.grid(agents, tools, ctx, null, Set.of(), Set.of());
    }

    /**
     * As {@link #decideTools(List, List, Context)}, reusing the cells of {@code previous} (same context, decided
     * by an earlier engine) for every agent and tool it has that is not in {@code staleAgents} or
     * {@code staleTools}: the caller vouches that the change between the two engines cannot affect those cells.
     */
    public DecisionGrid decideTools(List<String> agents, List<String> tools, Context ctx, DecisionGrid previous,
                                    Set<String> staleAgents, Set<String> staleTools) {
        if (!previous.context().equals(ctx)) {
            throw new IllegalArgumentException("previous grid decided in " + previous.context() + ", not " + ctx);
        }
        return toolCalls.grid(agents, tools, ctx, previous, staleAgents, staleTools);
    }

    /** A tool-call answer from known outcomes (a grid cell), its messages and lists to come from the traced path. */
    Answer toolAnswer(String agentName, String toolName, Context ctx, int strictOutcome, int orlojOutcome, List<String> exposures) {
        return toolCalls.answer(agentName, toolName, ctx, strictOutcome, orlojOutcome, exposures, exposures.stream().findFirst());
    }

    /** The step-by-step tool-call path, recording into {@code trace} when it is enabled. */
    Answer tracedTool(String agentName, String toolName, Context ctx, TraceSink trace) {
        Run s = new Run(STRICT, trace);
        Decision strictDecision = strictTool(agentName, toolName, ctx, s);
        Run o = new Run(ORLOJ, trace);
        Decision orlojDecision = orlojTool(agentName, toolName, ctx, o);
        List<String> exposures = strictDecision.morePermissiveThan(orlojDecision) || !orlojDecision.morePermissiveThan(strictDecision)
                ? List.of() : toolExposures(agentName, toolName, ctx, strictDecision.reason(), orlojDecision.reason());
        List<String> involved = new ArrayList<>(s.involved);
        o.involved.stream().filter(x -> !involved.contains(x)).forEach(involved::add);
        List<TraceStep> steps = trace instanceof TraceSink.Recording r ? r.steps() : List.of();
        return new Answer(strictDecision, orlojDecision, exposures.stream().findFirst(), exposures,
                strictDecision.verdict() == Verdict.ALLOW ? List.of() : s.missing, involved, steps);
    }

    /** One evaluation's bookkeeping: the trace side, the missing items, the manifests involved. */
    private static final class Run {
        final String side;
        final TraceSink trace;
        final List<Missing> missing = new ArrayList<>();
        final List<String> involved = new ArrayList<>();

        Run(String side, TraceSink trace) {
            this.side = side;
            this.trace = trace;
        }

        void step(String check, String result, Span source) {
            if (trace.enabled()) {
                trace.step(side, check, result, source);
            }
        }

        boolean on() {
            return trace.enabled();
        }

        void involve(Resource r) {
            String name = r.meta().kind().wireName() + "/" + r.name();
            if (!involved.contains(name)) {
                involved.add(name);
            }
        }

        Decision decide(Decision d, String check, Span source) {
            step(check, d.verdict().wireName() + " (" + d.reason().wireName() + "): " + d.message(), source);
            return d;
        }
    }

    // --------------------------------------------------------------------------------------------------- strict

    private Decision strictTool(String agentName, String toolName, Context ctx, Run r) {
        String ns = ctx.namespace();
        Optional<Agent> found = strict.agent(ns, agentName);
        if (found.isEmpty()) {
            r.missing.add(new Missing("agent", agentName, "create an Agent `" + agentName + "` in namespace `" + ns + "`"));
            return r.decide(Decision.deny(ReasonCode.UNKNOWN_AGENT, "no agent `" + agentName + "` in namespace `" + ns + "`"),
                    "0 agent exists", null);
        }
        Agent a = found.get();
        r.involve(a);
        if (r.on()) {
            r.step("0 agent exists", "agent `" + a.name() + "` found", a.meta().name().span());
        }
        Optional<Located<String>> declared = Optional.ofNullable(declaredByKey(a).get(toolName.strip().toLowerCase(Locale.ROOT)));
        String tool = declared.map(Located::value).orElse(toolName.strip());

        Optional<Decision> brokenDecision = strictBroken(a, tool, ctx, r);
        if (brokenDecision.isPresent()) {
            return brokenDecision.get();
        }
        r.step("1 manifests readable", "no error in the manifests this call depends on", null);

        if (declared.isEmpty()) {
            r.missing.add(new Missing("declaration", tool, "add `" + tool + "` to `spec.tools` of agent `" + a.name() + "`"));
            return r.decide(Decision.deny(ReasonCode.NOT_DECLARED, "Tool not available: `" + tool + "` is not in spec.tools of agent `" + a.name() + "`"),
                    "2 tool declared", a.meta().span());
        }
        if (r.on()) {
            r.step("2 tool declared", "`" + tool + "` is in spec.tools", declared.get().span());
        }

        Optional<Tool> t = strict.tool(ns, tool);
        if (t.isEmpty()) {
            r.missing.add(new Missing("tool", tool, "create a Tool `" + tool + "` in namespace `" + ns + "`"));
            return r.decide(Decision.deny(ReasonCode.UNKNOWN_TOOL, "no tool `" + tool + "` in namespace `" + ns + "`"),
                    "3 tool exists", declared.get().span());
        }
        r.involve(t.get());
        if (r.on()) {
            r.step("3 tool exists", "tool `" + tool + "` found", t.get().meta().name().span());
        }

        for (AgentPolicy p : matchedPolicies(strict, a, ctx)) {
            r.involve(p);
            Optional<Located<String>> block = p.blockedTools().stream().filter(b -> b.value().strip().equalsIgnoreCase(tool)).findFirst();
            if (block.isPresent()) {
                r.missing.add(new Missing("policy", p.name(), "remove `" + tool + "` from `blocked_tools` of AgentPolicy `" + p.name() + "`"));
                return r.decide(Decision.deny(ReasonCode.BLOCKED_BY_POLICY, "policy \"" + p.name() + "\" blocks tool \"" + tool + "\" for agent \"" + a.name() + "\""),
                        "4 not blocked by policy", block.get().span());
            }
        }
        if (r.on()) {
            r.step("4 not blocked by policy", "no matched AgentPolicy blocks `" + tool + "`", null);
        }

        List<String> missingRoles = new ArrayList<>();
        Span roleSpan = null;
        for (Located<String> role : a.roles()) {
            Optional<AgentRole> found2 = strict.roles.containsKey(World.key(ns, role.value())) ? Optional.of(strict.roles.get(World.key(ns, role.value()))) : Optional.empty();
            if (found2.isEmpty() || broken.contains(found2.get())) {
                missingRoles.add(role.value());
                roleSpan = roleSpan == null ? role.span() : roleSpan;
            } else {
                r.involve(found2.get());
            }
        }
        if (!missingRoles.isEmpty()) {
            for (String m : missingRoles) {
                String detail = strict.roleIsCrossNamespace(ns, m) ? "role `" + m + "` lives in another namespace: copy it into `" + ns + "` (F27)"
                        : strict.roles.containsKey(World.key(ns, m)) ? "fix the errors in AgentRole `" + m + "`"
                        : "create an AgentRole `" + m + "` in namespace `" + ns + "` or remove it from the agent";
                r.missing.add(new Missing("role", m, detail));
            }
            return r.decide(Decision.deny(ReasonCode.MISSING_ROLE, "agent `" + a.name() + "` names role" + (missingRoles.size() > 1 ? "s " : " ")
                    + quoteAll(missingRoles) + " that " + (missingRoles.size() > 1 ? "do" : "does") + " not exist in namespace `" + ns + "`"), "5 roles exist", roleSpan);
        }
        r.step("5 roles exist", a.roles().isEmpty() ? "agent has no roles" : "all roles found", null);

        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (!p.allows() && Glob.of(p.resource().value()).matchesIgnoringCase(tool) && Glob.actionMatches(p.action().value(), "invoke")) {
                r.missing.add(new Missing("policy", p.resource().value(), "remove the `effect: deny` seed policy on `" + p.resource().value() + "` of agent `" + a.name() + "`"));
                return r.decide(Decision.deny(ReasonCode.EXPLICIT_DENY, "seed policy denies `" + p.resource().value() + "` (" + p.action().value() + ") for agent `" + a.name() + "`"),
                        "6 no explicit deny", p.effect().span());
            }
        }
        if (r.on()) {
            r.step("6 no explicit deny", "no seed policy denies `" + tool + "`", null);
        }

        Set<String> granted = granted(strict, a, false);
        boolean preauthorised = a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().strip().equalsIgnoreCase(tool))).orElse(false);
        List<ToolPermission> rules = strict.rules(a, tool);
        if (!rules.isEmpty()) {
            return strictRules(a, t.get(), tool, rules, granted, preauthorised, r);
        }
        if (r.on()) {
            r.step("7 ToolPermission rules", "no rule governs `" + tool + "` for this agent", null);
        }

        if (preauthorised) {
            return r.decide(Decision.allow(ReasonCode.PREAUTHORIZED, "`" + tool + "` is pre-authorised in allowed_tools of agent `" + a.name() + "`"),
                    "8 allowed_tools", a.allowedTools().get().stream().filter(x -> x.value().strip().equalsIgnoreCase(tool)).findFirst().map(Located::span).orElse(null));
        }
        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (p.allows() && Glob.of(p.resource().value()).matchesExactly(tool) && Glob.actionMatches(p.action().value(), "invoke")) {
                return r.decide(Decision.allow(ReasonCode.SEED_GRANT, "seed policy allows `" + p.resource().value() + "` (" + p.action().value() + ") for agent `" + a.name() + "`"),
                        "9 seed policy grant", p.effect().span());
            }
        }
        if (!a.roles().isEmpty()) {
            List<String> required = defaultPermissions(t.get(), tool, "invoke");
            List<String> missing = required.stream().filter(p -> !granted.contains(p)).toList();
            if (missing.isEmpty()) {
                return r.decide(Decision.allow(ReasonCode.ROLE_GRANT, "roles of agent `" + a.name() + "` grant " + String.join(", ", required)),
                        "10 role grant", a.roles().get(0).span());
            }
            for (String m : missing) {
                r.missing.add(new Missing("permission", m, "granted by no role of `" + a.name() + "`: add it to one of " + quoteAll(names(a.roles()))));
            }
            return r.decide(Decision.deny(ReasonCode.MISSING_PERMISSION, "policy permission denied for tool=" + tool + " required=" + String.join(",", missing)),
                    "10 role grant", a.roles().get(0).span());
        }
        r.missing.add(new Missing("role", Permissions.toolPermission(tool, "invoke"),
                "give agent `" + a.name() + "` a role granting `" + String.join("`, `", defaultPermissions(t.get(), tool, "invoke")) + "`"));
        return r.decide(Decision.deny(ReasonCode.NO_GRANT, "nothing grants `" + tool + "` to agent `" + a.name() + "` (no roles, no rule, no allowed_tools, no seed grant)"),
                "11 default deny", a.meta().name().span());
    }

    /** Step 1: the agent, the tool, the rules for it and the matched policies must all be readable. */
    private Optional<Decision> strictBroken(Agent a, String tool, Context ctx, Run r) {
        String check = "1 manifests readable";
        if (broken.contains(a)) {
            r.missing.add(new Missing("manifest", a.meta().file().path(), "fix the errors in " + a.meta().file().path()));
            return Optional.of(r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "agent `" + a.name() + "` has errors in " + a.meta().file().path()),
                    check, firstError(a).orElse(a.meta().span())));
        }
        if (!unreadable.isEmpty()) {
            SourceId f = unreadable.get(0);
            r.missing.add(new Missing("manifest", f.path(), "fix " + f.path() + ": a file whose kind cannot be read may govern any call"));
            return Optional.of(r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "file " + f.path() + " cannot be read, so it may govern this call"),
                    check, errorsByFile.get(f).get(0).span()));
        }
        Optional<Tool> t = strict.tool(a.namespace(), tool);
        if (t.isPresent() && broken.contains(t.get())) {
            r.missing.add(new Missing("manifest", t.get().meta().file().path(), "fix the errors in Tool `" + tool + "`"));
            return Optional.of(r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "tool `" + tool + "` has errors in " + t.get().meta().file().path()),
                    check, firstError(t.get()).orElse(t.get().meta().span())));
        }
        List<ToolPermission> all = strict.rulesByTool.getOrDefault(a.namespace() + "\u0000" + tool.toLowerCase(Locale.ROOT), List.of());
        for (ToolPermission p : all) {
            if (broken.contains(p)) {
                r.missing.add(new Missing("manifest", p.meta().file().path(), "fix the errors in ToolPermission `" + p.name() + "`"));
                return Optional.of(r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "ToolPermission `" + p.name() + "` governing `" + tool + "` has errors in " + p.meta().file().path()),
                        check, firstError(p).orElse(p.meta().span())));
            }
        }
        for (AgentPolicy p : brokenPolicies(a, ctx)) {
            {
                r.missing.add(new Missing("manifest", p.meta().file().path(), "fix the errors in AgentPolicy `" + p.name() + "`"));
                return Optional.of(r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "AgentPolicy `" + p.name() + "` matching agent `" + a.name() + "` has errors in " + p.meta().file().path()),
                        check, firstError(p).orElse(p.meta().span())));
            }
        }
        return Optional.empty();
    }

    List<AgentPolicy> brokenPolicies(Agent a, Context ctx) {
        return memo(new MemoKey("brokenPolicies", strict, a, ctx), () -> {
            List<AgentPolicy> out = new ArrayList<>();
            Set<String>[] scope = scope(strict, a, ctx);
            for (AgentPolicy p : strict.policies) {
                if (broken.contains(p) && matches(p, scope)) {
                    out.add(p);
                }
            }
            return out;
        });
    }

    /** Step 7: every applicable rule must pass (F8 and F9 closed); verdicts combine deny > approval > allow. */
    private Decision strictRules(Agent a, Tool t, String tool, List<ToolPermission> rules, Set<String> granted, boolean preauthorised, Run r) {
        Verdict aggregate = Verdict.ALLOW;
        ToolPermission decisive = null;
        for (ToolPermission rule : rules) {
            r.involve(rule);
            List<String> required = rule.requiredPermissions().isEmpty() ? defaultPermissions(t, tool, rule.action().value())
                    : normalized(rule.requiredPermissions());
            if (!preauthorised && !passes(granted, required, rule.matchAny())) {
                List<String> missing = rule.matchAny() ? required : required.stream().filter(p -> !granted.contains(p)).toList();
                for (String m : missing) {
                    r.missing.add(new Missing("permission", m, (rule.matchAny() ? "one of these, " : "")
                            + "required by ToolPermission `" + rule.name() + "` and granted by no role of `" + a.name() + "`"));
                }
                return r.decide(Decision.deny(ReasonCode.MISSING_PERMISSION, "policy permission denied for tool=" + tool + " rule=" + rule.name()
                        + (rule.matchAny() ? " required_any=" : " required=") + String.join(",", missing)), "7 rule `" + rule.name() + "` permissions",
                        rule.requiredPermissions().isEmpty() ? rule.meta().name().span() : rule.requiredPermissions().get(0).span());
            }
            if (r.on()) {
                r.step("7 rule `" + rule.name() + "` permissions", preauthorised ? "met by allowed_tools" : "granted", rule.meta().name().span());
            }
            if (!rule.operationRules().isEmpty()) {
                Verdict v = operationVerdict(rule, t, Verdict.DENY);
                if (r.on()) {
                    r.step("7 rule `" + rule.name() + "` operation classes " + names(t.operationClasses()), v.wireName(), rule.operationRules().get(0).span());
                }
                if (v.compareTo(aggregate) > 0) {
                    aggregate = v;
                    decisive = rule;
                }
            }
        }
        return switch (aggregate) {
            case DENY -> {
                r.missing.add(new Missing("rule", decisive.name(), "ToolPermission `" + decisive.name() + "` denies the operation classes "
                        + names(t.operationClasses()) + " of `" + tool + "`"));
                yield r.decide(Decision.deny(ReasonCode.OPERATION_DENIED, "policy operation denied for tool=" + tool), "7 operation verdict", decisive.operationRules().get(0).span());
            }
            case APPROVAL_REQUIRED -> {
                r.missing.add(new Missing("approval", tool, "a person must approve this call (ToolPermission `" + decisive.name() + "`)"));
                yield r.decide(Decision.approval(ReasonCode.APPROVAL_REQUIRED, "approval required for tool=" + tool), "7 operation verdict", decisive.operationRules().get(0).span());
            }
            default -> r.decide(Decision.allow(ReasonCode.RULE_GRANT, "every ToolPermission rule for `" + tool + "` passes"), "7 ToolPermission rules", rules.get(0).meta().name().span());
        };
    }

    // ---------------------------------------------------------------------------------------------------- orloj

    private Decision orlojTool(String agentName, String toolName, Context ctx, Run r) {
        Optional<Decision> refused = orlojAgentRuns(agentName, ctx, r);
        if (refused.isPresent()) {
            return refused.get();
        }
        Agent a = orloj.agent(ctx.namespace(), agentName).orElseThrow();
        Optional<Decision> policy = orlojPolicyRefusal(a, ctx, r);
        if (policy.isPresent()) {
            return policy.get();
        }
        // A. Selection gate: the request, trimmed and lowercased, against spec.tools.
        Map<String, String> available = available(a);
        String requested = toolName.strip();
        if (available.isEmpty()) {
            return r.decide(Decision.deny(ReasonCode.NOT_DECLARED, "agent \"" + a.name() + "\" has no tools: the tool request is ignored"), "A selection gate", a.meta().span());
        }
        String tool = available.get(requested.toLowerCase(Locale.ROOT));
        if (tool == null) {
            String allowed = memo(new MemoKey("allowedList", orloj, a, null), () -> String.join(",", new TreeSet<>(available.values())));
            return r.decide(Decision.deny(ReasonCode.NOT_DECLARED, "model requested unauthorized tool=" + requested + " allowed=" + allowed),
                    "A selection gate", a.meta().span());
        }
        if (r.on()) {
            r.step("A selection gate", "`" + tool + "` is available", null);
        }
        // C. Registry.
        Optional<Tool> t = orloj.tool(a.namespace(), tool);
        if (t.isEmpty() && tool.contains("/")) {
            int slash = tool.indexOf('/');
            t = orloj.tool(tool.substring(0, slash), tool.substring(slash + 1));
        }
        if (t.isEmpty()) {
            return r.decide(Decision.deny(ReasonCode.UNSUPPORTED_TOOL, "unsupported tool " + tool), "C registry", null);
        }
        r.involve(t.get());
        r.step("C registry", "tool resolved", t.get().meta().name().span());
        // D. Authoriser.
        if (a.allowedTools().map(l -> l.stream().anyMatch(x -> x.value().strip().equalsIgnoreCase(tool))).orElse(false)) {
            return r.decide(Decision.allow(ReasonCode.PREAUTHORIZED, "tool=" + tool + " is in allowed_tools"), "C1 allowed_tools", null);
        }
        List<String> missingRoles = new ArrayList<>();
        for (Located<String> role : a.roles()) {
            Optional<AgentRole> found = orloj.role(a.namespace(), role.value());
            if (found.isEmpty()) {
                missingRoles.add(role.value());
            } else {
                r.involve(found.get());
            }
        }
        if (!missingRoles.isEmpty()) {
            Collections.sort(missingRoles);
            return r.decide(Decision.deny(ReasonCode.MISSING_ROLE, "policy permission denied for tool=" + tool + " missing_roles=" + String.join(",", missingRoles)),
                    "C2 roles", null);
        }
        Set<String> granted = granted(orloj, a, true);
        List<ToolPermission> rules = orloj.rules(a, tool);
        if (rules.isEmpty() && a.roles().isEmpty()) {
            return r.decide(Decision.allow(ReasonCode.NO_ROLES_NO_RULES, "agent has no roles and no ToolPermission governs tool=" + tool), "C4 no rules, no roles", a.meta().name().span());
        }
        if (rules.isEmpty()) {
            List<String> required = defaultPermissions(t.get(), tool, "invoke");
            List<String> missing = required.stream().filter(p -> !granted.contains(p)).toList();
            return missing.isEmpty() ? r.decide(Decision.allow(ReasonCode.ROLE_GRANT, "roles grant " + String.join(",", required)), "C4' role default", null)
                    : r.decide(Decision.deny(ReasonCode.MISSING_PERMISSION, "policy permission denied for tool=" + tool + " required=" + String.join(",", missing)), "C4' role default", null);
        }
        Verdict aggregate = Verdict.ALLOW;
        for (ToolPermission rule : rules) {
            r.involve(rule);
            List<String> required = normalized(rule.requiredPermissions());
            if (required.isEmpty() && rule.operationRules().isEmpty()) {
                required = defaultPermissions(t.get(), tool, rule.action().value());
            }
            if (!required.isEmpty() && !passes(granted, required, rule.matchAny())) {
                List<String> missing = rule.matchAny() ? required : required.stream().filter(p -> !granted.contains(p)).toList();
                return r.decide(Decision.deny(ReasonCode.MISSING_PERMISSION, "policy permission denied for tool=" + tool + " rule=" + rule.name()
                        + (rule.matchAny() ? " required_any=" : " required=") + String.join(",", missing)), "C5b rule `" + rule.name() + "`", rule.meta().name().span());
            }
            if (!rule.operationRules().isEmpty()) {
                aggregate = aggregate.and(operationVerdict(rule, t.get(), Verdict.ALLOW));
            }
        }
        return switch (aggregate) {
            case DENY -> r.decide(Decision.deny(ReasonCode.OPERATION_DENIED, "policy operation denied for tool=" + tool), "C6 verdict", null);
            case APPROVAL_REQUIRED -> r.decide(Decision.approval(ReasonCode.APPROVAL_REQUIRED, "approval required for tool=" + tool), "C6 verdict", null);
            default -> r.decide(Decision.allow(ReasonCode.RULE_GRANT, "every rule for tool=" + tool + " passes"), "C6 verdict", null);
        };
    }

    /**
     * Why Orloj refuses every call of this agent in this context, if it does: it does not run it (task
     * validation), or a matched policy refuses it. The first two checks of {@link #orlojTool}, untraced.
     */
    Optional<Decision> orlojAgentRefusal(String agentName, Context ctx) {
        Run r = new Run(ORLOJ, TraceSink.NONE);
        Optional<Decision> refused = computeOrlojAgentRuns(agentName, ctx, r);
        if (refused.isPresent()) {
            return refused;
        }
        return computeOrlojPolicyRefusal(orloj.agent(ctx.namespace(), agentName).orElseThrow(), ctx, r);
    }

    /**
     * Whether Orloj runs the agent at all: it must load (its reader and Normalize accept it) and task validation
     * must pass (ORLOJ.md §5.2): with a task, every agent of its system; without one, the agent's own references.
     */
    private Optional<Decision> orlojAgentRuns(String agentName, Context ctx, Run r) {
        if (!r.trace.enabled()) {
            return memo(new MemoKey("runs:" + agentName, orloj, orloj, ctx), () -> computeOrlojAgentRuns(agentName, ctx, r));
        }
        return computeOrlojAgentRuns(agentName, ctx, r);
    }

    private Optional<Decision> computeOrlojAgentRuns(String agentName, Context ctx, Run r) {
        String ns = ctx.namespace();
        Optional<Agent> a = orloj.agent(ns, agentName);
        if (a.isEmpty()) {
            Optional<Agent> strictAgent = strict.agent(ns, agentName);
            if (strictAgent.isPresent() && rejected.containsKey(strictAgent.get().meta().file())) {
                return Optional.of(r.decide(Decision.deny(ReasonCode.ORLOJ_REJECTS_MANIFEST, rejected.get(strictAgent.get().meta().file())),
                        "load agent", strictAgent.get().meta().span()));
            }
            return Optional.of(r.decide(Decision.deny(ReasonCode.TASK_INVALID, "agent \"" + agentName + "\" not found"), "task validation", null));
        }
        r.involve(a.get());
        List<String> errors = new ArrayList<>();
        if (ctx.task().isPresent()) {
            TaskCheck check = memo(new MemoKey("task", orloj, orloj, ctx), () -> taskCheck(ctx));
            errors.addAll(check.errors());
            if (check.members() != null && !check.members().contains(agentName)) {
                errors.add("agent \"" + agentName + "\" is not part of agentsystem \"" + check.system() + "\"");
            }
        } else {
            errors.addAll(ownReferenceErrors(a.get()));
        }
        if (!errors.isEmpty()) {
            return Optional.of(r.decide(Decision.deny(ReasonCode.TASK_INVALID, String.join("; ", errors)), "task validation", a.get().meta().span()));
        }
        r.step("task validation", "references resolve", null);
        return Optional.empty();
    }

    /**
     * What task validation finds in a task context whichever agent asks: every error but "not part of the
     * system", which needs the agent ({@code members} is null when that check does not apply). Once per
     * context: a row of a matrix in a task context would otherwise re-validate every member of the system.
     */
    private record TaskCheck(List<String> errors, String system, Set<String> members) {}

    private TaskCheck taskCheck(Context ctx) {
        String ns = ctx.namespace();
        List<String> errors = new ArrayList<>();
        Optional<Task> task = Optional.ofNullable(orloj.tasks.get(World.key(ns, ctx.task().get())));
        if (task.isEmpty()) {
            errors.add("task \"" + ctx.task().get() + "\" not found");
            return new TaskCheck(errors, "", null);
        }
        String sysName = task.get().system().map(Located::value).orElse("");
        Optional<AgentSystem> sys = Optional.ofNullable(orloj.systems.get(World.key(ns, sysName)));
        if (sysName.isEmpty()) {
            errors.add("spec.system is required");
        } else if (sys.isEmpty()) {
            errors.add("agentsystem \"" + sysName + "\" not found");
        } else if (sys.get().agents().isEmpty()) {
            errors.add("agentsystem \"" + sysName + "\" has no spec.agents");
        } else {
            Set<String> members = new HashSet<>();
            for (Located<String> member : sys.get().agents()) {
                members.add(member.value());
                if (member.value().isEmpty()) {
                    errors.add("agentsystem contains empty agent name");
                    continue;
                }
                Optional<Agent> m = orloj.agent(ns, member.value());
                if (m.isEmpty()) {
                    errors.add("agent \"" + member.value() + "\" not found");
                } else {
                    errors.addAll(ownReferenceErrors(m.get()));
                }
            }
            errors.addAll(graphErrors(sys.get(), task.get()));
            return new TaskCheck(errors, sysName, members);
        }
        return new TaskCheck(errors, sysName, null);
    }

    /** Step 3 of §5.2 for one agent: tools, roles, model_ref and memory resolve. */
    private List<String> ownReferenceErrors(Agent a) {
        return memo(new MemoKey("refs", orloj, a, null), () -> computeOwnReferenceErrors(a));
    }

    private List<String> computeOwnReferenceErrors(Agent a) {
        List<String> errors = new ArrayList<>();
        String ns = a.namespace();
        for (Located<String> t : a.tools()) {
            if (orloj.tool(ns, t.value()).isEmpty()) {
                errors.add("agent \"" + a.name() + "\" references missing tool \"" + t.value() + "\"");
            }
        }
        for (Located<String> role : a.roles()) {
            if (orloj.role(ns, role.value()).isEmpty()) {
                errors.add("agent \"" + a.name() + "\" references missing role \"" + role.value() + "\"");
            }
        }
        String ref = a.modelRef().map(Located::value).orElse("");
        if (ref.isEmpty() || orloj.endpoint(ns, ref).isEmpty()) {
            errors.add("agent \"" + a.name() + "\" model resolution failed: model endpoint \"" + ref + "\" not found");
        }
        a.memory().flatMap(Agent.MemoryBinding::ref).ifPresent(m -> {
            if (!orloj.memories.containsKey(World.key(ns, m.value()))) {
                errors.add("agent \"" + a.name() + "\" references missing memory \"" + m.value() + "\"");
            }
        });
        return errors;
    }

    /** validateGraph plus the cycle and entry-point rules (§5.2 steps 4–6). */
    private static List<String> graphErrors(AgentSystem s, Task task) {
        List<String> errors = new ArrayList<>();
        Set<String> members = new HashSet<>();
        s.agents().forEach(x -> members.add(x.value()));
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        members.forEach(m -> indegree.put(m, 0));
        for (AgentSystem.GraphNode n : s.graph()) {
            if (!members.contains(n.name().value())) {
                errors.add("graph node \"" + n.name().value() + "\" is not listed in spec.agents");
            }
            for (Located<String> to : n.targets()) {
                if (!members.contains(to.value())) {
                    errors.add("graph edge \"" + n.name().value() + "\" -> \"" + to.value() + "\" points to unknown agent");
                }
                edges.computeIfAbsent(n.name().value(), k -> new ArrayList<>()).add(to.value());
                indegree.merge(to.value(), 1, Integer::sum);
            }
            AgentSystem.Join j = n.join();
            j.mode().filter(m -> !m.value().equals("wait_for_all") && !m.value().equals("quorum"))
                    .ifPresent(m -> errors.add("invalid join.mode \"" + m.value() + "\""));
            j.onFailure().filter(m -> !List.of("deadletter", "skip", "continue_partial").contains(m.value()))
                    .ifPresent(m -> errors.add("invalid join.on_failure \"" + m.value() + "\""));
            j.quorumCount().filter(c -> c.value() < 0).ifPresent(c -> errors.add("invalid join.quorum_count"));
            j.quorumPercent().filter(c -> c.value() < 0 || c.value() > 100).ifPresent(c -> errors.add("invalid join.quorum_percent"));
        }
        Map<String, Integer> remaining = new HashMap<>(indegree);
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        remaining.forEach((k, v) -> {
            if (v == 0) {
                queue.add(k);
            }
        });
        boolean entry = !queue.isEmpty();
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
        boolean cyclic = visited < remaining.size();
        if (cyclic && task.maxTurns() <= 0) {
            errors.add("agentsystem graph contains a cycle; set task.spec.max_turns > 0");
        }
        if (!entry && !(cyclic && task.maxTurns() > 0)) {
            errors.add("agentsystem graph has no entrypoint (no zero-indegree agents)");
        }
        return errors;
    }

    /** §3.3 step 3: matched policies in store order refuse the agent for its model or for any declared tool they block. */
    private Optional<Decision> orlojPolicyRefusal(Agent a, Context ctx, Run r) {
        if (!r.trace.enabled()) {
            return memo(new MemoKey("refusal", orloj, a, ctx), () -> computeOrlojPolicyRefusal(a, ctx, r));
        }
        return computeOrlojPolicyRefusal(a, ctx, r);
    }

    private Optional<Decision> computeOrlojPolicyRefusal(Agent a, Context ctx, Run r) {
        String model = orloj.endpoint(a.namespace(), a.modelRef().map(Located::value).orElse(""))
                .flatMap(ModelEndpoint::defaultModel).map(Located::value).orElse("");
        for (AgentPolicy p : matchedPolicies(orloj, a, ctx)) {
            r.involve(p);
            if (!p.allowedModels().isEmpty() && p.allowedModels().stream().noneMatch(m -> m.value().equalsIgnoreCase(model))) {
                return Optional.of(r.decide(Decision.deny(ReasonCode.MODEL_NOT_ALLOWED, "policy \"" + p.name() + "\" disallows model \"" + model
                        + "\" (model_ref=\"" + a.modelRef().map(Located::value).orElse("") + "\") for agent \"" + a.name() + "\""), "policy check", p.meta().name().span()));
            }
            CaselessNames blocked = blockedAsWritten(p);
            for (Located<String> d : a.tools()) {
                if (blocked.contains(d.value())) {
                    return Optional.of(r.decide(Decision.deny(ReasonCode.BLOCKED_BY_POLICY, "policy \"" + p.name() + "\" blocks tool \"" + d.value() + "\" for agent \"" + a.name() + "\""),
                            "policy check", p.meta().name().span()));
                }
            }
        }
        r.step("policy check", "no matched policy refuses the agent", null);
        return Optional.empty();
    }

    /** A policy's {@code blocked_tools} as Orloj compares them: as written, ignoring case (§3.3). */
    private CaselessNames blockedAsWritten(AgentPolicy p) {
        return memo(new MemoKey("blockedAsWritten", orloj, p, null), () -> {
            CaselessNames out = new CaselessNames();
            p.blockedTools().forEach(b -> out.add(b.value(), 0));
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------------------- shared

    /** The selection gate's available tools: lowercased trimmed key to the declared spelling, first wins. */
    private Map<String, String> available(Agent a) {
        return memo(new MemoKey("available", orloj, a, null), () -> {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (Located<String> d : a.tools()) {
                String key = d.value().strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    out.putIfAbsent(key, d.value().strip());
                }
            }
            return out;
        });
    }

    /** Declared tools of a strict agent by lowercased name (the first spelling wins). */
    private Map<String, Located<String>> declaredByKey(Agent a) {
        return memo(new MemoKey("declared", strict, a, null), () -> {
            Map<String, Located<String>> out = new HashMap<>();
            for (Located<String> t : a.tools()) {
                out.putIfAbsent(t.value().strip().toLowerCase(Locale.ROOT), t);
            }
            return out;
        });
    }

    private static Optional<Located<String>> declared(Agent a, String tool) {
        String key = tool.strip().toLowerCase(Locale.ROOT);
        return a.tools().stream().filter(t -> t.value().strip().toLowerCase(Locale.ROOT).equals(key)).findFirst();
    }

    /**
     * The systems and tasks of a context: a named task and its system; a named system; or, with none, every
     * system of the namespace listing the agent and every task running one of them (SEMANTICS.md "Context").
     */
    private static Set<String>[] scope(World w, Agent a, Context ctx) {
        Set<String> systems = new HashSet<>();
        Set<String> tasks = new HashSet<>();
        String ns = a.namespace();
        if (ctx.task().isPresent()) {
            tasks.add(ctx.task().get().strip().toLowerCase(Locale.ROOT));
            Task t = w.tasks.get(World.key(ns, ctx.task().get()));
            if (t != null) {
                t.system().ifPresent(s -> systems.add(s.value().strip().toLowerCase(Locale.ROOT)));
            }
        }
        ctx.system().ifPresent(s -> systems.add(s.strip().toLowerCase(Locale.ROOT)));
        if (ctx.none()) {
            for (AgentSystem s : w.systemsListing(ns, a.name())) {
                systems.add(s.name().strip().toLowerCase(Locale.ROOT));
                for (Task t : w.tasksRunning(ns, s.name())) {
                    tasks.add(t.name().strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        @SuppressWarnings("unchecked")
        Set<String>[] out = new Set[] {systems, tasks};
        return out;
    }

    private static boolean matches(World w, AgentPolicy p, Agent a, Context ctx) {
        return matches(p, scope(w, a, ctx));
    }

    private static boolean matches(AgentPolicy p, Set<String>[] scope) {
        if (p.global()) {
            return true;
        }
        return p.targetSystems().stream().anyMatch(s -> scope[0].contains(s.value().strip().toLowerCase(Locale.ROOT)))
                || p.targetTasks().stream().anyMatch(t -> scope[1].contains(t.value().strip().toLowerCase(Locale.ROOT)));
    }

    List<AgentPolicy> matchedPolicies(World w, Agent a, Context ctx) {
        return memo(new MemoKey("matched", w, a, ctx), () -> computeMatchedPolicies(w, a, ctx));
    }

    private static List<AgentPolicy> computeMatchedPolicies(World w, Agent a, Context ctx) {
        List<AgentPolicy> out = new ArrayList<>();
        Set<String>[] scope = scope(w, a, ctx);
        for (AgentPolicy p : w.policies) {
            if (matches(p, scope)) {
                out.add(p);
            }
        }
        return out;
    }

    /** perm() of every permission of the agent's roles (strict: only roles in its own namespace that are not broken). */
    private Set<String> granted(World w, Agent a, boolean crossNamespace) {
        return memo(new MemoKey("granted", w, a, crossNamespace), () -> computeGranted(w, a, crossNamespace));
    }

    private Set<String> computeGranted(World w, Agent a, boolean crossNamespace) {
        Set<String> out = new HashSet<>();
        for (Located<String> role : a.roles()) {
            Optional<AgentRole> r = crossNamespace ? w.role(a.namespace(), role.value())
                    : Optional.ofNullable(w.roles.get(World.key(a.namespace(), role.value())));
            if (r.isPresent() && (crossNamespace || !broken.contains(r.get()))) {
                r.get().permissions().forEach(p -> out.add(Permissions.perm(p.value())));
            }
        }
        return out;
    }

    /** {@code tool:<tok(tool)>:<tok(action)>} plus {@code capability:<tok(c)>} per capability (C4', C5a). */
    static List<String> defaultPermissions(Tool t, String tool, String action) {
        List<String> out = new ArrayList<>();
        out.add(Permissions.toolPermission(tool, action));
        for (Located<String> c : t.capabilities()) {
            String p = Permissions.capabilityPermission(c.value());
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static List<String> normalized(List<Located<String>> permissions) {
        Set<String> out = new LinkedHashSet<>();
        permissions.forEach(p -> out.add(Permissions.perm(p.value())));
        out.remove("");
        return new ArrayList<>(out);
    }

    private static boolean passes(Set<String> granted, List<String> required, boolean any) {
        if (any) {
            return required.stream().anyMatch(granted::contains);
        }
        return granted.containsAll(required);
    }

    /** C5c: each class takes the first rule naming it, else the first {@code *}, else {@code unmatched}. */
    static Verdict operationVerdict(ToolPermission rule, Tool t, Verdict unmatched) {
        Verdict verdict = Verdict.ALLOW;
        for (Located<String> cls : t.operationClasses()) {
            Verdict v = null;
            for (ToolPermission.OperationRule r : rule.operationRules()) {
                if (r.operationClass().value().equals(cls.value())) {
                    v = r.verdict().value();
                    break;
                }
            }
            if (v == null) {
                for (ToolPermission.OperationRule r : rule.operationRules()) {
                    if (r.operationClass().value().equals("*")) {
                        v = r.verdict().value();
                        break;
                    }
                }
            }
            verdict = verdict.and(v == null ? unmatched : v);
        }
        return verdict;
    }

    private Optional<Span> firstError(Resource r) {
        Span doc = r.meta().span();
        return errorsByFile.getOrDefault(r.meta().file(), List.of()).stream()
                .filter(d -> d.code().codeClass() != Code.CodeClass.REFERENCE && d.code().codeClass() != Code.CodeClass.EXPOSURE)
                .filter(d -> d.code() == Code.GH504 || (d.span().line() >= doc.line() && d.span().line() <= doc.endLine()))
                .map(Diagnostic::span).findFirst();
    }

    private static List<String> names(List<Located<String>> items) {
        return items.stream().map(Located::value).toList();
    }

    private static String quoteAll(List<String> items) {
        return "`" + String.join("`, `", items) + "`";
    }

    // ------------------------------------------------------------------------------------------------ exposures

    /** Which fail-open items let Orloj through where strict does not: reading items first, then semantic ones. */
    List<String> toolExposures(String agentName, String toolName, Context ctx, ReasonCode s, ReasonCode o) {
        List<String> items = new ArrayList<>();
        String ns = ctx.namespace();
        Optional<Agent> a = strict.agent(ns, agentName);
        List<Resource> involvedResources = new ArrayList<>();
        a.ifPresent(involvedResources::add);
        a.ifPresent(agent -> {
            for (Located<String> role : agent.roles()) {
                Optional.ofNullable(strict.roles.get(World.key(ns, role.value()))).ifPresent(involvedResources::add);
            }
            String tool = declared(agent, toolName).map(Located::value).orElse(toolName);
            strict.tool(ns, tool).ifPresent(involvedResources::add);
            involvedResources.addAll(strict.rulesByTool.getOrDefault(ns + "\u0000" + tool.toLowerCase(Locale.ROOT), List.of()));
            involvedResources.addAll(strict.policies);
        });
        for (Resource r : involvedResources) {
            for (String f : ReadingItems.of(r, errorsByFile.getOrDefault(r.meta().file(), List.of()))) {
                if (!items.contains(f)) {
                    items.add(f);
                }
            }
        }
        // Items of the strict side that Orloj does not read or resolve come before the orloj path that allows.
        String strictSide = switch (s) {
            case EXPLICIT_DENY -> "S1";
            case MISSING_ROLE -> "F27";
            case MISSING_PERMISSION -> a.flatMap(agent -> f8(agent, toolName)).orElse(null);
            case OPERATION_DENIED, APPROVAL_REQUIRED -> o == ReasonCode.PREAUTHORIZED ? null : "F9";
            case INVALID_MANIFEST -> items.isEmpty() ? brokenItem(involvedResources) : null;
            case BLOCKED_BY_POLICY -> items.isEmpty() ? "F20" : null;
            default -> null;
        };
        String orlojSide = switch (o) {
            case NO_ROLES_NO_RULES -> "F1";
            case PREAUTHORIZED -> "F7";
            default -> null;
        };
        for (String item : new String[] {strictSide, orlojSide}) {
            if (item != null && !items.contains(item)) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            items.add("F24");
        }
        return items;
    }

    /**
     * The item of a broken manifest with no reading item: Orloj refuses to load it, so its restriction is absent
     * there — a ToolPermission as if the store had no rules (F2), an AgentPolicy as if none were listed (F3), an
     * agent whose timeout Orloj does not parse (F13).
     */
    private String brokenItem(List<Resource> involved) {
        for (Resource r : involved) {
            if (broken.contains(r)) {
                return switch (r.meta().kind()) {
                    case TOOL_PERMISSION -> "F2";
                    case AGENT_POLICY -> "F3";
                    case AGENT -> "F13";
                    default -> "F24";
                };
            }
        }
        return unreadable.isEmpty() ? "F24" : "F2";
    }

    /** A strict missing permission that Orloj lets through because a rule has operation rules and no required permissions. */
    private Optional<String> f8(Agent a, String toolName) {
        String tool = declared(a, toolName).map(Located::value).orElse(toolName);
        return strict.rules(a, tool).stream().anyMatch(r -> r.requiredPermissions().isEmpty() && !r.operationRules().isEmpty())
                ? Optional.of("F8") : Optional.empty();
    }

    // ======================================================================================================= lists

    /** Every agent of a namespace, in reading order (the matrix's rows). */
    public List<String> agents(String namespace) {
        return strict.agents(namespace).stream().map(Agent::name).toList();
    }

    /** Every tool of a namespace, in reading order (the matrix's columns). */
    public List<String> tools(String namespace) {
        return strict.tools(namespace).stream().map(Tool::name).toList();
    }

    /** Agents of a namespace that take part in a system (or in the task's system). */
    public List<String> agents(Context ctx) {
        List<String> all = agents(ctx.namespace());
        if (ctx.none()) {
            return all;
        }
        String sys = ctx.system().orElseGet(() -> Optional.ofNullable(strict.tasks.get(World.key(ctx.namespace(), ctx.task().get())))
                .flatMap(Task::system).map(Located::value).orElse(""));
        AgentSystem s = strict.systems.get(World.key(ctx.namespace(), sys));
        if (s == null) {
            return List.of();
        }
        Set<String> members = new HashSet<>();
        s.agents().forEach(m -> members.add(m.value()));
        return all.stream().filter(members::contains).toList();
    }

    /** Every model id the namespace's endpoints serve and its agents name in seed-form {@code models}, sorted. */
    public List<String> models(String namespace) {
        Set<String> out = new TreeSet<>();
        strict.endpoints.values().stream().filter(e -> e.namespace().equals(namespace))
                .forEach(e -> e.defaultModel().ifPresent(m -> out.add(m.value())));
        strict.agents(namespace).forEach(a -> a.seedModels().forEach(m -> out.add(m.value())));
        return new ArrayList<>(out);
    }

    /** For models: the strict and orloj kind of agents. */
    Kind kindOf(Resource r) {
        return r.meta().kind();
    }

    // ====================================================================================================== models

    /** Agent uses model {@code model} (a model id, or an endpoint name resolved to its default_model). */
    public Answer decideModel(String agentName, String model, Context ctx, TraceSink trace) {
        Run s = new Run(STRICT, trace);
        String ns = ctx.namespace();
        String modelId = model.strip();
        Optional<ModelEndpoint> asEndpoint = strict.endpoint(ns, modelId).filter(e -> e.defaultModel().isPresent());
        if (asEndpoint.isPresent()) {
            modelId = asEndpoint.get().defaultModel().get().value();
            s.step("model", "`" + model + "` is a ModelEndpoint; its default_model is `" + modelId + "`", asEndpoint.get().meta().name().span());
        }
        Decision strictDecision = strictModel(agentName, modelId, ctx, s);
        Run o = new Run(ORLOJ, trace);
        Decision orlojDecision = orlojModel(agentName, modelId, ctx, o);
        List<String> exposures = orlojDecision.morePermissiveThan(strictDecision) ? modelExposures(agentName, ctx, strictDecision) : List.of();
        List<TraceStep> steps = trace instanceof TraceSink.Recording r ? r.steps() : List.of();
        List<String> involved = new ArrayList<>(s.involved);
        o.involved.stream().filter(x -> !involved.contains(x)).forEach(involved::add);
        return new Answer(strictDecision, orlojDecision, exposures.stream().findFirst(), exposures,
                strictDecision.verdict() == Verdict.ALLOW ? List.of() : s.missing, involved, steps);
    }

    private Decision strictModel(String agentName, String modelId, Context ctx, Run r) {
        String ns = ctx.namespace();
        Optional<Agent> found = strict.agent(ns, agentName);
        if (found.isEmpty()) {
            r.missing.add(new Missing("agent", agentName, "create an Agent `" + agentName + "` in namespace `" + ns + "`"));
            return r.decide(Decision.deny(ReasonCode.UNKNOWN_AGENT, "no agent `" + agentName + "` in namespace `" + ns + "`"), "0 agent exists", null);
        }
        Agent a = found.get();
        r.involve(a);
        if (broken.contains(a)) {
            r.missing.add(new Missing("manifest", a.meta().file().path(), "fix the errors in " + a.meta().file().path()));
            return r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "agent `" + a.name() + "` has errors in " + a.meta().file().path()), "1 manifests readable",
                    firstError(a).orElse(a.meta().span()));
        }
        if (!unreadable.isEmpty()) {
            return r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "file " + unreadable.get(0).path() + " cannot be read, so it may govern this agent"), "1 manifests readable", null);
        }
        for (AgentPolicy p : strict.policies) {
            if (broken.contains(p) && matches(strict, p, a, ctx)) {
                return r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "AgentPolicy `" + p.name() + "` matching agent `" + a.name() + "` has errors"), "1 manifests readable", p.meta().span());
            }
        }
        Optional<ModelEndpoint> endpoint = Optional.empty();
        if (a.modelRef().isPresent()) {
            endpoint = strict.endpoint(ns, a.modelRef().get().value());
            if (endpoint.isEmpty() || broken.contains(endpoint.get())) {
                r.missing.add(new Missing("model", a.modelRef().get().value(), "create a ModelEndpoint `" + a.modelRef().get().value() + "` in namespace `" + ns + "`"));
                return r.decide(Decision.deny(ReasonCode.UNKNOWN_MODEL_ENDPOINT, "model endpoint `" + a.modelRef().get().value() + "` not found"), "model endpoint exists", a.modelRef().get().span());
            }
            r.involve(endpoint.get());
        }
        boolean granted = endpoint.flatMap(ModelEndpoint::defaultModel).map(m -> m.value().equalsIgnoreCase(modelId)).orElse(false)
                || a.seedModels().stream().anyMatch(m -> m.value().equalsIgnoreCase(modelId));
        if (!granted) {
            r.missing.add(new Missing("model", modelId, "list `" + modelId + "` in `spec.models` of agent `" + a.name() + "` or point model_ref at an endpoint serving it"));
            return r.decide(Decision.deny(ReasonCode.MODEL_NOT_ALLOWED, "model `" + modelId + "` is neither the default_model of `"
                    + a.modelRef().map(Located::value).orElse("(no model_ref)") + "` nor listed in spec.models"), "model granted", a.meta().name().span());
        }
        for (AgentPolicy p : matchedPolicies(strict, a, ctx)) {
            r.involve(p);
            if (!p.allowedModels().isEmpty() && p.allowedModels().stream().noneMatch(m -> m.value().equalsIgnoreCase(modelId))) {
                r.missing.add(new Missing("policy", p.name(), "add `" + modelId + "` to `allowed_models` of AgentPolicy `" + p.name() + "`"));
                return r.decide(Decision.deny(ReasonCode.MODEL_NOT_ALLOWED, "policy \"" + p.name() + "\" disallows model \"" + modelId + "\" for agent \"" + a.name() + "\""),
                        "allowed_models", p.allowedModels().get(0).span());
            }
        }
        return r.decide(Decision.allow(ReasonCode.MODEL_ALLOWED, "agent `" + a.name() + "` may use model `" + modelId + "`"), "model allowed", null);
    }

    private Decision orlojModel(String agentName, String modelId, Context ctx, Run r) {
        Optional<Decision> refused = orlojAgentRuns(agentName, ctx, r);
        if (refused.isPresent()) {
            return refused.get();
        }
        Agent a = orloj.agent(ctx.namespace(), agentName).orElseThrow();
        Optional<Decision> policy = orlojPolicyRefusal(a, ctx, r);
        if (policy.isPresent()) {
            return policy.get();
        }
        String served = orloj.endpoint(a.namespace(), a.modelRef().map(Located::value).orElse(""))
                .flatMap(ModelEndpoint::defaultModel).map(Located::value).orElse("");
        if (!served.equalsIgnoreCase(modelId)) {
            return r.decide(Decision.deny(ReasonCode.MODEL_NOT_SERVED, "agent \"" + a.name() + "\" uses model \"" + served + "\", not \"" + modelId + "\""), "model_ref", null);
        }
        return r.decide(Decision.allow(ReasonCode.MODEL_ALLOWED, "agent \"" + a.name() + "\" uses model \"" + served + "\""), "model_ref", null);
    }

    private List<String> modelExposures(String agentName, Context ctx, Decision s) {
        List<String> items = new ArrayList<>();
        strict.agent(ctx.namespace(), agentName).ifPresent(a -> items.addAll(ReadingItems.of(a, errorsByFile.getOrDefault(a.meta().file(), List.of()))));
        for (AgentPolicy p : strict.policies) {
            for (String f : ReadingItems.of(p, errorsByFile.getOrDefault(p.meta().file(), List.of()))) {
                if (!items.contains(f)) {
                    items.add(f);
                }
            }
        }
        if (s.reason() == ReasonCode.INVALID_MANIFEST && items.isEmpty()) {
            items.add("F13");
        }
        if (items.isEmpty()) {
            items.add("F24");
        }
        return items;
    }

    // ======================================================================================================== data

    /** Agent accesses data resource {@code resource} with {@code action} (the seed forms). */
    public Answer decideData(String agentName, String resource, String action, Context ctx, TraceSink trace) {
        Run s = new Run(STRICT, trace);
        Decision strictDecision = strictData(agentName, resource, action, ctx, s);
        Run o = new Run(ORLOJ, trace);
        Decision orlojDecision;
        Optional<Agent> oa = orloj.agent(ctx.namespace(), agentName);
        Optional<Agent> sa = strict.agent(ctx.namespace(), agentName);
        if (oa.isPresent()) {
            orlojDecision = o.decide(Decision.allow(ReasonCode.NOT_ENFORCED, "orloj has no data-access control"), "data access", null);
        } else if (sa.isPresent() && rejected.containsKey(sa.get().meta().file())) {
            orlojDecision = o.decide(Decision.deny(ReasonCode.ORLOJ_REJECTS_MANIFEST, rejected.get(sa.get().meta().file())), "load agent", null);
        } else {
            orlojDecision = o.decide(Decision.deny(ReasonCode.TASK_INVALID, "agent \"" + agentName + "\" not found"), "task validation", null);
        }
        List<String> exposures = orlojDecision.morePermissiveThan(strictDecision) ? List.of("S1") : List.of();
        List<TraceStep> steps = trace instanceof TraceSink.Recording r ? r.steps() : List.of();
        return new Answer(strictDecision, orlojDecision, exposures.stream().findFirst(), exposures,
                strictDecision.verdict() == Verdict.ALLOW ? List.of() : s.missing, s.involved, steps);
    }

    private Decision strictData(String agentName, String resource, String action, Context ctx, Run r) {
        String ns = ctx.namespace();
        Optional<Agent> found = strict.agent(ns, agentName);
        if (found.isEmpty()) {
            r.missing.add(new Missing("agent", agentName, "create an Agent `" + agentName + "` in namespace `" + ns + "`"));
            return r.decide(Decision.deny(ReasonCode.UNKNOWN_AGENT, "no agent `" + agentName + "` in namespace `" + ns + "`"), "0 agent exists", null);
        }
        Agent a = found.get();
        r.involve(a);
        if (broken.contains(a)) {
            return r.decide(Decision.deny(ReasonCode.INVALID_MANIFEST, "agent `" + a.name() + "` has errors in " + a.meta().file().path()), "1 manifests readable",
                    firstError(a).orElse(a.meta().span()));
        }
        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (!p.allows() && Glob.of(p.resource().value()).matchesIgnoringCase(resource) && Glob.actionMatches(p.action().value(), action)) {
                r.missing.add(new Missing("policy", p.resource().value(), "remove the `effect: deny` seed policy on `" + p.resource().value() + "`"));
                return r.decide(Decision.deny(ReasonCode.EXPLICIT_DENY, "seed policy denies `" + p.resource().value() + "` (" + p.action().value() + ")"), "explicit deny", p.effect().span());
            }
        }
        for (Agent.DataGrant g : a.dataAccess()) {
            if (Glob.of(g.resource().value()).matchesExactly(resource) && Glob.actionMatches(g.action().value(), action)) {
                return r.decide(Decision.allow(ReasonCode.DATA_GRANTED, "dataAccess grants `" + g.resource().value() + "` (" + g.action().value() + ")"), "data grant", g.resource().span());
            }
        }
        for (Agent.SeedPolicy p : a.seedPolicies()) {
            if (p.allows() && Glob.of(p.resource().value()).matchesExactly(resource) && Glob.actionMatches(p.action().value(), action)) {
                return r.decide(Decision.allow(ReasonCode.DATA_GRANTED, "seed policy allows `" + p.resource().value() + "` (" + p.action().value() + ")"), "data grant", p.effect().span());
            }
        }
        r.missing.add(new Missing("data", resource, "add a `dataAccess` entry for `" + resource + "` with action `" + action + "` to agent `" + a.name() + "`"));
        return r.decide(Decision.deny(ReasonCode.DATA_NOT_GRANTED, "no dataAccess entry or allow policy grants `" + resource + "` (" + action + ")"), "data grant", a.meta().name().span());
    }
}
