package dev.gatehouse.core.edit;

import dev.gatehouse.core.edit.AccessPlan.Axis;
import dev.gatehouse.core.edit.AccessPlan.Cell;
import dev.gatehouse.core.edit.AccessPlan.CellChange;
import dev.gatehouse.core.edit.AccessPlan.FileDiff;
import dev.gatehouse.core.edit.AccessPlan.Form;
import dev.gatehouse.core.edit.AccessPlan.Intent;
import dev.gatehouse.core.edit.AccessPlan.Proposal;
import dev.gatehouse.core.edit.AccessPlan.Step;
import dev.gatehouse.core.edit.AccessPlan.Verification;
import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.Missing;
import dev.gatehouse.core.engine.ReasonCode;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentPolicy;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Permissions;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Proposes the manifest edits that turn one matrix cell's strict verdict around, and verifies each one: the edit
 * is applied to the texts, the workspace re-read and re-compiled, and the namespace's whole matrices (tools and
 * models) recomputed, so a proposal says whether the cell reached the intended verdict and which other cells
 * changed. What to edit comes from {@link Answer#missing()} of the engine, step after step until the cell
 * passes (declare the tool, then grant its permissions); whether an edit works is always the engine's verdict on
 * the edited workspace, never a rule re-implemented here. Pure: texts in, plans out.
 */
public final class AccessPlanner {
    private static final int MAX_STEPS = 4;
    private static final int MAX_STATES = 64;
    /** The Agent spec keys that hold or open lists: a new seed-form block goes before them (SEMANTICS.md "Seed forms"). */
    private static final List<String> SPEC_LISTS = List.of("tools", "roles", "allowed_tools", "memory", "execution");

    private final SortedMap<SourceId, String> texts;
    private final Snapshots snapshots = new Snapshots();

    /** {@code texts}: every manifest file of the workspace, by path (scenarios and other files left out). */
    public AccessPlanner(Map<SourceId, String> texts) {
        this.texts = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(texts));
    }

    /** Grants a cell whose strict verdict is not allow, revokes one that is. */
    public AccessPlan plan(Context ctx, Cell cell) {
        Snapshots.Snapshot root = snapshots.of(texts);
        return answer(root, ctx, cell).strict().verdict() == Verdict.ALLOW ? revoke(ctx, cell) : grant(ctx, cell);
    }

    /** The edits that would make the cell's strict verdict allow. */
    public AccessPlan grant(Context ctx, Cell cell) {
        return search(ctx, cell, Intent.GRANT);
    }

    /** The edits that would make the cell's strict verdict deny. */
    public AccessPlan revoke(Context ctx, Cell cell) {
        return search(ctx, cell, Intent.REVOKE);
    }

    // ------------------------------------------------------------------------------------------------ search

    /** A workspace on the way: its texts, the steps that led there, and the role that holds what they granted. */
    private record State(SortedMap<SourceId, String> texts, List<Step> steps, Optional<String> grantRole, List<String> granted) {
        State then(SortedMap<SourceId, String> next, Step step, Optional<String> role) {
            List<Step> s = new ArrayList<>(steps);
            s.add(step);
            return new State(next, s, role, List.of());
        }

        /** A step granting {@code more} to a role: merged into the step just before when that made or filled the same role. */
        State granting(SortedMap<SourceId, String> next, Step step, String role, List<String> more) {
            boolean same = role.equals(grantRole.orElse(null));
            List<String> all = new ArrayList<>(same ? granted : List.of());
            more.stream().filter(p -> !all.contains(p)).forEach(all::add);
            List<Step> s = new ArrayList<>(steps);
            Optional<Step> last = s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
            if (same && step.form() == Form.ADD_PERMISSION_TO_ROLE && last.isPresent() && !granted.isEmpty()) {
                String d = last.get().description();
                s.set(s.size() - 1, last.get().form() == Form.CREATE_ROLE
                        ? new Step(Form.CREATE_ROLE, "create role `" + role + "` granting " + quoted(all) + d.substring(d.indexOf(" and give it")))
                        : new Step(Form.ADD_PERMISSION_TO_ROLE, "add " + quoted(all) + " to role `" + role + "`"));
            } else {
                s.add(step);
            }
            return new State(next, s, Optional.of(role), all);
        }
    }

    /** The question a planning run asks, and what it noticed on the way. */
    private final class Run {
        final Context ctx;
        final Cell cell;
        final Intent intent;
        final Set<String> notes = new LinkedHashSet<>();

        Run(Context ctx, Cell cell, Intent intent) {
            this.ctx = ctx;
            this.cell = cell;
            this.intent = intent;
        }

        String ns() {
            return ctx.namespace();
        }
    }

    private AccessPlan search(Context ctx, Cell cell, Intent intent) {
        Run run = new Run(ctx, cell, intent);
        Snapshots.Snapshot root = snapshots.of(texts);
        Answer first = answer(root, ctx, cell);
        Verdict current = first.strict().verdict();
        if (current == intent.target()) {
            run.notes.add("the strict verdict of " + cell.label() + " is already " + current.wireName());
            return new AccessPlan(ctx, cell, intent, current, List.of(), List.copyOf(run.notes));
        }
        List<State> leaves = new ArrayList<>();
        Deque<State> queue = new ArrayDeque<>();
        queue.add(new State(texts, List.of(), Optional.empty(), List.of()));
        Set<SortedMap<SourceId, String>> seen = new HashSet<>();
        int explored = 0;
        while (!queue.isEmpty() && explored < MAX_STATES) {
            State s = queue.poll();
            if (!seen.add(s.texts())) {
                continue;
            }
            explored++;
            Snapshots.Snapshot snap = s.steps().isEmpty() ? root : snapshots.of(s.texts());
            Answer a = answer(snap, ctx, cell);
            Verdict v = a.strict().verdict();
            if (!s.steps().isEmpty() && (v == intent.target() || (intent == Intent.GRANT && v == Verdict.APPROVAL_REQUIRED && current == Verdict.DENY))) {
                leaves.add(s);
                if (v == intent.target()) {
                    continue;
                }
            }
            if (s.steps().size() >= MAX_STEPS || (intent == Intent.REVOKE && !s.steps().isEmpty())) {
                if (v != intent.target() && !leaves.contains(s)) {
                    leaves.add(s);
                }
                continue;
            }
            List<State> next = intent == Intent.GRANT ? grantSteps(run, s, snap, a) : revokeSteps(run, s, snap);
            if (next.isEmpty() && !s.steps().isEmpty() && !leaves.contains(s)) {
                leaves.add(s);
            }
            queue.addAll(next);
        }
        List<Proposal> proposals = new ArrayList<>();
        Set<SortedMap<SourceId, String>> done = new HashSet<>();
        for (State leaf : leaves) {
            if (done.add(leaf.texts())) {
                proposals.add(proposal(run, root, current, leaf));
            }
        }
        boolean anyReached = proposals.stream().anyMatch(p -> p.verification().reached());
        List<Proposal> kept = proposals.stream()
                .filter(p -> p.verification().reached() || !anyReached || p.verification().after() != p.verification().before())
                .sorted(ORDER).toList();
        if (kept.isEmpty()) {
            run.notes.add("no edit of the manifests found that turns " + cell.label() + " to " + intent.target().wireName());
        } else if (kept.stream().filter(p -> p.verification().reached()).allMatch(p -> !p.verification().sideEffects().isEmpty()) && anyReached) {
            run.notes.add("every proposal that turns " + cell.label() + " to " + intent.target().wireName() + " changes other cells too");
        }
        return new AccessPlan(ctx, cell, intent, current, kept, List.copyOf(run.notes));
    }

    private static final Comparator<Proposal> ORDER = Comparator
            .comparing((Proposal p) -> !p.verification().reached())
            .thenComparing(p -> !p.verification().sideEffects().isEmpty())
            .thenComparingInt(p -> p.verification().gained().size())
            .thenComparingInt(p -> p.verification().sideEffects().size())
            .thenComparingInt(p -> p.verification().newFindings().size())
            .thenComparingInt(p -> p.steps().size())
            .thenComparing(p -> p.steps().get(0).form())
            .thenComparing(Proposal::title);

    private static Answer answer(Snapshots.Snapshot s, Context ctx, Cell cell) {
        return cell.axis() == Axis.TOOL
                ? s.engine.decideTool(cell.agent(), cell.column(), ctx, new TraceSink.Recording())
                : s.engine.decideModel(cell.agent(), cell.column(), ctx, new TraceSink.Recording());
    }

    private Proposal proposal(Run run, Snapshots.Snapshot root, Verdict before, State leaf) {
        Snapshots.Snapshot snap = snapshots.of(leaf.texts());
        Verdict after = answer(snap, run.ctx, run.cell).strict().verdict();
        Map<Cell, Verdict> was = root.matrix(run.ns());
        Map<Cell, Verdict> now = snap.matrix(run.ns());
        Set<Cell> cells = new LinkedHashSet<>(was.keySet());
        cells.addAll(now.keySet());
        List<CellChange> changes = new ArrayList<>();
        for (Cell c : cells) {
            Verdict b = was.getOrDefault(c, Verdict.DENY);
            Verdict n = now.getOrDefault(c, Verdict.DENY);
            if (!c.equals(run.cell) && b != n) {
                changes.add(new CellChange(c, b, n));
            }
        }
        List<String> added = new ArrayList<>(snap.findings());
        root.findings().forEach(added::remove);

        String title = String.join(", then ", leaf.steps().stream().map(Step::description).toList());
        List<TextEdit> edits = new ArrayList<>();
        Map<SourceId, String> created = new LinkedHashMap<>();
        List<FileDiff> diffs = new ArrayList<>();
        for (Map.Entry<SourceId, String> f : leaf.texts().entrySet()) {
            String old = texts.get(f.getKey());
            if (old == null) {
                created.put(f.getKey(), f.getValue());
                diffs.add(new FileDiff(f.getKey(), UnifiedDiff.of(f.getKey(), Optional.empty(), Optional.of(f.getValue()))));
            } else if (!old.equals(f.getValue())) {
                edits.addAll(UnifiedDiff.edits(f.getKey(), old, f.getValue()));
                diffs.add(new FileDiff(f.getKey(), UnifiedDiff.of(f.getKey(), Optional.of(old), Optional.of(f.getValue()))));
            }
        }
        return new Proposal(title, leaf.steps(), new WorkspaceEdit(title, edits, created),
                new Verification(before, after, after == run.intent.target(), changes, added), diffs);
    }

    // ------------------------------------------------------------------------------------------------- grant

    private List<State> grantSteps(Run run, State s, Snapshots.Snapshot snap, Answer a) {
        Workspace ws = snap.workspace;
        Optional<Agent> found = ws.find(Agent.class, run.ns(), run.cell.agent());
        ReasonCode reason = a.strict().reason();
        if (found.isEmpty() || reason == ReasonCode.INVALID_MANIFEST || reason == ReasonCode.UNKNOWN_TOOL
                || reason == ReasonCode.UNKNOWN_AGENT || reason == ReasonCode.UNKNOWN_MODEL_ENDPOINT) {
            a.missing().forEach(m -> run.notes.add(m.detail()));
            return List.of();
        }
        Agent agent = found.get();
        List<State> out = new ArrayList<>();
        switch (reason) {
            case NOT_DECLARED -> declare(run, s, agent).ifPresent(out::add);
            case MISSING_PERMISSION -> out.addAll(permissionSteps(run, s, ws, agent, a, false));
            case NO_GRANT -> out.addAll(permissionSteps(run, s, ws, agent, a, true));
            case MISSING_ROLE -> out.addAll(missingRoleSteps(run, s, ws, agent, a));
            case BLOCKED_BY_POLICY -> out.addAll(unblockSteps(run, s, ws, a));
            case EXPLICIT_DENY -> out.addAll(seedDenySteps(run, s, agent, a));
            case OPERATION_DENIED, APPROVAL_REQUIRED -> out.addAll(ruleSteps(run, s, ws, agent, a, Verdict.ALLOW));
            case MODEL_NOT_ALLOWED -> out.addAll(modelSteps(run, s, ws, agent, a));
            default -> a.missing().forEach(m -> run.notes.add(m.detail()));
        }
        return out;
    }

    private Optional<State> declare(Run run, State s, Agent agent) {
        return edit(run, s, agent.meta().file(), e -> e.addItem(List.of("spec", "tools"), run.cell.column()))
                .map(t -> s.then(t, new Step(Form.DECLARE_TOOL, "add `" + run.cell.column() + "` to spec.tools of agent `" + agent.name() + "`"), s.grantRole()));
    }

    /** Missing permissions: add them to a role the agent has, give it a role that has them, or a new role with exactly them. */
    private List<State> permissionSteps(Run run, State s, Workspace ws, Agent agent, Answer a, boolean roleless) {
        List<String> perms = new ArrayList<>();
        boolean any = false;
        for (Missing m : a.missing()) {
            if (m.kind().equals(roleless ? "role" : "permission") && !perms.contains(m.value())) {
                perms.add(m.value());
                any |= m.detail().startsWith("one of these");
            }
        }
        if (perms.isEmpty()) {
            return List.of();
        }
        List<List<String>> choices = new ArrayList<>();
        if (any) {
            perms.forEach(p -> choices.add(List.of(p)));
        } else {
            choices.add(perms);
        }
        List<State> out = new ArrayList<>();
        for (List<String> need : choices) {
            if (s.grantRole().isPresent()) {
                role(ws, run.ns(), s.grantRole().get()).flatMap(r -> addPermissions(run, s, r, need)).ifPresent(out::add);
                continue;
            }
            for (Located<String> name : agent.roles()) {
                role(ws, run.ns(), name.value()).filter(r -> !broken(ws, r)).flatMap(r -> addPermissions(run, s, r, need)).ifPresent(out::add);
            }
            for (AgentRole r : ws.all(AgentRole.class)) {
                boolean has = agent.roles().stream().anyMatch(x -> x.value().equals(r.name()));
                Set<String> granted = new HashSet<>();
                r.permissions().forEach(p -> granted.add(Permissions.perm(p.value())));
                if (r.namespace().equals(run.ns()) && !has && !broken(ws, r) && need.stream().allMatch(granted::contains)) {
                    edit(run, s, agent.meta().file(), e -> e.addItem(List.of("spec", "roles"), r.name()))
                            .map(t -> s.then(t, new Step(Form.ADD_EXISTING_ROLE, "give agent `" + agent.name() + "` the role `" + r.name()
                                    + "`, which grants " + quoted(need)), Optional.empty()))
                            .ifPresent(out::add);
                }
            }
            createRole(run, s, ws, agent, need).ifPresent(out::add);
        }
        return out;
    }

    private Optional<State> addPermissions(Run run, State s, AgentRole role, List<String> need) {
        Optional<SortedMap<SourceId, String>> t = Optional.of(s.texts());
        for (String p : need) {
            t = t.flatMap(x -> edit(run, x, role.meta().file(), e -> e.addItem(List.of("spec", "permissions"), p)));
        }
        return t.map(x -> s.granting(x, new Step(Form.ADD_PERMISSION_TO_ROLE, "add " + quoted(need) + " to role `" + role.name() + "`"),
                role.name(), need));
    }

    private Optional<State> createRole(Run run, State s, Workspace ws, Agent agent, List<String> need) {
        String base = slug(agent.name() + "-" + run.cell.column());
        String dir = ws.all(AgentRole.class).stream().filter(r -> r.namespace().equals(run.ns())).findFirst()
                .map(r -> parent(r.meta().file().path())).orElse("roles/");
        String name = base;
        for (int i = 2; role(ws, run.ns(), name).isPresent() || s.texts().containsKey(new SourceId(dir + name + ".yaml")); i++) {
            name = base + "-" + i;
        }
        Optional<String> text = roleText(name, run.ns(), "grants agent " + agent.name() + " the use of " + run.cell.column(), need);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<SourceId, String> next = new TreeMap<>(s.texts());
        next.put(new SourceId(dir + name + ".yaml"), text.get());
        String roleName = name;
        return edit(run, next, agent.meta().file(), e -> e.addItem(List.of("spec", "roles"), roleName))
                .map(t -> s.granting(t, new Step(Form.CREATE_ROLE, "create role `" + roleName + "` granting " + quoted(need)
                        + " and give it to agent `" + agent.name() + "`"), roleName, need));
    }

    private List<State> missingRoleSteps(Run run, State s, Workspace ws, Agent agent, Answer a) {
        List<String> missing = a.missing().stream().filter(m -> m.kind().equals("role")).map(Missing::value).distinct().toList();
        List<State> out = new ArrayList<>();
        Optional<SortedMap<SourceId, String>> removed = Optional.of(s.texts());
        for (String m : missing) {
            removed = removed.flatMap(x -> edit(run, x, agent.meta().file(), e -> e.removeItem(List.of("spec", "roles"), m)));
        }
        removed.map(t -> s.then(t, new Step(Form.REMOVE_MISSING_ROLE, "remove " + quoted(missing) + " from spec.roles of agent `" + agent.name() + "`"),
                Optional.empty())).ifPresent(out::add);
        // A role named across namespaces: copy it into the agent's namespace and name it there.
        if (missing.size() == 1 && missing.get(0).contains("/")) {
            String ref = missing.get(0);
            String otherNs = ref.substring(0, ref.indexOf('/'));
            String bare = ref.substring(ref.indexOf('/') + 1);
            int index = indexOf(agent.roles(), ref);
            Optional<AgentRole> source = role(ws, otherNs, bare).filter(r -> !broken(ws, r));
            if (source.isPresent() && index >= 0 && role(ws, run.ns(), bare).isEmpty()) {
                String dir = ws.all(AgentRole.class).stream().filter(r -> r.namespace().equals(run.ns())).findFirst()
                        .map(r -> parent(r.meta().file().path())).orElse(parent(source.get().meta().file().path()));
                SourceId plain = new SourceId(dir + bare + ".yaml");
                SourceId file = s.texts().containsKey(plain) ? new SourceId(dir + bare + "-" + run.ns() + ".yaml") : plain;
                List<String> perms = source.get().permissions().stream().map(Located::value).toList();
                Optional<String> text = roleText(bare, run.ns(), source.get().description().map(Located::value)
                        .orElse("copied from namespace " + otherNs), perms);
                if (text.isPresent() && !s.texts().containsKey(file)) {
                    SortedMap<SourceId, String> next = new TreeMap<>(s.texts());
                    next.put(file, text.get());
                    edit(run, next, agent.meta().file(), e -> e.setScalar(List.of("spec", "roles", String.valueOf(index)), bare))
                            .map(t -> s.then(t, new Step(Form.COPY_ROLE, "copy role `" + ref + "` into namespace `" + run.ns()
                                    + "` and name it `" + bare + "` in agent `" + agent.name() + "`"), Optional.empty()))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private List<State> unblockSteps(Run run, State s, Workspace ws, Answer a) {
        List<State> out = new ArrayList<>();
        for (Missing m : a.missing()) {
            if (!m.kind().equals("policy")) {
                continue;
            }
            for (AgentPolicy p : ws.all(AgentPolicy.class)) {
                Optional<Located<String>> item = p.blockedTools().stream().filter(b -> b.value().strip().equalsIgnoreCase(run.cell.column())).findFirst();
                if (p.name().equals(m.value()) && item.isPresent()) {
                    edit(run, s.texts(), p.meta().file(), e -> removeFrom(e, List.of("spec"), List.of("blocked_tools", "blockedTools"), item.get().value()))
                            .map(t -> s.then(t, new Step(Form.UNBLOCK_TOOL, "remove `" + item.get().value() + "` from blocked_tools of AgentPolicy `" + p.name() + "`"),
                                    s.grantRole()))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private List<State> seedDenySteps(Run run, State s, Agent agent, Answer a) {
        List<State> out = new ArrayList<>();
        for (Missing m : a.missing()) {
            for (int i = 0; i < agent.seedPolicies().size(); i++) {
                Agent.SeedPolicy p = agent.seedPolicies().get(i);
                int index = i;
                if (m.kind().equals("policy") && !p.allows() && p.resource().value().equals(m.value())) {
                    edit(run, s.texts(), agent.meta().file(), e -> e.removeItemAt(List.of("spec", "policies"), index))
                            .map(t -> s.then(t, new Step(Form.REMOVE_SEED_DENY, "remove the `effect: deny` seed policy on `" + m.value()
                                    + "` from agent `" + agent.name() + "`"), s.grantRole()))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private List<State> modelSteps(Run run, State s, Workspace ws, Agent agent, Answer a) {
        List<State> out = new ArrayList<>();
        String model = run.cell.column();
        for (Missing m : a.missing()) {
            if (m.kind().equals("model")) {
                edit(run, s.texts(), agent.meta().file(), e -> e.addItem(List.of("spec", "models"), m.value(), SPEC_LISTS))
                        .map(t -> s.then(t, new Step(Form.LIST_MODEL, "list `" + m.value() + "` in spec.models of agent `" + agent.name() + "` (a seed form orloj ignores)"),
                                s.grantRole()))
                        .ifPresent(out::add);
                for (ModelEndpoint e : ws.all(ModelEndpoint.class)) {
                    if (e.namespace().equals(run.ns()) && e.defaultModel().map(d -> d.value().equalsIgnoreCase(m.value())).orElse(false)
                            && !broken(ws, e) && agent.modelRef().isPresent()) {
                        edit(run, s.texts(), agent.meta().file(), x -> setFirst(x, List.of("spec"), List.of("model_ref", "modelRef"), e.name()))
                                .map(t -> s.then(t, new Step(Form.POINT_MODEL_REF, "point model_ref of agent `" + agent.name() + "` at `" + e.name()
                                        + "`, which serves `" + m.value() + "`"), s.grantRole()))
                                .ifPresent(out::add);
                    }
                }
            } else if (m.kind().equals("policy")) {
                for (AgentPolicy p : ws.all(AgentPolicy.class)) {
                    if (p.name().equals(m.value()) && !p.allowedModels().isEmpty()) {
                        edit(run, s.texts(), p.meta().file(), e -> addTo(e, List.of("spec"), List.of("allowed_models", "allowedModels"), model))
                                .map(t -> s.then(t, new Step(Form.POLICY_ALLOW_MODEL, "add `" + model + "` to allowed_models of AgentPolicy `" + p.name() + "`"),
                                        s.grantRole()))
                                .ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /**
     * ToolPermission operation rules: for each operation class of the tool, the entry that governs it (the first
     * of that class, else the first {@code *}) gets {@code verdict}; a class governed by {@code *} or by no entry
     * gets an entry of its own, so the other classes keep theirs. Whether that turns the cell is the engine's call.
     */
    private List<State> ruleSteps(Run run, State s, Workspace ws, Agent agent, Answer a, Verdict verdict) {
        String toolName = declaredName(agent, run.cell.column());
        Optional<Tool> tool = ws.find(Tool.class, run.ns(), toolName);
        Set<String> named = new HashSet<>();
        a.missing().stream().filter(m -> m.kind().equals("rule")).forEach(m -> named.add(m.value()));
        List<State> out = new ArrayList<>();
        if (tool.isEmpty()) {
            return out;
        }
        for (ToolPermission rule : ws.all(ToolPermission.class)) {
            if (!rule.namespace().equals(run.ns()) || !rule.toolRef().value().strip().equalsIgnoreCase(toolName)
                    || rule.operationRules().isEmpty() || (!named.isEmpty() && !named.contains(rule.name())) || broken(ws, rule)) {
                continue;
            }
            ruleEdit(run, s, rule, tool.get(), verdict, tool.get().operationClasses().stream().map(Located::value).toList()).ifPresent(out::add);
        }
        return out;
    }

    private Optional<State> ruleEdit(Run run, State s, ToolPermission rule, Tool tool, Verdict verdict, List<String> classes) {
        Optional<SortedMap<SourceId, String>> t = Optional.of(s.texts());
        List<String> changed = new ArrayList<>();
        for (String c : classes) {
            int governing = -1;
            boolean exact = false;
            for (int i = 0; i < rule.operationRules().size() && !exact; i++) {
                String oc = rule.operationRules().get(i).operationClass().value();
                if (oc.equalsIgnoreCase(c)) {
                    governing = i;
                    exact = true;
                } else if (oc.equals("*") && governing < 0) {
                    governing = i;
                }
            }
            if (governing >= 0 && rule.operationRules().get(governing).verdict().value() == verdict) {
                continue;
            }
            if (governing < 0 && verdict == Verdict.DENY) {
                continue;
            }
            int index = governing;
            if (exact) {
                t = t.flatMap(x -> edit(run, x, rule.meta().file(), e -> setVerdict(e, index, verdict)));
            } else {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("operation_class", c);
                entry.put("verdict", verdict.wireName());
                t = t.flatMap(x -> edit(run, x, rule.meta().file(), e -> e.addMapItem(key(e, List.of("spec"), List.of("operation_rules", "operationRules")), entry)));
            }
            changed.add(c);
            if (verdict == Verdict.DENY) {
                break; // one denied class denies the call
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        return t.map(x -> s.then(x, new Step(Form.RULE_VERDICT, "make ToolPermission `" + rule.name() + "` give " + verdict.wireName()
                + " to the operation class" + (changed.size() > 1 ? "es " : " ") + quoted(changed) + " of `" + tool.name() + "`"), s.grantRole()));
    }

    private static Optional<TextEdit> setVerdict(ManifestEdits e, int index, Verdict verdict) {
        List<String> item = new ArrayList<>(key(e, List.of("spec"), List.of("operation_rules", "operationRules")));
        item.add(String.valueOf(index));
        List<String> path = new ArrayList<>(item);
        path.add("verdict");
        return e.node(path).isPresent() ? e.setScalar(path, verdict.wireName()) : e.addField(item, "verdict", verdict.wireName());
    }

    // ------------------------------------------------------------------------------------------------ revoke

    private List<State> revokeSteps(Run run, State s, Snapshots.Snapshot snap) {
        Workspace ws = snap.workspace;
        Optional<Agent> found = ws.find(Agent.class, run.ns(), run.cell.agent());
        if (found.isEmpty()) {
            return List.of();
        }
        Agent agent = found.get();
        List<State> out = new ArrayList<>();
        if (run.cell.axis() == Axis.MODEL) {
            for (Located<String> m : agent.seedModels()) {
                if (m.value().equalsIgnoreCase(run.cell.column())) {
                    edit(run, s.texts(), agent.meta().file(), e -> e.removeItem(List.of("spec", "models"), m.value()))
                            .map(t -> s.then(t, new Step(Form.UNLIST_MODEL, "remove `" + m.value() + "` from spec.models of agent `" + agent.name() + "`"), Optional.empty()))
                            .ifPresent(out::add);
                }
            }
            agent.modelRef().flatMap(r -> ws.find(ModelEndpoint.class, run.ns(), r.value())).flatMap(ModelEndpoint::defaultModel)
                    .filter(d -> d.value().equalsIgnoreCase(run.cell.column()))
                    .ifPresent(d -> run.notes.add("`" + d.value() + "` is the default_model of the model_ref endpoint of agent `" + agent.name()
                            + "`: point model_ref at another endpoint to take it away"));
            return out;
        }
        String toolName = declaredName(agent, run.cell.column());
        edit(run, s.texts(), agent.meta().file(), e -> e.removeItem(List.of("spec", "tools"), toolName))
                .map(t -> s.then(t, new Step(Form.UNDECLARE_TOOL, "remove `" + toolName + "` from spec.tools of agent `" + agent.name() + "`"), Optional.empty()))
                .ifPresent(out::add);
        for (Located<String> r : agent.roles()) {
            edit(run, s.texts(), agent.meta().file(), e -> e.removeItem(List.of("spec", "roles"), r.value()))
                    .map(t -> s.then(t, new Step(Form.REMOVE_ROLE, "remove role `" + r.value() + "` from agent `" + agent.name() + "`"), Optional.empty()))
                    .ifPresent(out::add);
        }
        for (String p : relevantPermissions(ws, run.ns(), toolName)) {
            Optional<SortedMap<SourceId, String>> t = Optional.of(s.texts());
            List<String> from = new ArrayList<>();
            Set<String> spelled = new LinkedHashSet<>();
            for (Located<String> name : agent.roles()) {
                Optional<AgentRole> role = role(ws, run.ns(), name.value());
                if (role.isEmpty() || from.contains(role.get().name())) {
                    continue;
                }
                for (Located<String> held : role.get().permissions()) {
                    if (Permissions.perm(held.value()).equals(p)) {
                        from.add(role.get().name());
                        spelled.add(held.value());
                        t = t.flatMap(x -> edit(run, x, role.get().meta().file(), e -> e.removeItem(List.of("spec", "permissions"), held.value())));
                    }
                }
            }
            if (!from.isEmpty()) {
                t.map(x -> s.then(x, new Step(Form.REMOVE_PERMISSION_FROM_ROLE, "remove " + quoted(List.copyOf(spelled)) + " from role" + (from.size() > 1 ? "s " : " ") + quoted(from)),
                        Optional.empty())).ifPresent(out::add);
            }
        }
        for (int i = 0; i < agent.seedPolicies().size(); i++) {
            Agent.SeedPolicy p = agent.seedPolicies().get(i);
            int index = i;
            if (p.allows()) {
                edit(run, s.texts(), agent.meta().file(), e -> e.removeItemAt(List.of("spec", "policies"), index))
                        .map(t -> s.then(t, new Step(Form.REMOVE_SEED_GRANT, "remove the `effect: allow` seed policy on `" + p.resource().value()
                                + "` from agent `" + agent.name() + "`"), Optional.empty()))
                        .ifPresent(out::add);
            }
        }
        Optional<Tool> tool = ws.find(Tool.class, run.ns(), toolName);
        for (ToolPermission rule : ws.all(ToolPermission.class)) {
            if (tool.isEmpty() || !rule.namespace().equals(run.ns()) || !rule.toolRef().value().strip().equalsIgnoreCase(toolName)
                    || rule.operationRules().isEmpty()) {
                continue;
            }
            for (Located<String> c : tool.get().operationClasses()) {
                ruleEdit(run, s, rule, tool.get(), Verdict.DENY, List.of(c.value())).ifPresent(out::add);
            }
        }
        for (Located<String> x : agent.allowedTools().orElse(List.of())) {
            if (x.value().strip().equalsIgnoreCase(toolName)) {
                edit(run, s.texts(), agent.meta().file(), e -> removeFrom(e, List.of("spec"), List.of("allowed_tools", "allowedTools"), x.value()))
                        .map(t -> s.then(t, new Step(Form.REMOVE_PREAUTHORIZATION, "remove `" + x.value() + "` from allowed_tools of agent `"
                                + agent.name() + "`"), Optional.empty()))
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** Every permission string a call of the tool may require: its default ones and those of ToolPermissions naming it. */
    private static List<String> relevantPermissions(Workspace ws, String ns, String tool) {
        Set<String> out = new LinkedHashSet<>();
        out.add(Permissions.toolPermission(tool, "invoke"));
        ws.find(Tool.class, ns, tool).ifPresent(t -> t.capabilities().forEach(c -> out.add(Permissions.capabilityPermission(c.value()))));
        for (ToolPermission rule : ws.all(ToolPermission.class)) {
            if (rule.namespace().equals(ns) && rule.toolRef().value().strip().equalsIgnoreCase(tool)) {
                out.add(Permissions.toolPermission(tool, rule.action().value()));
                rule.requiredPermissions().forEach(p -> out.add(Permissions.perm(p.value())));
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Applies one structural edit to one file of {@code texts}; empty (with a note for JSON) when it cannot be made. */
    private static Optional<SortedMap<SourceId, String>> edit(Run run, SortedMap<SourceId, String> texts, SourceId file,
                                                              Function<ManifestEdits, Optional<TextEdit>> change) {
        String text = texts.get(file);
        if (text == null) {
            return Optional.empty();
        }
        Optional<ManifestEdits> edits = ManifestEdits.of(file, text);
        if (edits.isEmpty()) {
            run.notes.add("`" + file.path() + "` cannot be read as one manifest: no edit proposed in it");
            return Optional.empty();
        }
        return change.apply(edits.get())
                .flatMap(e -> WorkspaceEdit.applyTo(new dev.gatehouse.core.source.SourceText(file, text), List.of(e)))
                .map(t -> {
                    SortedMap<SourceId, String> next = new TreeMap<>(texts);
                    next.put(file, t);
                    return next;
                });
    }

    private static Optional<SortedMap<SourceId, String>> edit(Run run, State s, SourceId file, Function<ManifestEdits, Optional<TextEdit>> change) {
        return edit(run, s.texts(), file, change);
    }

    /** The path of the first spelling of a field that is written, else of the first spelling. */
    private static List<String> key(ManifestEdits e, List<String> parent, List<String> spellings) {
        for (String k : spellings) {
            List<String> p = new ArrayList<>(parent);
            p.add(k);
            if (e.node(p).isPresent()) {
                return p;
            }
        }
        List<String> p = new ArrayList<>(parent);
        p.add(spellings.get(0));
        return p;
    }

    private static Optional<TextEdit> removeFrom(ManifestEdits e, List<String> parent, List<String> spellings, String item) {
        return e.removeItem(key(e, parent, spellings), item);
    }

    private static Optional<TextEdit> addTo(ManifestEdits e, List<String> parent, List<String> spellings, String item) {
        return e.addItem(key(e, parent, spellings), item);
    }

    private static Optional<TextEdit> setFirst(ManifestEdits e, List<String> parent, List<String> spellings, String value) {
        return e.setScalar(key(e, parent, spellings), value);
    }

    private static Optional<AgentRole> role(Workspace ws, String ns, String name) {
        return ws.find(AgentRole.class, ns, name);
    }

    private static boolean broken(Workspace ws, Resource r) {
        return ws.manifests().stream().anyMatch(m -> m.resource() == r && m.broken());
    }

    private static String declaredName(Agent agent, String tool) {
        return agent.tools().stream().map(Located::value).filter(t -> t.strip().equalsIgnoreCase(tool.strip())).findFirst().orElse(tool.strip());
    }

    private static int indexOf(List<Located<String>> items, String value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).value().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** A new AgentRole manifest in block YAML; empty when a value cannot be written alike for both readers. */
    static Optional<String> roleText(String name, String namespace, String description, List<String> permissions) {
        StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n");
        Optional<String> n = YamlScalars.render(name, dev.gatehouse.core.parse.ScalarStyle.PLAIN, false);
        Optional<String> ns = YamlScalars.render(namespace, dev.gatehouse.core.parse.ScalarStyle.PLAIN, false);
        Optional<String> d = YamlScalars.render(description, dev.gatehouse.core.parse.ScalarStyle.PLAIN, false);
        if (n.isEmpty() || ns.isEmpty() || d.isEmpty()) {
            return Optional.empty();
        }
        b.append("  name: ").append(n.get()).append('\n').append("  namespace: ").append(ns.get()).append('\n');
        b.append("spec:\n  description: ").append(d.get()).append("\n  permissions:\n");
        for (String p : permissions) {
            Optional<String> v = YamlScalars.render(p, dev.gatehouse.core.parse.ScalarStyle.PLAIN, false);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            b.append("    - ").append(v.get()).append('\n');
        }
        return Optional.of(b.toString());
    }

    private static String slug(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
        }
        return b.toString().replaceAll("-+", "-").replaceAll("^-|-$", "");
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i + 1);
    }

    private static String quoted(List<String> items) {
        return "`" + String.join("`, `", items) + "`";
    }
}
