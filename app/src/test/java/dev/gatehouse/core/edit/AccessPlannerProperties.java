package dev.gatehouse.core.edit;

import dev.gatehouse.core.edit.AccessPlan.Cell;
import dev.gatehouse.core.edit.AccessPlan.CellChange;
import dev.gatehouse.core.edit.AccessPlan.Proposal;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On generated workspaces (roles shared or not, capabilities, an operation rule, role-less agents), every proposal
 * of a plan tells the truth: its edit applies to the original texts, and deciding the edited workspace from scratch
 * gives the verdict it records and changes exactly the target cell and the side effects it lists; proposals that
 * reach come first, side-effect-free ones before the others.
 */
class AccessPlannerProperties {
    static final List<String> PERMS = List.of("tool:t1:invoke", "tool:t2:invoke", "capability:c1", "tool:t3:invoke");

    record AgentSpec(List<String> roles, List<String> tools) {}

    record Spec(List<List<String>> roles, List<AgentSpec> agents, boolean capability, String verdict, int agent, String column, boolean model) {
        Map<SourceId, String> texts() {
            Map<SourceId, String> m = new TreeMap<>();
            m.put(new SourceId("m.yaml"), AccessPlannerTest.MODEL);
            m.put(new SourceId("m2.yaml"), AccessPlannerTest.MODEL.replace("name: m", "name: m2").replace("gpt-4o", "gpt-5"));
            m.put(new SourceId("tools/t1.yaml"), AccessPlannerTest.tool("t1", "read") + (capability ? "  capabilities:\n    - c1\n" : ""));
            m.put(new SourceId("tools/t2.yaml"), AccessPlannerTest.tool("t2", "write"));
            m.put(new SourceId("tools/t3.yaml"), AccessPlannerTest.tool("t3", "read"));
            m.put(new SourceId("tool-permissions/t2.yaml"), "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: t2-guard\nspec:\n"
                    + "  tool_ref: t2\n  operation_rules:\n    - operation_class: write\n      verdict: " + verdict + "\n");
            for (int i = 0; i < roles.size(); i++) {
                StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: r" + i + "\nspec:\n  description: role\n");
                if (!roles.get(i).isEmpty()) {
                    b.append("  permissions:\n");
                    roles.get(i).forEach(p -> b.append("    - ").append(p).append('\n'));
                }
                m.put(new SourceId("roles/r" + i + ".yaml"), b.toString());
            }
            for (int i = 0; i < agents.size(); i++) {
                StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a" + i + "\nspec:\n  model_ref: m\n");
                list(b, "roles", agents.get(i).roles());
                list(b, "tools", agents.get(i).tools());
                m.put(new SourceId("agents/a" + i + ".yaml"), b.toString());
            }
            return m;
        }

        Cell cell() {
            return model ? Cell.model("a" + agent % agents.size(), column.equals("t1") ? "gpt-5" : "gpt-4o")
                    : Cell.tool("a" + agent % agents.size(), column);
        }
    }

    static void list(StringBuilder b, String key, List<String> items) {
        if (!items.isEmpty()) {
            b.append("  ").append(key).append(":\n");
            items.forEach(i -> b.append("    - ").append(i).append('\n'));
        }
    }

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<List<List<String>>> roles = Arbitraries.of(PERMS).list().ofMaxSize(3).uniqueElements().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<AgentSpec> agent = Builders.withBuilder(() -> new AgentSpec(List.of(), List.of()))
                .use(Arbitraries.of("r0", "r1", "r2").list().ofMaxSize(2).uniqueElements()).in((a, r) -> new AgentSpec(r, a.tools()))
                .use(Arbitraries.of("t1", "t2", "t3").list().ofMaxSize(3).uniqueElements()).in((a, t) -> new AgentSpec(a.roles(), t))
                .build();
        return Builders.withBuilder(() -> new Spec(List.of(), List.of(), false, "allow", 0, "t1", false))
                .use(roles).in((s, r) -> new Spec(r, s.agents(), s.capability(), s.verdict(), s.agent(), s.column(), s.model()))
                .use(agent.list().ofMinSize(1).ofMaxSize(3)).in((s, a) -> new Spec(s.roles(), a, s.capability(), s.verdict(), s.agent(), s.column(), s.model()))
                .use(Arbitraries.of(true, false)).in((s, c) -> new Spec(s.roles(), s.agents(), c, s.verdict(), s.agent(), s.column(), s.model()))
                .use(Arbitraries.of("allow", "deny", "approval_required")).in((s, v) -> new Spec(s.roles(), s.agents(), s.capability(), v, s.agent(), s.column(), s.model()))
                .use(Arbitraries.integers().between(0, 2)).in((s, i) -> new Spec(s.roles(), s.agents(), s.capability(), s.verdict(), i, s.column(), s.model()))
                .use(Arbitraries.of("t1", "t2", "t3")).in((s, c) -> new Spec(s.roles(), s.agents(), s.capability(), s.verdict(), s.agent(), c, s.model()))
                .use(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(false)), net.jqwik.api.Tuple.of(1, Arbitraries.just(true))))
                .in((s, m) -> new Spec(s.roles(), s.agents(), s.capability(), s.verdict(), s.agent(), s.column(), m))
                .build();
    }

    @Property(tries = 80)
    void everyProposalTellsTheTruthAndTheCleanOnesComeFirst(@ForAll("specs") Spec spec) {
        Map<SourceId, String> texts = spec.texts();
        Cell cell = spec.cell();
        Context ctx = Context.of("default");
        AccessPlan plan = new AccessPlanner(texts).plan(ctx, cell);
        net.jqwik.api.statistics.Statistics.collect(plan.intent(), plan.proposals().size() > 2 ? "3+" : String.valueOf(plan.proposals().size()));
        boolean sawSideEffects = false;
        boolean sawUnreached = false;
        for (Proposal p : plan.proposals()) {
            Map<SourceId, String> after = AccessPlannerTest.applied(texts, p);
            DecisionEngine engine = DecisionEngine.compile(YamlEditsTest.read(after));
            Verdict v = (cell.axis() == AccessPlan.Axis.TOOL ? engine.decideTool(cell.agent(), cell.column(), ctx, TraceSink.NONE)
                    : engine.decideModel(cell.agent(), cell.column(), ctx, TraceSink.NONE)).strict().verdict();
            assertEquals(v, p.verification().after(), p.title());
            assertEquals(v == plan.intent().target(), p.verification().reached(), p.title());
            List<CellChange> expected = new ArrayList<>();
            if (v != plan.current()) {
                expected.add(new CellChange(cell, plan.current(), v));
            }
            expected.addAll(p.verification().sideEffects());
            assertEquals(sorted(expected), sorted(AccessPlannerTest.changes(texts, after, "default")), p.title());
            assertEquals(false, sawUnreached && p.verification().reached(), "reaching proposals come first");
            assertEquals(false, p.verification().reached() && sawSideEffects && p.verification().sideEffects().isEmpty(), "clean ones come first");
            sawUnreached |= !p.verification().reached();
            sawSideEffects |= p.verification().reached() && !p.verification().sideEffects().isEmpty();
        }
    }

    static List<String> sorted(List<CellChange> changes) {
        return changes.stream().map(CellChange::toString).sorted().toList();
    }
}
