package dev.gatehouse.core.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Decisions that turn on how a manifest is read (the exposure's root cause is the reading item), on broken
 * manifests, on the context (system, task, none = worst case), on match modes and on namespaces.
 */
class ReadingAndContextTest {
    private static final String M = "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n";
    private static final String WEB = Fixtures.tool("web", "  risk_level: low\n");
    private static final String ROLE = Fixtures.role("reader", "default", "tool:web:invoke");

    private static List<Object> verdicts(Answer a) {
        return List.of(a.strict().verdict().wireName(), a.strict().reason().wireName(), a.orloj().verdict().wireName(),
                a.orloj().reason().wireName(), a.exposures());
    }

    private static Answer decide(Fixtures f, String agent, String tool, Context ctx) {
        return f.engine().decideTool(agent, tool, ctx, TraceSink.NONE);
    }

    @Test
    void flowRolesAreDroppedByOrlojSoF19IsTheRootOfTheF1Exposure() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles: [reader]\n  tools:\n    - web\n"));
        assertEquals(List.of("deny", "invalid_manifest", "allow", "no_roles_no_rules", List.of("F19", "F1")), verdicts(decide(f, "a", "web", Context.of("default"))));
    }

    @Test
    void aCommentedHeaderDropsRolesF31() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:  # bound\n    - reader\n  tools:\n    - web\n"));
        assertEquals(List.of("deny", "invalid_manifest", "allow", "no_roles_no_rules", List.of("F31", "F1")), verdicts(decide(f, "a", "web", Context.of("default"))));
    }

    @Test
    void aFlowBlockedToolListIsLostByOrlojF20() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("p.yaml", "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n  apply_mode: global\n  blocked_tools: [web]\n");
        assertEquals(List.of("deny", "invalid_manifest", "allow", "role_grant", List.of("F20")), verdicts(decide(f, "a", "web", Context.of("default"))));
    }

    @Test
    void aToolRefSwallowedAfterOperationRulesGovernsTheWrongToolF21() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n")).file("r.yaml", ROLE)
                .file("tp.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web-guard\nspec:\n  required_permissions:\n    - tool:web:invoke\n"
                        + "  operation_rules:\n    - operation_class: read\n      verdict: deny\n  tool_ref: web\n");
        Answer a = decide(f, "a", "web", Context.of("default"));
        assertEquals(List.of("deny", "invalid_manifest", "allow", "role_grant", List.of("F21")), verdicts(a));
    }

    @Test
    void anInlineCommentOnATargetMakesAScopedRuleApplyToNobodyF23() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB)
                .file("a.yaml", Fixtures.agent("a", "  tools:\n    - web\n"))
                .file("tp.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web-guard\nspec:\n  tool_ref: web\n  apply_mode: scoped\n"
                        + "  target_agents:\n    - a  # only this one\n  operation_rules:\n    - operation_class: \"*\"\n      verdict: deny\n");
        Answer x = decide(f, "a", "web", Context.of("default"));
        assertEquals("invalid_manifest", x.strict().reason().wireName());
        assertEquals(Optional.of("F23"), x.exposure());
    }

    @Test
    void twoDocumentsInOneFileBreakEveryResourceOfItF29() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB)
                .file("a.yaml", Fixtures.agent("a", "  tools:\n    - web\n") + "---\n" + ROLE);
        Answer x = decide(f, "a", "web", Context.of("default"));
        assertEquals("invalid_manifest", x.strict().reason().wireName());
        assertEquals("orloj_rejects_manifest", x.orloj().reason().wireName());
    }

    @Test
    void anUnreadableFileDeniesEverything() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("broken.yaml", "kind: [\n");
        Answer x = decide(f, "a", "web", Context.of("default"));
        assertEquals(List.of("deny", "invalid_manifest", "allow", "role_grant"), verdicts(x).subList(0, 4));
        Answer clean = decide(f.copy().without("broken.yaml"), "a", "web", Context.of("default"));
        assertEquals("role_grant", clean.strict().reason().wireName());
    }

    @Test
    void anInvalidTimeoutBreaksTheAgentButOrlojRunsItF13() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n  limits:\n    timeout: 5 minutes\n"));
        assertEquals(List.of("deny", "invalid_manifest", "allow", "role_grant", List.of("F13")), verdicts(decide(f, "a", "web", Context.of("default"))));
    }

    private static Fixtures withSystem() {
        return Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("b.yaml", Fixtures.agent("b", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("s.yaml", "apiVersion: orloj.dev/v1\nkind: AgentSystem\nmetadata:\n  name: sys\nspec:\n  agents:\n    - a\n")
                .file("t.yaml", "apiVersion: orloj.dev/v1\nkind: Task\nmetadata:\n  name: job\nspec:\n  system: sys\n")
                .file("p.yaml", "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n  target_tasks:\n    - JOB\n  blocked_tools:\n    - web\n");
    }

    @Test
    void aScopedPolicyAppliesToTheAgentsOfItsTaskWithOrWithoutContext() {
        Fixtures f = withSystem();
        assertEquals("blocked_by_policy", decide(f, "a", "web", Context.of("default")).strict().reason().wireName());
        assertEquals("blocked_by_policy", decide(f, "a", "web", new Context("default", Optional.empty(), Optional.of("job"))).strict().reason().wireName());
        assertEquals("role_grant", decide(f, "a", "web", new Context("default", Optional.of("sys"), Optional.empty())).strict().reason().wireName());
        assertEquals("role_grant", decide(f, "b", "web", Context.of("default")).strict().reason().wireName());
        Answer outside = decide(f, "b", "web", new Context("default", Optional.empty(), Optional.of("job")));
        // Asked in the context of task `job`, the task's policy applies to the question even for a non-member;
        // Orloj would never run b in that task.
        assertEquals(List.of("blocked_by_policy", "task_invalid"), List.of(outside.strict().reason().wireName(), outside.orloj().reason().wireName()));
    }

    @Test
    void toolPermissionsApplyOnlyInTheirNamespaceAndPoliciesInEvery() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("tp.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web\n  namespace: other\nspec:\n  operation_rules:\n    - operation_class: \"*\"\n      verdict: deny\n");
        assertEquals("role_grant", decide(f, "a", "web", Context.of("default")).strict().reason().wireName());
        f.file("p.yaml", "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\n  namespace: other\nspec:\n  apply_mode: global\n  blocked_tools:\n    - WEB\n");
        assertEquals("blocked_by_policy", decide(f, "a", "web", Context.of("default")).strict().reason().wireName());
    }

    @Test
    void matchModeAnyNeedsOnePermissionAndAllNeedsEvery() {
        Fixtures base = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"));
        String rule = "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web\nspec:\n  match_mode: %s\n  required_permissions:\n    - tool:web:invoke\n    - capability:nope\n";
        Answer any = decide(base.copy().file("tp.yaml", String.format(rule, "any")), "a", "web", Context.of("default"));
        Answer all = decide(base.copy().file("tp.yaml", String.format(rule, "all")), "a", "web", Context.of("default"));
        assertEquals(List.of("allow", "rule_grant", "allow", "rule_grant", List.of()), verdicts(any));
        assertEquals("policy permission denied for tool=web rule=web required=capability:nope", all.orloj().message());
        assertEquals("missing_permission", all.strict().reason().wireName());
    }

    @Test
    void aRuleLoosensTheDefaultForAgentsWithRoles() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", Fixtures.tool("web", "  capabilities:\n    - web.read\n"))
                .file("r.yaml", Fixtures.role("reader", "default", "custom:x"))
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"));
        assertEquals("missing_permission", decide(f, "a", "web", Context.of("default")).strict().reason().wireName());
        f.file("tp.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web\nspec:\n  required_permissions:\n    - Custom:X\n");
        assertEquals(List.of("allow", "rule_grant", "allow", "rule_grant", List.of()), verdicts(decide(f, "a", "web", Context.of("default"))));
    }

    @Test
    void oneMissingRoleBlocksToolsTheOtherRolesGrant() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n    - zeta\n    - alpha\n  tools:\n    - web\n"));
        Answer x = decide(f, "a", "web", Context.of("default"));
        assertEquals("missing_role", x.strict().reason().wireName());
        assertEquals("agent \"a\" references missing role \"zeta\"; agent \"a\" references missing role \"alpha\"", x.orloj().message());
    }

    @Test
    void aDeclaredToolIsNotAllowedIfItsToolPermissionIsBroken() {
        Fixtures f = Fixtures.of().file("m.yaml", M).file("web.yaml", WEB).file("r.yaml", ROLE)
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("tp.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: web\nspec:\n  match_mode: some\n");
        assertEquals(List.of("deny", "invalid_manifest", "allow", "role_grant", List.of("F2")), verdicts(decide(f, "a", "web", Context.of("default"))));
    }
}
