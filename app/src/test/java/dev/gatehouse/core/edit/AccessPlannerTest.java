package dev.gatehouse.core.edit;

import dev.gatehouse.core.edit.AccessPlan.Cell;
import dev.gatehouse.core.edit.AccessPlan.CellChange;
import dev.gatehouse.core.edit.AccessPlan.Form;
import dev.gatehouse.core.edit.AccessPlan.Intent;
import dev.gatehouse.core.edit.AccessPlan.Proposal;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.gatehouse.core.model.Verdict.ALLOW;
import static dev.gatehouse.core.model.Verdict.APPROVAL_REQUIRED;
import static dev.gatehouse.core.model.Verdict.DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessPlannerTest {
    static final Context CUSTOPS = Context.of("custops");
    static final Context DEFAULT = Context.of("default");
    static final String MODEL = "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n";

    static String agent(String name, String roles, String tools) {
        return "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: " + name + "\nspec:\n  model_ref: m\n  roles:\n    - " + roles
                + "\n  tools:\n    - " + tools + "\n";
    }

    static String role(String name, String permission) {
        return "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: " + name + "\nspec:\n  permissions:\n    - " + permission + "\n";
    }

    static String tool(String name, String cls) {
        return "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: " + name + "\nspec:\n  operation_classes:\n    - " + cls + "\n";
    }

    /** Two agents sharing the one role they have; neither may call `t`. */
    static Map<SourceId, String> sharedRole() {
        Map<SourceId, String> m = new TreeMap<>();
        m.put(new SourceId("m.yaml"), MODEL);
        m.put(new SourceId("tools/t.yaml"), tool("t", "read"));
        m.put(new SourceId("roles/shared.yaml"), role("shared", "tool:other:invoke"));
        m.put(new SourceId("agents/a1.yaml"), agent("a1", "shared", "t"));
        m.put(new SourceId("agents/a2.yaml"), agent("a2", "shared", "t"));
        return m;
    }

    /** Every cell whose strict verdict differs between the two workspaces, decided from scratch (not by the planner). */
    static List<CellChange> changes(Map<SourceId, String> before, Map<SourceId, String> after, String ns) {
        Map<Cell, Verdict> was = matrix(before, ns);
        Map<Cell, Verdict> now = matrix(after, ns);
        List<CellChange> out = new ArrayList<>();
        for (Map.Entry<Cell, Verdict> e : now.entrySet()) {
            Verdict b = was.getOrDefault(e.getKey(), DENY);
            if (b != e.getValue()) {
                out.add(new CellChange(e.getKey(), b, e.getValue()));
            }
        }
        return out;
    }

    static Map<Cell, Verdict> matrix(Map<SourceId, String> texts, String ns) {
        DecisionEngine engine = DecisionEngine.compile(YamlEditsTest.read(texts));
        Map<Cell, Verdict> out = new LinkedHashMap<>();
        AccessMatrix tools = AccessMatrix.tools(engine, Context.of(ns));
        AccessMatrix models = AccessMatrix.models(engine, Context.of(ns));
        for (int r = 0; r < tools.agents().size(); r++) {
            for (int c = 0; c < tools.columns().size(); c++) {
                out.put(Cell.tool(tools.agents().get(r), tools.columns().get(c)), tools.strictVerdict(r, c));
            }
            for (int c = 0; c < models.columns().size(); c++) {
                out.put(Cell.model(models.agents().get(r), models.columns().get(c)), models.strictVerdict(r, c));
            }
        }
        return out;
    }

    static Map<SourceId, String> applied(Map<SourceId, String> texts, Proposal p) {
        Map<SourceId, String> out = new TreeMap<>(texts);
        out.putAll(p.edit().apply(texts).orElseThrow());
        return out;
    }

    static List<String> titles(AccessPlan plan) {
        return plan.proposals().stream().map(Proposal::title).toList();
    }

    static List<List<CellChange>> sideEffects(AccessPlan plan) {
        return plan.proposals().stream().map(p -> p.verification().sideEffects()).toList();
    }

    @Test
    void aDeniedCellOfTheGovernedSampleGetsProposalsThatTurnExactlyThatCell() {
        Map<SourceId, String> texts = SampleTexts.of("governed");
        Cell cell = Cell.tool("billing-agent", "order-lookup");
        AccessPlan plan = new AccessPlanner(texts).plan(CUSTOPS, cell);

        assertEquals(Intent.GRANT, plan.intent());
        assertEquals(DENY, plan.current());
        assertEquals(List.of(
                "add `tool:order_lookup:invoke` to role `billing-specialist`",
                "give agent `billing-agent` the role `account-manager`, which grants `tool:order_lookup:invoke`",
                "give agent `billing-agent` the role `support-reader`, which grants `tool:order_lookup:invoke`",
                "create role `billing-agent-order-lookup` granting `tool:order_lookup:invoke` and give it to agent `billing-agent`"), titles(plan));
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of()), sideEffects(plan));
        for (Proposal p : plan.proposals()) {
            assertEquals(new AccessPlan.Verification(DENY, ALLOW, true, List.of(), List.of()), p.verification());
            assertEquals(List.of(new CellChange(cell, DENY, ALLOW)), changes(texts, applied(texts, p), "custops"));
        }
        assertEquals(List.of(new AccessPlan.FileDiff(new SourceId("roles/billing-specialist.yaml"), """
                --- a/roles/billing-specialist.yaml
                +++ b/roles/billing-specialist.yaml
                @@ -8,3 +8,4 @@
                   permissions:
                     - tool:issue-refund:invoke
                     - capability:payments.refund
                +    - tool:order_lookup:invoke
                """)), plan.proposals().get(0).diffs());
        assertEquals(Map.of(new SourceId("roles/billing-agent-order-lookup.yaml"), """
                apiVersion: orloj.dev/v1
                kind: AgentRole
                metadata:
                  name: billing-agent-order-lookup
                  namespace: custops
                spec:
                  description: grants agent billing-agent the use of order-lookup
                  permissions:
                    - tool:order_lookup:invoke
                """), plan.proposals().get(3).edit().created());
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void aRevokeOfTheGovernedSampleTurnsExactlyThatCellAndNamesWhatTheOthersWouldTake() {
        Map<SourceId, String> texts = SampleTexts.of("governed");
        Cell cell = Cell.tool("support-agent", "kb-search");
        AccessPlan plan = new AccessPlanner(texts).plan(CUSTOPS, cell);

        assertEquals(Intent.REVOKE, plan.intent());
        assertEquals(List.of(
                "remove `kb-search` from spec.tools of agent `support-agent`",
                "remove `capability:kb.read` from role `support-reader`",
                "remove `tool:kb-search:invoke` from role `support-reader`",
                "remove role `support-reader` from agent `support-agent`"), titles(plan));
        CellChange triage = new CellChange(Cell.tool("triage-agent", "kb-search"), ALLOW, DENY);
        assertEquals(List.of(List.of(), List.of(triage), List.of(triage),
                List.of(new CellChange(Cell.tool("support-agent", "order-lookup"), ALLOW, DENY))), sideEffects(plan));
        assertEquals(List.of(new CellChange(cell, ALLOW, DENY)), changes(texts, applied(texts, plan.proposals().get(0)), "custops"));
        assertEquals(List.of(new CellChange(cell, ALLOW, DENY), triage), changes(texts, applied(texts, plan.proposals().get(1)), "custops"));
        assertEquals(false, plan.onlyWithSideEffects());
    }

    @Test
    void addingToARoleTwoAgentsShareIsASideEffectAndANewRoleIsOfferedFirst() {
        Map<SourceId, String> texts = sharedRole();
        AccessPlan plan = new AccessPlanner(texts).grant(DEFAULT, Cell.tool("a1", "t"));

        assertEquals(List.of(
                "create role `a1-t` granting `tool:t:invoke` and give it to agent `a1`",
                "add `tool:t:invoke` to role `shared`"), titles(plan));
        assertEquals(List.of(List.of(Form.CREATE_ROLE), List.of(Form.ADD_PERMISSION_TO_ROLE)), plan.proposals().stream().map(Proposal::forms).toList());
        CellChange a2 = new CellChange(Cell.tool("a2", "t"), DENY, ALLOW);
        assertEquals(List.of(List.of(), List.of(a2)), sideEffects(plan));
        assertEquals(List.of(a2), plan.proposals().get(1).verification().gained());
        assertEquals(List.of(new CellChange(Cell.tool("a1", "t"), DENY, ALLOW), a2), changes(texts, applied(texts, plan.proposals().get(1)), "default"));
        assertEquals(List.of(plan.proposals().get(0)), plan.sideEffectFree());
        assertEquals(Map.of(new SourceId("roles/a1-t.yaml"), """
                apiVersion: orloj.dev/v1
                kind: AgentRole
                metadata:
                  name: a1-t
                  namespace: default
                spec:
                  description: grants agent a1 the use of t
                  permissions:
                    - tool:t:invoke
                """), plan.proposals().get(0).edit().created());
    }

    @Test
    void whenEveryProposalHasSideEffectsThePlanSaysSoAndListsThem() {
        Map<SourceId, String> texts = sharedRole();
        texts.put(new SourceId("tools/t.yaml"), tool("t", "write"));
        texts.put(new SourceId("roles/shared.yaml"), role("shared", "tool:t:invoke"));
        texts.put(new SourceId("tool-permissions/t.yaml"), "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: t-guard\nspec:\n"
                + "  tool_ref: t\n  required_permissions:\n    - tool:t:invoke\n  operation_rules:\n    - operation_class: write\n      verdict: deny\n");
        AccessPlan plan = new AccessPlanner(texts).grant(DEFAULT, Cell.tool("a1", "t"));

        assertEquals(List.of("make ToolPermission `t-guard` give allow to the operation class `write` of `t`"), titles(plan));
        assertEquals(List.of(List.of(new CellChange(Cell.tool("a2", "t"), DENY, ALLOW))), sideEffects(plan));
        assertEquals(true, plan.onlyWithSideEffects());
        assertEquals(List.of("every proposal that turns `a1` × `t` to allow changes other cells too"), plan.notes());
        assertEquals(List.of(new AccessPlan.FileDiff(new SourceId("tool-permissions/t.yaml"), """
                --- a/tool-permissions/t.yaml
                +++ b/tool-permissions/t.yaml
                @@ -8,4 +8,4 @@
                     - tool:t:invoke
                   operation_rules:
                     - operation_class: write
                -      verdict: deny
                +      verdict: allow
                """)), plan.proposals().get(0).diffs());
    }

    @Test
    void anUndeclaredToolIsDeclaredThenGranted() {
        Map<SourceId, String> texts = SampleTexts.of("governed");
        AccessPlan plan = new AccessPlanner(texts).grant(CUSTOPS, Cell.tool("billing-agent", "kb-search"));

        assertEquals(List.of(
                "add `kb-search` to spec.tools of agent `billing-agent`, then add `tool:kb_search:invoke`, `capability:kb.read` to role `billing-specialist`",
                "add `kb-search` to spec.tools of agent `billing-agent`, then create role `billing-agent-kb-search` granting `tool:kb_search:invoke`, "
                        + "`capability:kb.read` and give it to agent `billing-agent`",
                "add `kb-search` to spec.tools of agent `billing-agent`, then give agent `billing-agent` the role `support-reader`, which grants "
                        + "`tool:kb_search:invoke`, `capability:kb.read`"), titles(plan));
        assertEquals(List.of(List.of(), List.of(), List.of(new CellChange(Cell.tool("billing-agent", "order-lookup"), DENY, ALLOW))), sideEffects(plan));
    }

    @Test
    void aRoleNamedAcrossNamespacesIsCopiedIntoTheAgentsNamespace() {
        Map<SourceId, String> texts = SampleTexts.of("governed");
        AccessPlan plan = new AccessPlanner(texts).grant(CUSTOPS, Cell.tool("ops-agent", "prod-db-query"));

        assertEquals(List.of(
                "copy role `platform/sre-oncall` into namespace `custops` and name it `sre-oncall` in agent `ops-agent`",
                "remove `platform/sre-oncall` from spec.roles of agent `ops-agent`, then create role `ops-agent-prod-db-query` granting "
                        + "`tool:prod_db_query:invoke`, `capability:db.read` and give it to agent `ops-agent`"), titles(plan));
        assertEquals(List.of(List.of(), List.of()), sideEffects(plan));
        assertEquals(List.of(new SourceId("agents/ops-agent.yaml"), new SourceId("roles/sre-oncall-custops.yaml")),
                plan.proposals().get(0).edit().files());
    }

    @Test
    void aSeedDenyIsRemovedThenRoleAndRuleFollowAndTheApprovalStepIsKept() {
        Map<SourceId, String> texts = SampleTexts.of("seed");
        AccessPlan plan = new AccessPlanner(texts).grant(DEFAULT, Cell.tool("customer-support-bot", "payment-api"));

        String first = "remove the `effect: deny` seed policy on `payment-*` from agent `customer-support-bot`, then create role "
                + "`customer-support-bot-payment-api` granting `tool:payment_api:invoke`, `capability:payments.charge` and give it to agent "
                + "`customer-support-bot`";
        assertEquals(List.of(first + ", then make ToolPermission `payment-api` give allow to the operation class `write` of `payment-api`", first),
                titles(plan));
        assertEquals(List.of(ALLOW, APPROVAL_REQUIRED), plan.proposals().stream().map(p -> p.verification().after()).toList());
        assertEquals(List.of(true, false), plan.proposals().stream().map(p -> p.verification().reached()).toList());
        assertEquals(List.of(new CellChange(Cell.tool("customer-support-bot", "payment-api"), DENY, ALLOW)),
                changes(texts, applied(texts, plan.proposals().get(0)), "default"));
    }

    @Test
    void aSeedGrantIsRevokedByRemovingTheDeclarationOrTheSeedPolicy() {
        AccessPlan plan = new AccessPlanner(SampleTexts.of("seed")).plan(DEFAULT, Cell.tool("customer-support-bot", "lookup-order"));

        assertEquals(List.of("remove `lookup-order` from spec.tools of agent `customer-support-bot`",
                "remove the `effect: allow` seed policy on `lookup-order` from agent `customer-support-bot`"), titles(plan));
        assertEquals(List.of(List.of(), List.of()), sideEffects(plan));
    }

    @Test
    void aModelIsGrantedBySpecModelsOrByPointingModelRefAtItsEndpoint() {
        AccessPlan plan = new AccessPlanner(SampleTexts.of("governed")).grant(CUSTOPS, Cell.model("billing-agent", "claude-sonnet-4-20250514"));

        assertEquals(List.of(
                "list `claude-sonnet-4-20250514` in spec.models of agent `billing-agent` (a seed form orloj ignores)",
                "point model_ref of agent `billing-agent` at `anthropic-claude`, which serves `claude-sonnet-4-20250514`"), titles(plan));
        assertEquals(List.of(List.of(), List.of(new CellChange(Cell.model("billing-agent", "gpt-4o"), ALLOW, DENY))), sideEffects(plan));
        assertEquals(List.of("GH210 agents/billing-agent.yaml: orloj does not enforce the seed form `spec.models` (S1); gatehouse does"),
                plan.proposals().get(0).verification().newFindings());
    }

    @Test
    void aJsonAgentIsEditedInJsonAndAnApprovalOnlyGoesWithSideEffects() {
        Map<SourceId, String> texts = SampleTexts.of("governed");
        AccessPlan plan = new AccessPlanner(texts).grant(CUSTOPS, Cell.tool("triage-agent", "crm-update"));

        String declare = "add `crm-update` to spec.tools of agent `triage-agent`, then ";
        String rule = ", then make ToolPermission `crm-update` give allow to the operation class `write` of `crm-update`";
        List<String> grants = List.of(
                "add `tool:crm_update:invoke`, `capability:crm.write` to role `support-reader`",
                "create role `triage-agent-crm-update` granting `tool:crm_update:invoke`, `capability:crm.write` and give it to agent `triage-agent`",
                "give agent `triage-agent` the role `support-writer`, which grants `tool:crm_update:invoke`, `capability:crm.write`");
        List<String> expected = new ArrayList<>();
        grants.forEach(g -> expected.add(declare + g + rule));
        grants.forEach(g -> expected.add(declare + g));
        assertEquals(expected, titles(plan));
        List<CellChange> support = List.of(new CellChange(Cell.tool("support-agent", "crm-update"), APPROVAL_REQUIRED, ALLOW));
        assertEquals(List.of(support, support, support, List.of(), List.of(), List.of()), sideEffects(plan));
        assertEquals(List.of(ALLOW, ALLOW, ALLOW, APPROVAL_REQUIRED, APPROVAL_REQUIRED, APPROVAL_REQUIRED),
                plan.proposals().stream().map(p -> p.verification().after()).toList());
        assertEquals(true, plan.onlyWithSideEffects());
        assertEquals(List.of("every proposal that turns `triage-agent` × `crm-update` to allow changes other cells too"), plan.notes());
        assertEquals("""
                --- a/agents/triage-agent.json
                +++ b/agents/triage-agent.json
                @@ -17,7 +17,8 @@
                     "tools": [
                       "kb-search",
                       "order-lookup",
                -      "send-customer-email"
                +      "send-customer-email",
                +      "crm-update"
                     ],
                     "allowed_tools": [
                       "send-customer-email"
                """, plan.proposals().get(3).diffs().get(0).diff());
        assertEquals(List.of(new CellChange(Cell.tool("triage-agent", "crm-update"), DENY, APPROVAL_REQUIRED)),
                changes(texts, applied(texts, plan.proposals().get(3)), "custops"));
    }

    @Test
    void aPreauthorisationIsRevokedInTheJsonAgent() {
        Map<SourceId, String> texts = new TreeMap<>(SampleTexts.of("governed"));
        texts.put(new SourceId("tool-permissions/send-customer-email.yaml"),
                texts.get(new SourceId("tool-permissions/send-customer-email.yaml")).replace("verdict: approval_required", "verdict: allow"));
        Cell cell = Cell.tool("triage-agent", "send-customer-email");
        AccessPlan plan = new AccessPlanner(texts).plan(CUSTOPS, cell);

        assertEquals(Intent.REVOKE, plan.intent());
        Proposal p = plan.proposals().stream().filter(x -> x.forms().equals(List.of(Form.REMOVE_PREAUTHORIZATION))).findFirst().orElseThrow();
        assertEquals("remove `send-customer-email` from allowed_tools of agent `triage-agent`", p.title());
        assertEquals(List.of(), p.verification().sideEffects());
        assertEquals(List.of(new CellChange(cell, ALLOW, DENY)), changes(texts, applied(texts, p), "custops"));
    }

    @Test
    void aSeedFormListGoesBeforeTheAgentsListsWhereOrlojSkipsIt() {
        Map<SourceId, String> texts = sharedRole();
        texts.put(new SourceId("m2.yaml"), MODEL.replace("name: m", "name: m2").replace("gpt-4o", "gpt-5"));
        AccessPlan plan = new AccessPlanner(texts).plan(DEFAULT, Cell.model("a1", "gpt-5"));

        assertEquals(List.of("list `gpt-5` in spec.models of agent `a1` (a seed form orloj ignores)",
                "point model_ref of agent `a1` at `m2`, which serves `gpt-5`"), titles(plan));
        assertEquals(List.of(new AccessPlan.FileDiff(new SourceId("agents/a1.yaml"), """
                --- a/agents/a1.yaml
                +++ b/agents/a1.yaml
                @@ -4,6 +4,8 @@
                   name: a1
                 spec:
                   model_ref: m
                +  models:
                +    - gpt-5
                   roles:
                     - shared
                   tools:
                """)), plan.proposals().get(0).diffs());
        assertEquals(List.of("GH210 agents/a1.yaml: orloj does not enforce the seed form `spec.models` (S1); gatehouse does"),
                plan.proposals().get(0).verification().newFindings());
    }

    @Test
    void aCellAlreadyAtTheIntendedVerdictGetsNoProposal() {
        AccessPlan plan = new AccessPlanner(sharedRole()).revoke(DEFAULT, Cell.tool("a1", "t"));

        assertEquals(new AccessPlan(DEFAULT, Cell.tool("a1", "t"), Intent.REVOKE, DENY, List.of(),
                List.of("the strict verdict of `a1` × `t` is already deny")), plan);
    }
}
