package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.core.parse.orloj.TreeText.FILE;
import static dev.gatehouse.core.parse.orloj.TreeText.at;
import static dev.gatehouse.core.parse.orloj.TreeText.error;
import static dev.gatehouse.core.parse.orloj.TreeText.read;
import static dev.gatehouse.core.parse.orloj.TreeText.spec;
import static dev.gatehouse.core.parse.orloj.TreeText.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ParseAgentRoleManifest, ParseAgentPolicyManifest and ParseToolPermissionManifest, YAML branches. */
class GovernanceReadersTest {
    private static final String ROLE = "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: r\nspec:\n";
    private static final String POLICY = "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n";
    private static final String PERMISSION = "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: tp\nspec:\n";

    // ------------------------------------------------------------------ AgentRole

    @Test
    void roleReadsDescriptionAnywhereInSpec() {
        assertEquals("{description:d,permissions:[a]}",
                spec(ROLE + "  permissions:\n    - a\n    description: d\n"));
    }

    @Test
    void roleFlowPermissionsAreDropped() {
        assertEquals("-", spec(ROLE + "  permissions: [a, b]\n"));
    }

    // ------------------------------------------------------------------ AgentPolicy

    @Test
    void policyReadsEveryField() {
        String yaml = POLICY + """
                  apply_mode: scoped
                  max_tokens_per_run: 5000
                  allowed_models:
                    - gpt-4o
                  blocked_tools:
                    - shell
                  target_systems:
                    - sys
                  target_tasks:
                    - task
                """;
        assertEquals("{max_tokens_per_run:5000,allowed_models:[gpt-4o],blocked_tools:[shell],apply_mode:scoped,"
                + "target_systems:[sys],target_tasks:[task]}", spec(yaml));
    }

    @Test
    void policyFlowListsAndCamelCaseKeysAreDroppedF20() {
        String yaml = POLICY + """
                  applyMode: global
                  maxTokensPerRun: 10
                  allowed_models: [gpt-4o]
                  blocked_tools: [shell]
                  target_systems: [sys]
                  target_tasks: [t]
                """;
        assertEquals("-", spec(yaml));
    }

    @Test
    void policyItemsUnderAnUnknownHeaderJoinTheListOpenedLast() {
        String yaml = POLICY + "  blocked_tools:\n    - shell\n  allowedModels:\n    - gpt-4o\n";
        assertEquals("{blocked_tools:[shell,gpt-4o]}", spec(yaml));
    }

    @Test
    void policyCamelCaseHeadersWithNoListOpenDropTheirItems() {
        String yaml = POLICY + "  blockedTools:\n    - shell\n  targetSystems:\n    - sys\n  targetTasks:\n    - t\n";
        assertEquals("-", spec(yaml));
    }

    @Test
    void policyCommentedHeaderMovesItsItemsToTheListAboveF31() {
        String moved = POLICY + "  allowed_models:\n    - gpt-4o\n  blocked_tools:  # never\n    - shell\n";
        assertEquals("{allowed_models:[gpt-4o,shell]}", spec(moved));
        String emptied = POLICY + "  apply_mode: scoped\n  target_systems:  # x\n    - sys\n";
        assertEquals("{apply_mode:scoped}", spec(emptied));
    }

    @Test
    void policyNeverClosesAList() {
        // A key line at indentation 2 does not close blocked_tools: the next items still land in it.
        String yaml = POLICY + "  blocked_tools:\n    - a\n  apply_mode: global\n  - b\n";
        assertEquals("{blocked_tools:[a,b],apply_mode:global}", spec(yaml));
    }

    @Test
    void policyInlineCommentsStayInEntriesF23() {
        String yaml = POLICY + "  target_systems:\n    - report-system  # prod\n  max_tokens_per_run: 10  # cap\n";
        assertEquals("invalid spec.max_tokens_per_run value \"10  # cap\"", error(yaml));
        assertEquals("{target_systems:[\"report-system  # prod\"]}",
                spec(POLICY + "  target_systems:\n    - report-system  # prod\n"));
    }

    @Test
    void policyMaxTokensErrors() {
        assertEquals("invalid spec.max_tokens_per_run value \"1_000\"", error(POLICY + "  max_tokens_per_run: 1_000\n"));
        assertEquals("invalid spec.max_tokens_per_run value \"x\"", error(POLICY + "  max_tokens_per_run: \"x\"\n"));
        assertEquals("{max_tokens_per_run:0}", spec(POLICY + "  max_tokens_per_run: -0\n"));
    }

    // ------------------------------------------------------------------ ToolPermission

    @Test
    void permissionReadsEveryFieldAndAlias() {
        String yaml = PERMISSION + """
                  toolRef: web_search
                  action: invoke
                  matchMode: all
                  applyMode: scoped
                  requiredPermissions:
                    - tool:web_search:invoke
                  targetAgents:
                    - researcher
                  operationRules:
                    - operationClass: write
                      verdict: deny
                    - operation_class: read
                      verdict: allow
                """;
        assertEquals("{tool_ref:web_search,action:invoke,required_permissions:[\"tool:web_search:invoke\"],"
                + "match_mode:all,apply_mode:scoped,target_agents:[researcher],operation_rules:[{operation_class:write,"
                + "verdict:deny},{operation_class:read,verdict:allow}]}", spec(yaml));
    }

    @Test
    void keysAfterTheOperationRulesAreSwallowedF21() {
        String yaml = PERMISSION + """
                  operation_rules:
                    - operation_class: write
                      verdict: deny
                  tool_ref: other_tool
                  action: invoke
                  apply_mode: global
                  kind: Agent
                  verdict: approval_required
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:ToolPermission,metadata:{name:tp},spec:{operation_rules:"
                + "[{operation_class:write,verdict:approval_required}]}}", tree(yaml));
    }

    @Test
    void keysAfterALaterHeaderAreReadNormally() {
        String yaml = PERMISSION + """
                  operation_rules:
                    - operation_class: write
                      verdict: deny
                  target_agents:
                    - a
                  tool_ref: other_tool
                """;
        assertEquals("{tool_ref:other_tool,target_agents:[a],operation_rules:[{operation_class:write,verdict:deny}]}",
                spec(yaml));
    }

    @Test
    void flowMapRuleIsAnEmptyRuleF22() {
        String yaml = PERMISSION + "  operation_rules:\n    - {operation_class: write, verdict: deny}\n";
        assertEquals("{operation_rules:[{}]}", spec(yaml));
        MapNode t = read(yaml).tree().orElseThrow();
        assertEquals(new Span(FILE, 7, 7, 7, 46), at(t, "spec.operation_rules[0]").span());
    }

    @Test
    void everyRuleItemAppendsARule() {
        String yaml = PERMISSION + "  operation_rules:\n    - write\n    - verdict: \"deny\"\n      other: x\n";
        assertEquals("{operation_rules:[{},{verdict:deny}]}", spec(yaml));
    }

    @Test
    void ruleSpanRunsToItsLastField() {
        String yaml = PERMISSION + "  operation_rules:\n    - operation_class: write\n      verdict: deny\n";
        MapNode t = read(yaml).tree().orElseThrow();
        assertEquals(new Span(FILE, 7, 7, 8, 20), at(t, "spec.operation_rules[0]").span());
        assertEquals(new Span(FILE, 8, 16, 8, 20), at(t, "spec.operation_rules[0].verdict").span());
    }

    @Test
    void commentedRulesHeaderTurnsRulesIntoPermissionsF31() {
        String yaml = PERMISSION + """
                  required_permissions:
                    - tool:x:invoke
                  operation_rules:  # gate writes
                    - operation_class: write
                      verdict: deny
                """;
        assertEquals("{required_permissions:[\"tool:x:invoke\",\"operation_class: write\"]}", spec(yaml));
    }

    @Test
    void commentedHeaderAfterRulesAddsEmptyRulesF31() {
        String yaml = PERMISSION + """
                  operation_rules:
                    - operation_class: write
                      verdict: deny
                  required_permissions:  # perms
                    - tool:x:invoke
                """;
        assertEquals("{operation_rules:[{operation_class:write,verdict:deny},{}]}", spec(yaml));
    }

    @Test
    void flowRequiredPermissionsAndTargetsAreDropped() {
        String yaml = PERMISSION + "  tool_ref: t\n  required_permissions: [a]\n  target_agents: [x]\n";
        assertEquals("{tool_ref:t}", spec(yaml));
    }

    @Test
    void toolRefKeepsItsInlineCommentF23() {
        assertEquals("{tool_ref:\"web_search  # the search tool\"}",
                spec(PERMISSION + "  tool_ref: web_search  # the search tool\n"));
    }
}
