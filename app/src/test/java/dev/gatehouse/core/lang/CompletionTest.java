package dev.gatehouse.core.lang;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gatehouse.core.lang.Completion.Type.FIELD;
import static dev.gatehouse.core.lang.Completion.Type.NAME;
import static dev.gatehouse.core.lang.Completion.Type.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Completion while typing: {@code ‸} marks the caret in text that is being edited and may not parse. */
class CompletionTest {
    private static final SourceId FILE = new SourceId("agents/new.yaml");
    private static final LanguageService GOVERNED = Texts.sample("governed").service();

    private static List<Completion> complete(String textWithCaret) {
        int at = textWithCaret.indexOf('‸');
        return GOVERNED.complete(FILE, textWithCaret.replace("‸", ""), at);
    }

    /** The span from {@code column} to {@code endColumn} of a line of the edited file. */
    private static Span at(int line, int column, int endColumn) {
        return new Span(FILE, line, column, line, endColumn);
    }

    private static final String AGENT = """
            apiVersion: orloj.dev/v1
            kind: Agent
            metadata:
              name: new-agent
              namespace: custops
            spec:
            """;

    @Test
    void inAnAgentsSpecTheFieldsNotWrittenYetAreOffered() {
        assertEquals(List.of(
                        new Completion("prompt", "prompt: ", at(8, 3, 3), FIELD, "system prompt"),
                        new Completion("tools", "tools:", at(8, 3, 3), FIELD, "Tool names the model may call"),
                        new Completion("roles", "roles:", at(8, 3, 3), FIELD, "AgentRole names, `name` or `namespace/name`"),
                        new Completion("memory", "memory:", at(8, 3, 3), FIELD, "memory binding"),
                        new Completion("execution", "execution:", at(8, 3, 3), FIELD, "execution contract"),
                        new Completion("limits", "limits:", at(8, 3, 3), FIELD, "per-activation limits")),
                complete(AGENT + "  model_ref: openai-gpt-4o\n  ‸\n  limits2: x\n"));
    }

    @Test
    void aTypedPrefixFiltersAndIsTheSpanReplaced() {
        assertEquals(List.of(new Completion("roles", "roles:", at(8, 3, 5), FIELD, "AgentRole names, `name` or `namespace/name`")),
                complete(AGENT + "  model_ref: openai-gpt-4o\n  ro‸\n"));
        assertEquals(List.of(new Completion("max_steps", "max_steps: ", at(9, 5, 6), FIELD, "model turns per activation; <= 0 means 10")),
                complete(AGENT + "  limits:\n    timeout: 30s\n    m‸"));
    }

    @Test
    void theEnvelopeIsOfferedAtTheTopOfAnyDocument() {
        assertEquals(List.of(
                        new Completion("metadata", "metadata:", new Span(FILE, 3, 1, 3, 1), FIELD, "name, namespace and labels"),
                        new Completion("spec", "spec:", new Span(FILE, 3, 1, 3, 1), FIELD, "a named set of permissions")),
                complete("apiVersion: orloj.dev/v1\nkind: AgentRole\n‸"));
        assertEquals(List.of(
                        new Completion("Agent", "Agent", at(2, 7, 9), VALUE, "kind"),
                        new Completion("AgentSystem", "AgentSystem", at(2, 7, 9), VALUE, "kind"),
                        new Completion("AgentPolicy", "AgentPolicy", at(2, 7, 9), VALUE, "kind"),
                        new Completion("AgentRole", "AgentRole", at(2, 7, 9), VALUE, "kind")),
                complete("apiVersion: orloj.dev/v1\nkind: Ag‸\n"));
    }

    @Test
    void enumFieldsOfferTheirValues() {
        String tool = "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: t\nspec:\n";
        assertEquals(List.of(new Completion("high", "high", at(6, 15, 16), VALUE, "risk_level")),
                complete(tool + "  risk_level: h‸\n"));
        assertEquals(List.of(
                        new Completion("none", " none", at(8, 20, 20), VALUE, "isolation_mode"),
                        new Completion("sandboxed", " sandboxed", at(8, 20, 20), VALUE, "isolation_mode"),
                        new Completion("container", " container", at(8, 20, 20), VALUE, "isolation_mode"),
                        new Completion("wasm", " wasm", at(8, 20, 20), VALUE, "isolation_mode")),
                complete(tool + "  runtime:\n    timeout: 10s\n    isolation_mode:‸\n"));
        assertEquals(List.of(
                        new Completion("read", "read", at(8, 7, 7), VALUE, "operation_classes"),
                        new Completion("delete", "delete", at(8, 7, 7), VALUE, "operation_classes"),
                        new Completion("admin", "admin", at(8, 7, 7), VALUE, "operation_classes")),
                complete(tool + "  operation_classes:\n    - write\n    - ‸\n"));
    }

    @Test
    void modesEffectsAndBooleansOfferTheirValues() {
        assertEquals(List.of(new Completion("any", "any", at(6, 15, 17), VALUE, "match_mode")),
                complete("apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: p\nspec:\n  match_mode: an‸\n"));
        assertEquals(List.of(
                        new Completion("scoped", "scoped", at(6, 15, 15), VALUE, "apply_mode"),
                        new Completion("global", "global", at(6, 15, 15), VALUE, "apply_mode")),
                complete("apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n  apply_mode: ‸\n"));
        assertEquals(List.of(new Completion("deny", "deny", at(9, 15, 16), VALUE, "effect")),
                complete(AGENT + "  model_ref: m\n  policies:\n    - effect: d‸\n"));
        assertEquals(List.of(new Completion("true", "true", at(6, 12, 13), VALUE, "suspend")),
                complete("apiVersion: orloj.dev/v1\nkind: TaskSchedule\nmetadata:\n  name: s\nspec:\n  suspend: t‸\n"));
        assertEquals(List.of(new Completion("orloj.dev/v1", "orloj.dev/v1", at(1, 13, 13), VALUE, "api version")),
                complete("apiVersion: ‸\nkind: Agent\n"));
    }

    @Test
    void operationRulesOfferKeysInsideAnItemAndQuoteTheStar() {
        String permission = "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: p\nspec:\n  operation_rules:\n";
        assertEquals(List.of(
                        new Completion("allow", "allow", at(8, 16, 16), VALUE, "verdict"),
                        new Completion("deny", "deny", at(8, 16, 16), VALUE, "verdict"),
                        new Completion("approval_required", "approval_required", at(8, 16, 16), VALUE, "verdict")),
                complete(permission + "    - operation_class: write\n      verdict: ‸\n"));
        assertEquals(List.of(new Completion("verdict", "verdict: ", at(7, 7, 8), FIELD, "allow (default), deny or approval_required")),
                complete(permission + "    - v‸\n      operation_class: write\n"));
        assertEquals(List.of(
                        new Completion("read", "read", at(7, 24, 24), VALUE, "operation_class"),
                        new Completion("write", "write", at(7, 24, 24), VALUE, "operation_class"),
                        new Completion("delete", "delete", at(7, 24, 24), VALUE, "operation_class"),
                        new Completion("admin", "admin", at(7, 24, 24), VALUE, "operation_class"),
                        new Completion("*", "\"*\"", at(7, 24, 24), VALUE, "operation_class")),
                complete(permission + "    - operation_class: ‸\n"));
    }

    @Test
    void referenceFieldsOfferTheNamesOfTheResourcesInTheNamespace() {
        assertEquals(List.of(
                        new Completion("support-reader", "support-reader", at(9, 7, 10), NAME, "AgentRole in namespace `custops`"),
                        new Completion("support-writer", "support-writer", at(9, 7, 10), NAME, "AgentRole in namespace `custops`")),
                complete(AGENT + "  tools: [kb-search\n  roles:\n    - sup‸\n"));
        assertEquals(List.of(new Completion("crm-update", "crm-update", at(10, 7, 8), NAME, "Tool in namespace `custops`")),
                complete(AGENT + "  tools:\n    - close-account\n    - kb-search\n    - c‸\n"));
        assertEquals(List.of(
                        new Completion("anthropic-claude", "anthropic-claude", at(7, 14, 14), NAME, "ModelEndpoint in namespace `custops`"),
                        new Completion("openai-gpt-4o", "openai-gpt-4o", at(7, 14, 14), NAME, "ModelEndpoint in namespace `custops`")),
                complete(AGENT + "  model_ref: ‸"));
        assertEquals(List.of(), complete(AGENT.replace("custops", "elsewhere") + "  model_ref: ‸"));
    }

    @Test
    void anOpenQuoteIsKeptAndClosed() {
        assertEquals(List.of(new Completion("openai-gpt-4o", "openai-gpt-4o\"", at(7, 15, 18), NAME, "ModelEndpoint in namespace `custops`")),
                complete(AGENT + "  model_ref: \"ope‸\n"));
        assertEquals(List.of(new Completion("openai-gpt-4o", "openai-gpt-4o", at(7, 15, 18), NAME, "ModelEndpoint in namespace `custops`")),
                complete(AGENT + "  model_ref: \"ope‸\"\n"));
    }

    @Test
    void policiesOfferSystemsInEveryNamespaceAndModelIds() {
        String policy = "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\n  namespace: other\nspec:\n";
        assertEquals(List.of(new Completion("customer-ops-system", "customer-ops-system", at(8, 7, 7), NAME, "AgentSystem in namespace `custops`")),
                complete(policy + "  target_systems:\n    - ‸\n"));
        assertEquals(List.of(
                        new Completion("claude-sonnet-4-20250514", "claude-sonnet-4-20250514", at(8, 5, 5), NAME,
                                "model id served by ModelEndpoint `custops/anthropic-claude`"),
                        new Completion("gpt-4o", "gpt-4o", at(8, 5, 5), NAME, "model id served by ModelEndpoint `custops/openai-gpt-4o`")),
                complete(policy + "  allowed_models:\n  - ‸\n"));
        assertEquals(List.of(new Completion("claude-sonnet-4-20250514", "claude-sonnet-4-20250514", at(9, 5, 5), NAME,
                        "model id served by ModelEndpoint `custops/anthropic-claude`")),
                complete(policy + "  allowed_models:\n  - gpt-4o\n  - ‸\n  blocked_tools:\n"));
    }

    @Test
    void graphNodesAreAgentNames() {
        String system = "apiVersion: orloj.dev/v1\nkind: AgentSystem\nmetadata:\n  name: s\n  namespace: custops\nspec:\n  graph:\n";
        assertEquals(List.of(new Completion("triage-agent", "triage-agent:", at(8, 5, 8), NAME, "Agent in namespace `custops`")),
                complete(system + "    tri‸\n"));
        assertEquals(List.of(new Completion("billing-agent", "billing-agent", at(10, 15, 16), NAME, "Agent in namespace `custops`")),
                complete(system + "    triage-agent:\n      edges:\n        - to: b‸\n"));
    }

    @Test
    void nothingIsOfferedInJsonOrOffTheSchema() {
        assertEquals(List.of(), complete("{\n  \"kind\": \"Agent\",\n  ‸\n}"));
        assertEquals(List.of(), complete(AGENT + "  prompt: hello\n    ‸\n"));
        assertEquals(List.of(), complete(AGENT + "  bogus:\n    ‸\n"));
        assertEquals(List.of(), complete(AGENT + "  # ro‸\n"));
    }

    @Test
    void theCaretCanComeFromTheEditorsOffsetInAKnownText() {
        Texts governed = Texts.sample("governed");
        SourceText role = new SourceText(new SourceId("roles/support-reader.yaml"), governed.text("roles/support-reader.yaml"));

        assertEquals(java.util.Optional.of(new Caret(role.id(), 4, 9)), GOVERNED.caret(role.id(), role.text().indexOf("support-reader")));
    }
}
