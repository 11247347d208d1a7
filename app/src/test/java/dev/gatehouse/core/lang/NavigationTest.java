package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NavigationTest {
    static final Texts SMALL = Texts.of(
            "agents/writer.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: Agent
                    metadata:
                      name: writer
                      namespace: team
                    spec:
                      model_ref: "shared/gpt"
                      tools:
                        - search
                      roles:
                        - 'editor'
                    """,
            "models/gpt.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: ModelEndpoint
                    metadata:
                      name: gpt
                      namespace: shared
                    spec:
                      default_model: gpt-4o
                    """,
            "permissions/search-rule.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: ToolPermission
                    metadata:
                      name: search-rule
                      namespace: team
                    spec:
                      tool_ref: SEARCH
                      apply_mode: scoped
                      target_agents:
                        - Writer
                    """,
            "policies/guard.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: AgentPolicy
                    metadata:
                      name: guard
                      namespace: other
                    spec:
                      apply_mode: global
                      blocked_tools:
                        - Search
                      allowed_models:
                        - GPT-4o
                    """,
            "roles/editor.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: AgentRole
                    metadata:
                      name: editor
                      namespace: team
                    spec:
                      permissions:
                        - tool:search:invoke
                    """,
            "tools/search.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: Tool
                    metadata:
                      name: search
                      namespace: team
                    spec:
                      risk_level: low
                    """);

    static final Definition WRITER = new Definition(Kind.AGENT, "team", "writer", span("agents/writer.yaml", 4, 9, 15));
    static final Definition GPT = new Definition(Kind.MODEL_ENDPOINT, "shared", "gpt", span("models/gpt.yaml", 4, 9, 12));
    static final Definition RULE = new Definition(Kind.TOOL_PERMISSION, "team", "search-rule", span("permissions/search-rule.yaml", 4, 9, 20));
    static final Definition GUARD = new Definition(Kind.AGENT_POLICY, "other", "guard", span("policies/guard.yaml", 4, 9, 14));
    static final Definition EDITOR = new Definition(Kind.AGENT_ROLE, "team", "editor", span("roles/editor.yaml", 4, 9, 15));
    static final Definition SEARCH = new Definition(Kind.TOOL, "team", "search", span("tools/search.yaml", 4, 9, 15));

    static final Reference MODEL_REF = new Reference(span("agents/writer.yaml", 7, 22, 25), Kind.MODEL_ENDPOINT, "shared", "gpt",
            Match.EXACT, "spec.model_ref", WRITER);
    static final Reference TOOLS = new Reference(span("agents/writer.yaml", 9, 7, 13), Kind.TOOL, "team", "search",
            Match.EXACT, "spec.tools", WRITER);
    static final Reference ROLES = new Reference(span("agents/writer.yaml", 11, 8, 14), Kind.AGENT_ROLE, "team", "editor",
            Match.EXACT, "spec.roles", WRITER);
    static final Reference TOOL_REF = new Reference(span("permissions/search-rule.yaml", 7, 13, 19), Kind.TOOL, "team", "SEARCH",
            Match.IGNORE_CASE, "spec.tool_ref", RULE);
    static final Reference TARGET = new Reference(span("permissions/search-rule.yaml", 10, 7, 13), Kind.AGENT, "team", "Writer",
            Match.IGNORE_CASE, "spec.target_agents", RULE);
    static final Reference BLOCKED = new Reference(span("policies/guard.yaml", 9, 7, 13), Kind.TOOL, "other", "Search",
            Match.IGNORE_CASE_ANY_NAMESPACE, "spec.blocked_tools", GUARD);
    static final Reference MODEL_ID = new Reference(span("policies/guard.yaml", 11, 7, 13), Kind.MODEL_ENDPOINT, "other", "GPT-4o",
            Match.MODEL_ID, "spec.allowed_models", GUARD);

    static Span span(String file, int line, int column, int endColumn) {
        return new Span(new SourceId(file), line, column, line, endColumn);
    }

    @Test
    void theIndexHoldsEveryDefinitionAndReferenceWithTheSpanOfTheNameAlone() {
        LanguageService ls = SMALL.service();

        assertEquals(List.of(WRITER, GPT, RULE, GUARD, EDITOR, SEARCH), ls.definitions());
        assertEquals(List.of(MODEL_REF, TOOLS, ROLES, TOOL_REF, TARGET, BLOCKED, MODEL_ID), ls.references());
    }

    @Test
    void referencesResolveWithOrlojsCaseAndNamespaceRules() {
        LanguageService ls = SMALL.service();

        assertEquals(List.of(GPT), ls.targets(MODEL_REF));
        assertEquals(List.of(SEARCH), ls.targets(TOOLS));
        assertEquals(List.of(SEARCH), ls.targets(TOOL_REF));
        assertEquals(List.of(WRITER), ls.targets(TARGET));
        assertEquals(List.of(SEARCH), ls.targets(BLOCKED));
        assertEquals(List.of(new Definition(Kind.MODEL_ENDPOINT, "shared", "gpt", span("models/gpt.yaml", 7, 18, 24))), ls.targets(MODEL_ID));
    }

    @Test
    void agentToolsAndRolesAreLookedUpExactly() {
        LanguageService ls = SMALL.with(java.util.Map.of(new SourceId("agents/writer.yaml"),
                SMALL.text("agents/writer.yaml").replace("- search", "- Search").replace("'editor'", "'team/editor'"))).service();
        Reference tools = new Reference(span("agents/writer.yaml", 9, 7, 13), Kind.TOOL, "team", "Search", Match.EXACT, "spec.tools", WRITER);
        Reference qualified = new Reference(span("agents/writer.yaml", 11, 13, 19), Kind.AGENT_ROLE, "team", "editor", Match.EXACT, "spec.roles", WRITER);

        assertEquals(List.of(), ls.targets(tools));
        assertEquals(List.of(EDITOR), ls.targets(qualified));
        assertEquals(List.of(tools, qualified), ls.references().subList(1, 3));
    }

    @Test
    void goToDefinitionAnswersTheDefinitionOfTheNameAtTheCaret() {
        LanguageService ls = SMALL.service();

        assertEquals(List.of(SEARCH), ls.definition(SMALL.caret("agents/writer.yaml", "search")));
        assertEquals(List.of(SEARCH), ls.definition(SMALL.caret("agents/writer.yaml", "search", 1, 6)));
        assertEquals(List.of(EDITOR), ls.definition(SMALL.caret("agents/writer.yaml", "editor", 1, 3)));
        assertEquals(List.of(GPT), ls.definition(SMALL.caret("agents/writer.yaml", "gpt")));
        assertEquals(List.of(SEARCH), ls.definition(SMALL.caret("policies/guard.yaml", "Search")));
        assertEquals(List.of(WRITER), ls.definition(SMALL.caret("agents/writer.yaml", "writer")));
        assertEquals(List.of(), ls.definition(SMALL.caret("agents/writer.yaml", "shared/")));
        assertEquals(List.of(), ls.definition(SMALL.caret("agents/writer.yaml", "tools:")));
    }

    @Test
    void goToDefinitionOnAModelIdAnswersTheEndpointsServingIt() {
        LanguageService ls = SMALL.service();
        Definition served = new Definition(Kind.MODEL_ENDPOINT, "shared", "gpt", span("models/gpt.yaml", 7, 18, 24));

        assertEquals(List.of(served), ls.definition(SMALL.caret("policies/guard.yaml", "GPT-4o")));
        assertEquals(Optional.of(new Usages(List.of(served), List.of(MODEL_ID))), ls.usages(SMALL.caret("models/gpt.yaml", "gpt-4o")));
    }

    @Test
    void findReferencesFromTheDefinitionOrAnyReferenceGivesTheSameAnswer() {
        LanguageService ls = SMALL.service();
        Optional<Usages> expected = Optional.of(new Usages(List.of(SEARCH), List.of(TOOLS, TOOL_REF, BLOCKED)));

        assertEquals(expected, ls.usages(SMALL.caret("tools/search.yaml", "search")));
        assertEquals(expected, ls.usages(SMALL.caret("agents/writer.yaml", "search")));
        assertEquals(expected, ls.usages(SMALL.caret("permissions/search-rule.yaml", "SEARCH", 1, 6)));
        assertEquals(Optional.empty(), ls.usages(SMALL.caret("tools/search.yaml", "risk_level")));
    }

    @Test
    void aDanglingReferenceFindsTheOthersSpellingTheSameName() {
        Texts texts = SMALL.with(java.util.Map.of(new SourceId("agents/writer.yaml"),
                SMALL.text("agents/writer.yaml").replace("- search", "- serch")));
        LanguageService ls = texts.service();
        Reference dangling = new Reference(span("agents/writer.yaml", 9, 7, 12), Kind.TOOL, "team", "serch", Match.EXACT, "spec.tools", WRITER);

        assertEquals(Optional.of(new Usages(List.of(), List.of(dangling))), ls.usages(texts.caret("agents/writer.yaml", "serch")));
    }

    @Test
    void findReferencesOfARoleInTheGovernedSampleReachesYamlAndJsonAgents() {
        Texts governed = Texts.sample("governed");
        LanguageService ls = governed.service();
        Definition role = new Definition(Kind.AGENT_ROLE, "custops", "support-reader", span("roles/support-reader.yaml", 4, 9, 23));
        Definition support = new Definition(Kind.AGENT, "custops", "support-agent", span("agents/support-agent.yaml", 4, 9, 22));
        Definition triage = new Definition(Kind.AGENT, "custops", "triage-agent", span("agents/triage-agent.json", 5, 14, 26));

        assertEquals(Optional.of(new Usages(List.of(role), List.of(
                        new Reference(span("agents/support-agent.yaml", 15, 7, 21), Kind.AGENT_ROLE, "custops", "support-reader", Match.EXACT, "spec.roles", support),
                        new Reference(span("agents/triage-agent.json", 15, 8, 22), Kind.AGENT_ROLE, "custops", "support-reader", Match.EXACT, "spec.roles", triage)))),
                ls.usages(governed.caret("roles/support-reader.yaml", "support-reader")));
    }

    @Test
    void aCrossNamespaceRoleResolvesInItsNamespace() {
        Texts governed = Texts.sample("governed");
        LanguageService ls = governed.service();

        assertEquals(List.of(new Definition(Kind.AGENT_ROLE, "platform", "sre-oncall", span("roles/sre-oncall.yaml", 6, 9, 19))),
                ls.definition(governed.caret("agents/ops-agent.yaml", "- platform/sre-oncall", 1, 11)));
    }
}
