package dev.gatehouse.core.engine;

import dev.gatehouse.core.matrix.AccessMatrix;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the engine on generated workspaces (the generators shrink and replay by seed): taking a grant
 * away or adding a restriction never makes a strict decision more permissive; unknown names deny; an exposure is
 * exactly a cell where orloj is more permissive; the matrix equals single decisions; file order does not matter.
 */
class EngineProperties {
    static final List<String> TOOL_NAMES = List.of("web-search", "Web_Fetch", "db/query", "email-send", "kb");
    static final List<String> RISKS = List.of("low", "medium", "high", "critical");
    static final List<String> CAPS = List.of("web.read", "Email Send", "db-write");

    record ToolSpec(String name, String risk, List<String> caps, List<String> classes) {}

    record RoleSpec(String name, List<String> permissions) {}

    record AgentSpec(String name, List<String> roles, List<String> tools, List<String> allowed) {}

    record RuleSpec(String name, String tool, List<String> required, boolean any, boolean scoped, List<String> targets,
                    List<String[]> ops) {}

    record Spec(List<ToolSpec> tools, List<RoleSpec> roles, List<AgentSpec> agents, List<RuleSpec> rules, List<String> blocked) {
        Fixtures fixtures() {
            Fixtures f = Fixtures.of().file("m.yaml", "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n");
            for (ToolSpec t : tools) {
                StringBuilder b = new StringBuilder("  risk_level: " + t.risk() + "\n");
                list(b, "capabilities", t.caps());
                list(b, "operation_classes", t.classes());
                f.file("tools/" + safe(t.name()) + ".yaml", Fixtures.tool(t.name(), b.toString()));
            }
            for (RoleSpec r : roles) {
                f.file("roles/" + r.name() + ".yaml", Fixtures.role(r.name(), "default", r.permissions().toArray(String[]::new)));
            }
            for (AgentSpec a : agents) {
                if (!a.allowed().isEmpty()) {
                    StringBuilder j = new StringBuilder("{\"apiVersion\":\"orloj.dev/v1\",\"kind\":\"Agent\",\"metadata\":{\"name\":\"" + a.name()
                            + "\"},\"spec\":{\"model_ref\":\"m\",\"tools\":" + json(a.tools()) + ",\"roles\":" + json(a.roles())
                            + ",\"allowed_tools\":" + json(a.allowed()) + "}}");
                    f.file("agents/" + a.name() + ".json", j.toString());
                    continue;
                }
                StringBuilder b = new StringBuilder();
                list(b, "roles", a.roles());
                list(b, "tools", a.tools());
                f.file("agents/" + a.name() + ".yaml", Fixtures.agent(a.name(), b.toString()));
            }
            for (RuleSpec r : rules) {
                StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: " + r.name() + "\nspec:\n  tool_ref: \"" + r.tool() + "\"\n");
                b.append("  match_mode: ").append(r.any() ? "any" : "all").append('\n');
                b.append("  apply_mode: ").append(r.scoped() && !r.targets().isEmpty() ? "scoped" : "global").append('\n');
                list(b, "required_permissions", r.required());
                if (r.scoped() && !r.targets().isEmpty()) {
                    list(b, "target_agents", r.targets());
                }
                if (!r.ops().isEmpty()) {
                    b.append("  operation_rules:\n");
                    for (String[] op : r.ops()) {
                        b.append("    - operation_class: \"").append(op[0]).append("\"\n      verdict: ").append(op[1]).append('\n');
                    }
                }
                f.file("rules/" + r.name() + ".yaml", b.toString());
            }
            if (!blocked.isEmpty()) {
                StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n  apply_mode: global\n");
                list(b, "blocked_tools", blocked);
                f.file("policies/p.yaml", b.toString());
            }
            return f;
        }

        static void list(StringBuilder b, String key, List<String> items) {
            if (items.isEmpty()) {
                return;
            }
            b.append("  ").append(key).append(":\n");
            items.forEach(i -> b.append("    - \"").append(i).append("\"\n"));
        }

        private static String json(List<String> items) {
            return items.stream().map(i -> "\"" + i + "\"").reduce((x, y) -> x + "," + y).map(s -> "[" + s + "]").orElse("[]");
        }

        private static String safe(String name) {
            return name.replace('/', '_');
        }
    }

    /**
     * What the base generator leaves out, each drawn or not: an AgentSystem over some agents and a Task running
     * it, a scoped AgentPolicy (targets, blocked tools, allowed models), an agent with seed-form policies, one
     * naming a role in another namespace, one broken or unreadable manifest of some kind, an endpoint serving
     * another model, and a ToolPermission with a non-default action or blank requirements beside an agent whose
     * role grants that action.
     */
    record Extras(List<String> members, boolean task, int target, List<String> blocked, boolean otherModel,
                  boolean seeded, boolean crossNamespace, int broken, boolean otherEndpoint, int rule) {
        Fixtures addTo(Fixtures f) {
            String head = "apiVersion: orloj.dev/v1\nkind: ";
            // An agent without roles whose tools all exist, so that what a policy or a system changes shows.
            if (!f.names().contains("tools/kb.yaml")) {
                f.file("tools/kb.yaml", Fixtures.tool("kb", "  risk_level: low\n"));
            }
            f.file("agents/member.yaml", Fixtures.agent("member", "  tools:\n    - kb\n    - web-search\n    - Web_Fetch\n"));
            if (!members.isEmpty()) {
                StringBuilder b = new StringBuilder(head + "AgentSystem\nmetadata:\n  name: sys\nspec:\n");
                Spec.list(b, "agents", members);
                f.file("systems/sys.yaml", b.toString());
            }
            if (task) {
                f.file("tasks/job.yaml", head + "Task\nmetadata:\n  name: job\nspec:\n  system: sys\n");
            }
            if (target > 0) {
                StringBuilder b = new StringBuilder(head + "AgentPolicy\nmetadata:\n  name: q\nspec:\n  apply_mode: scoped\n");
                switch (target) {
                    case 1 -> Spec.list(b, "target_systems", List.of("sys"));
                    case 2 -> Spec.list(b, "target_tasks", List.of("job"));
                    case 3 -> Spec.list(b, "target_systems", List.of(" SYS "));
                    default -> Spec.list(b, "target_systems", List.of("other-system"));
                }
                Spec.list(b, "blocked_tools", blocked);
                Spec.list(b, "allowed_models", List.of(otherModel ? "claude" : "GPT-4o"));
                f.file("policies/q.yaml", b.toString());
            }
            if (seeded) {
                f.file("agents/seeded.yaml", Fixtures.agent("seeded", "  policies:\n    - effect: deny\n      resource: \"web-*\"\n      action: \"*\"\n"
                        + "    - effect: allow\n      resource: \"db/*\"\n      action: invoke\n    - effect: allow\n      resource: KB\n      action: \"*\"\n"
                        + "  roles:\n    - role0\n  tools:\n    - web-search\n    - kb\n    - db/query\n    - Web_Fetch\n"));
            }
            if (crossNamespace) {
                f.file("roles/other-role0.yaml", Fixtures.role("role0", "other", "tool:kb:invoke", "tool:web_search:invoke"));
                f.file("agents/xns.yaml", Fixtures.agent("xns", "  roles:\n    - other/role0\n  tools:\n    - kb\n    - web-search\n"));
            }
            if (otherEndpoint) {
                f.file("m.yaml", head + "ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: claude\n");
            }
            if (rule > 0) {
                StringBuilder b = new StringBuilder(head + "ToolPermission\nmetadata:\n  name: reading\nspec:\n");
                b.append(rule % 2 == 0 ? "  tool_ref: \" KB \"\n" : "  tool_ref: kb\n");
                b.append(rule <= 2 ? "  action: read\n" : "  action: invoke\n");
                b.append(rule >= 3 ? "  match_mode: any\n" : "");
                if (rule >= 3) {
                    Spec.list(b, "required_permissions", List.of("  "));
                }
                if (rule == 2 || rule == 4) {
                    b.append("  operation_rules:\n    - operation_class: write\n      verdict: deny\n");
                }
                f.file("rules/reading.yaml", b.toString());
                f.file("roles/reader.yaml", Fixtures.role("reader", "default", "tool:kb:read", "capability:web.read"));
                f.file("agents/reader.yaml", Fixtures.agent("reader", "  roles:\n    - reader\n  tools:\n    - kb\n    - web-search\n"));
            }
            switch (broken) {
                case 1 -> f.file("tools/web-search.yaml", Fixtures.tool("web-search", "  risk_level: low\n  capabilities: [web.read]\n"));
                case 2 -> f.file("agents/agent0.yaml", Fixtures.agent("agent0", "  roles: [role0]\n  tools:\n    - kb\n    - web-search\n"));
                case 3 -> f.file("rules/broken.yaml", head + "ToolPermission\nmetadata:\n  name: broken\nspec:\n  tool_ref: kb\n"
                        + "  required_permissions: [tool:kb:invoke]\n");
                case 4 -> f.file("policies/broken.yaml", head + "AgentPolicy\nmetadata:\n  name: broken\nspec:\n  apply_mode: global\n  blocked_tools: [kb]\n");
                case 5 -> f.file("roles/role0.yaml", head + "AgentRole\nmetadata:\n  name: role0\nspec:\n  permissions: [tool:kb:invoke]\n");
                case 6 -> f.file("zz-unreadable.yaml", "kind: [\n");
                case 7 -> f.file("policies/commented.yaml", head + "AgentPolicy\nmetadata:\n  name: commented\nspec:\n  apply_mode: global\n"
                        + "  blocked_tools:\n    - web-search  # for now\n");
                default -> {
                }
            }
            return f;
        }
    }

    /** A generated workspace with extras. */
    record Variant(Spec spec, Extras extras) {
        Fixtures fixtures() {
            return extras.addTo(spec.fixtures());
        }
    }

    @Provide
    Arbitrary<Variant> variants() {
        return variantsOf();
    }

    static Arbitrary<Variant> variantsOf() {
        Arbitrary<Extras> extras = Builders.withBuilder(() -> new Object[10])
                .use(Arbitraries.of("agent0", "member", "reader", "seeded", "ghost").list().uniqueElements().ofMaxSize(3)).in((o, v) -> { o[0] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[1] = v; return o; })
                .use(Arbitraries.integers().between(0, 4)).in((o, v) -> { o[2] = v; return o; })
                .use(Arbitraries.of("kb", " Kb ", "WEB-SEARCH", "db/query", "email-send").list().uniqueElements().ofMaxSize(2)).in((o, v) -> { o[3] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[4] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[5] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[6] = v; return o; })
                .use(Arbitraries.integers().between(0, 12)).in((o, v) -> { o[7] = v; return o; })
                .use(Arbitraries.of(false, false, true)).in((o, v) -> { o[8] = v; return o; })
                .use(Arbitraries.integers().between(0, 6)).in((o, v) -> { o[9] = v; return o; })
                .build(o -> new Extras(cast(o[0]), (Boolean) o[1], (Integer) o[2], cast(o[3]), (Boolean) o[4], (Boolean) o[5],
                        (Boolean) o[6], (Integer) o[7], (Boolean) o[8], (Integer) o[9]));
        return Builders.withBuilder(() -> new Object[2])
                .use(specs()).in((o, v) -> { o[0] = v; return o; })
                .use(extras).in((o, v) -> { o[1] = v; return o; })
                .build(o -> new Variant(cast(o[0]), cast(o[1])));
    }

    /** No context, the system, and the task running it (which need not exist). */
    static final List<Context> CONTEXTS = List.of(Context.of("default"),
            new Context("default", java.util.Optional.of("sys"), java.util.Optional.empty()),
            new Context("default", java.util.Optional.of("sys"), java.util.Optional.of("job")));

    static Arbitrary<String> permission() {
        return Arbitraries.oneOf(
                Arbitraries.of(TOOL_NAMES).map(t -> "tool:" + t + ":invoke"),
                Arbitraries.of(TOOL_NAMES).map(t -> "TOOL: " + t.toUpperCase() + " :Invoke"),
                Arbitraries.of(CAPS).map(c -> "capability:" + c));
    }

    @Provide
    Arbitrary<Spec> workspaces() {
        return specs();
    }

    /** The generated workspaces, for the properties of other classes too. */
    static Arbitrary<Spec> specs() {
        Arbitrary<ToolSpec> tool = Builders.withBuilder(() -> new Object[4])
                .use(Arbitraries.of(RISKS)).in((o, v) -> { o[1] = v; return o; })
                .use(Arbitraries.of(CAPS).list().uniqueElements().ofMaxSize(2)).in((o, v) -> { o[2] = v; return o; })
                .use(Arbitraries.of("read", "write", "delete", "admin").list().uniqueElements().ofMaxSize(2)).in((o, v) -> { o[3] = v; return o; })
                .build(o -> new ToolSpec("", (String) o[1], cast(o[2]), cast(o[3])));
        Arbitrary<List<ToolSpec>> tools = tool.list().ofMinSize(2).ofMaxSize(TOOL_NAMES.size()).map(ts -> {
            List<ToolSpec> out = new ArrayList<>();
            for (int i = 0; i < ts.size(); i++) {
                out.add(new ToolSpec(TOOL_NAMES.get(i), ts.get(i).risk(), ts.get(i).caps(), ts.get(i).classes()));
            }
            return out;
        });
        Arbitrary<List<RoleSpec>> roles = permission().list().ofMaxSize(4).list().ofMaxSize(3).map(ps -> {
            List<RoleSpec> out = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                out.add(new RoleSpec("role" + i, ps.get(i)));
            }
            return out;
        });
        Arbitrary<AgentSpec> agent = Builders.withBuilder(() -> new Object[4])
                .use(Arbitraries.of("role0", "role1", "role2", "ghost-role").list().uniqueElements().ofMaxSize(2)).in((o, v) -> { o[1] = v; return o; })
                .use(Arbitraries.of(TOOL_NAMES).list().uniqueElements().ofMaxSize(4)).in((o, v) -> { o[2] = v; return o; })
                .use(Arbitraries.of(TOOL_NAMES).list().uniqueElements().ofMaxSize(1).injectDuplicates(0)).in((o, v) -> { o[3] = v; return o; })
                .build(o -> new AgentSpec("", cast(o[1]), cast(o[2]), Arbitraries.of(true, false).sample() ? List.of() : cast(o[3])));
        Arbitrary<List<AgentSpec>> agents = agent.list().ofMinSize(1).ofMaxSize(4).map(as -> {
            List<AgentSpec> out = new ArrayList<>();
            for (int i = 0; i < as.size(); i++) {
                out.add(new AgentSpec("agent" + i, as.get(i).roles(), as.get(i).tools(), as.get(i).allowed()));
            }
            return out;
        });
        Arbitrary<String[]> op = Arbitraries.of("read", "write", "delete", "admin", "*")
                .flatMap(c -> Arbitraries.of("allow", "deny", "approval_required").map(v -> new String[] {c, v}));
        Arbitrary<RuleSpec> rule = Builders.withBuilder(() -> new Object[7])
                .use(Arbitraries.of(TOOL_NAMES).map(t -> Arbitraries.of(true, false).sample() ? t : t.toUpperCase())).in((o, v) -> { o[1] = v; return o; })
                .use(permission().list().ofMaxSize(2)).in((o, v) -> { o[2] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[3] = v; return o; })
                .use(Arbitraries.of(true, false)).in((o, v) -> { o[4] = v; return o; })
                .use(Arbitraries.of("agent0", "AGENT1", "agent2").list().uniqueElements().ofMaxSize(2)).in((o, v) -> { o[5] = v; return o; })
                .use(op.list().ofMaxSize(3)).in((o, v) -> { o[6] = v; return o; })
                .build(o -> new RuleSpec("", (String) o[1], cast(o[2]), (Boolean) o[3], (Boolean) o[4], cast(o[5]), cast(o[6])));
        Arbitrary<List<RuleSpec>> rules = rule.list().ofMaxSize(3).map(rs -> {
            List<RuleSpec> out = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                RuleSpec r = rs.get(i);
                out.add(new RuleSpec("rule" + i, r.tool(), r.required(), r.any(), r.scoped(), r.targets(), r.ops()));
            }
            return out;
        });
        Arbitrary<List<String>> blocked = Arbitraries.of(TOOL_NAMES).list().uniqueElements().ofMaxSize(1);
        return Builders.withBuilder(() -> new Object[5])
                .use(tools).in((o, v) -> { o[0] = v; return o; })
                .use(roles).in((o, v) -> { o[1] = v; return o; })
                .use(agents).in((o, v) -> { o[2] = v; return o; })
                .use(rules).in((o, v) -> { o[3] = v; return o; })
                .use(blocked).in((o, v) -> { o[4] = v; return o; })
                .build(o -> new Spec(cast(o[0]), cast(o[1]), cast(o[2]), cast(o[3]), cast(o[4])));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private static List<Answer> cells(DecisionEngine e) {
        return AccessMatrix.tools(e, Context.of("default")).cells();
    }

    private static void assertNoMorePermissive(List<Answer> before, List<Answer> after) {
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertTrue(!after.get(i).strict().morePermissiveThan(before.get(i).strict()),
                    "cell " + i + ": " + before.get(i).strict() + " became " + after.get(i).strict());
        }
    }

    @Property(tries = 60)
    void removingARolePermissionNeverGrantsMore(@ForAll("workspaces") Spec spec, @ForAll @IntRange(max = 20) int pick) {
        List<RoleSpec> roles = new ArrayList<>(spec.roles());
        if (roles.isEmpty() || roles.get(pick % roles.size()).permissions().isEmpty()) {
            return;
        }
        RoleSpec r = roles.get(pick % roles.size());
        List<String> perms = new ArrayList<>(r.permissions());
        perms.remove(pick % perms.size());
        roles.set(pick % roles.size(), new RoleSpec(r.name(), perms));
        Spec changed = new Spec(spec.tools(), roles, spec.agents(), spec.rules(), spec.blocked());
        assertNoMorePermissive(cells(spec.fixtures().engine()), cells(changed.fixtures().engine()));
    }

    @Property(tries = 60)
    void removingARoleOrAnAllowedToolNeverGrantsMore(@ForAll("workspaces") Spec spec, @ForAll @IntRange(max = 20) int pick) {
        List<AgentSpec> agents = new ArrayList<>(spec.agents());
        AgentSpec a = agents.get(pick % agents.size());
        List<String> roles = new ArrayList<>(a.roles());
        List<String> allowed = new ArrayList<>(a.allowed());
        // A role that does not exist denies every call at step 5 (missing_role): removing it is a repair, which
        // may grant, so it has a property of its own below.
        boolean dangling = !roles.isEmpty() && spec.roles().stream().noneMatch(r -> r.name().equals(roles.get(0)));
        if (!roles.isEmpty() && pick % 2 == 0) {
            roles.remove(0);
        } else if (!allowed.isEmpty()) {
            allowed.remove(0);
            dangling = false;
        } else {
            return;
        }
        agents.set(pick % agents.size(), new AgentSpec(a.name(), roles, a.tools(), allowed));
        Spec changed = new Spec(spec.tools(), spec.roles(), agents, spec.rules(), spec.blocked());
        List<Answer> before = cells(spec.fixtures().engine());
        List<Answer> after = cells(changed.fixtures().engine());
        if (!dangling) {
            assertNoMorePermissive(before, after);
            return;
        }
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).strict().reason() != ReasonCode.MISSING_ROLE) {
                assertEquals(before.get(i).strict(), after.get(i).strict(), "cell " + i + " changed by removing a dangling role");
            }
        }
    }

    @Property(tries = 60)
    void addingABlockedToolOrARequiredPermissionNeverGrantsMore(@ForAll("workspaces") Spec spec, @ForAll @IntRange(max = 20) int pick) {
        List<String> blocked = new ArrayList<>(spec.blocked());
        String tool = TOOL_NAMES.get(pick % TOOL_NAMES.size());
        if (!blocked.contains(tool)) {
            blocked.add(tool);
        }
        Spec moreBlocked = new Spec(spec.tools(), spec.roles(), spec.agents(), spec.rules(), blocked);
        List<Answer> before = cells(spec.fixtures().engine());
        assertNoMorePermissive(before, cells(moreBlocked.fixtures().engine()));
        if (!spec.rules().isEmpty()) {
            List<RuleSpec> rules = new ArrayList<>(spec.rules());
            RuleSpec r = rules.get(pick % rules.size());
            if (!r.any() && !r.required().isEmpty()) {
                List<String> req = new ArrayList<>(r.required());
                req.add("capability:never-granted");
                rules.set(pick % rules.size(), new RuleSpec(r.name(), r.tool(), req, r.any(), r.scoped(), r.targets(), r.ops()));
                assertNoMorePermissive(before, cells(new Spec(spec.tools(), spec.roles(), spec.agents(), rules, spec.blocked()).fixtures().engine()));
            }
        }
    }

    @Property(tries = 40)
    void unknownNamesAreAlwaysDenied(@ForAll("workspaces") Spec spec) {
        DecisionEngine e = spec.fixtures().engine();
        for (String tool : TOOL_NAMES) {
            Answer a = e.decideTool("nobody", tool, Context.of("default"), TraceSink.NONE);
            assertEquals(ReasonCode.UNKNOWN_AGENT, a.strict().reason());
            assertEquals(ReasonCode.TASK_INVALID, a.orloj().reason());
        }
        for (AgentSpec a : spec.agents()) {
            assertEquals(dev.gatehouse.core.model.Verdict.DENY, e.decideTool(a.name(), "no-such-tool", Context.of("default"), TraceSink.NONE).strict().verdict());
            assertEquals(dev.gatehouse.core.model.Verdict.DENY, e.decideModel(a.name(), "no-such-model", Context.of("default"), TraceSink.NONE).strict().verdict());
        }
    }

    @Property(tries = 60)
    void anExposureIsExactlyACellWhereOrlojIsMorePermissive(@ForAll("workspaces") Spec spec) {
        for (Answer a : cells(spec.fixtures().engine())) {
            assertEquals(a.orloj().morePermissiveThan(a.strict()), a.exposure().isPresent(), a.toString());
            assertEquals(a.exposure(), a.exposures().stream().findFirst());
        }
    }

    @Property(tries = 40)
    void theMatrixEqualsSingleDecisionsWithTrace(@ForAll("workspaces") Spec spec) {
        DecisionEngine e = spec.fixtures().engine();
        AccessMatrix m = AccessMatrix.tools(e, Context.of("default"));
        for (int r = 0; r < m.agents().size(); r++) {
            for (int c = 0; c < m.columns().size(); c++) {
                Answer single = e.decideTool(m.agents().get(r), m.columns().get(c), Context.of("default"), new TraceSink.Recording());
                assertEquals(List.of(single.strict(), single.orloj(), single.exposure()),
                        List.of(m.cell(r, c).strict(), m.cell(r, c).orloj(), m.cell(r, c).exposure()));
            }
        }
    }

    @Property(tries = 40)
    void decisionsDoNotDependOnFileOrderOrToolSpelling(@ForAll("workspaces") Spec spec) {
        DecisionEngine e = spec.fixtures().engine();
        Fixtures renamed = Fixtures.of();
        Fixtures original = spec.fixtures();
        // Reverse file order by renaming with descending prefixes.
        List<String> names = new ArrayList<>(original.names());
        for (int i = 0; i < names.size(); i++) {
            renamed.file(String.format("%03d-%s", names.size() - i, names.get(i).replace('/', '-')), original.text(names.get(i)));
        }
        DecisionEngine e2 = renamed.engine();
        for (AgentSpec a : spec.agents()) {
            for (String t : TOOL_NAMES) {
                Answer x = e.decideTool(a.name(), t, Context.of("default"), TraceSink.NONE);
                Answer y = e2.decideTool(a.name(), t, Context.of("default"), TraceSink.NONE);
                Answer z = e.decideTool(a.name(), "  " + t.toUpperCase() + " ", Context.of("default"), TraceSink.NONE);
                assertEquals(List.of(x.strict().verdict(), x.orloj().verdict(), x.exposure()), List.of(y.strict().verdict(), y.orloj().verdict(), y.exposure()));
                assertEquals(List.of(x.strict().verdict(), x.orloj().verdict()), List.of(z.strict().verdict(), z.orloj().verdict()));
            }
        }
    }

    @Property(tries = 30)
    void strictNeverAllowsWhatNothingGrants(@ForAll("workspaces") Spec spec) {
        DecisionEngine e = spec.fixtures().engine();
        for (AgentSpec a : spec.agents()) {
            for (String t : a.tools()) {
                Answer x = e.decideTool(a.name(), t, Context.of("default"), TraceSink.NONE);
                if (x.strict().verdict() == dev.gatehouse.core.model.Verdict.ALLOW) {
                    assertTrue(List.of(ReasonCode.ROLE_GRANT, ReasonCode.RULE_GRANT, ReasonCode.PREAUTHORIZED).contains(x.strict().reason()), x.toString());
                    assertTrue(!a.roles().isEmpty() || !a.allowed().isEmpty(), "a role-less agent with no allowed_tools was allowed: " + x);
                }
            }
        }
    }

    /** Verdicts, reasons and exposures of a cell: what the untraced path computes itself. */
    static List<Object> outcome(Answer a) {
        return List.of(a.strict().verdict(), a.strict().reason(), a.orloj().verdict(), a.orloj().reason(), a.exposure(), a.exposures());
    }

    @Property(tries = 120)
    void theFastPathEqualsTheTracedPath(@ForAll("variants") Variant v) {
        assertFastEqualsTraced(v.fixtures().engine());
        // Again once enough questions were asked in each context for the namespace to answer them from the
        // context's table of outcomes worked out in advance (ToolCallIndex.Quick) rather than through the rows.
        DecisionEngine warmed = v.fixtures().engine();
        for (Context ctx : CONTEXTS) {
            for (int i = 0; i < 300; i++) {
                warmed.decideTool("nobody", "no-such-tool", ctx, TraceSink.NONE);
            }
        }
        assertFastEqualsTraced(warmed);
    }

    private static void assertFastEqualsTraced(DecisionEngine e) {
        List<String> agents = new ArrayList<>(e.agents("default"));
        agents.addAll(List.of("nobody", "xns", "seeded", "AGENT0"));
        List<String> tools = new ArrayList<>(TOOL_NAMES);
        tools.addAll(List.of("WEB-SEARCH", " kb ", "web_fetch", "Db/Query", "no-such-tool", "web_search", ""));
        for (Context ctx : CONTEXTS) {
            for (String agent : agents) {
                for (String tool : tools) {
                    Answer fast = e.decideTool(agent, tool, ctx, TraceSink.NONE);
                    Answer traced = e.decideTool(agent, tool, ctx, new TraceSink.Recording());
                    String at = agent + " -> " + tool + " in " + ctx;
                    assertEquals(outcome(traced), outcome(fast), at);
                    assertEquals(List.of(traced.strict(), traced.orloj(), traced.missing(), traced.involved()),
                            List.of(fast.strict(), fast.orloj(), fast.missing(), fast.involved()), at);
                    assertEquals(List.of(), fast.trace(), at);
                }
            }
            AccessMatrix m = AccessMatrix.tools(e, ctx);
            for (int r = 0; r < m.agents().size(); r++) {
                for (int c = 0; c < m.columns().size(); c++) {
                    Answer traced = e.decideTool(m.agents().get(r), m.columns().get(c), ctx, new TraceSink.Recording());
                    assertEquals(outcome(traced), outcome(m.cell(r, c)), m.agents().get(r) + " -> " + m.columns().get(c) + " in " + ctx);
                    assertEquals(traced.strict().verdict(), m.strictVerdict(r, c));
                    assertEquals(traced.exposure().isPresent(), m.exposed(r, c));
                }
            }
        }
    }
}
