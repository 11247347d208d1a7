package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.core.parse.orloj.TreeText.FILE;
import static dev.gatehouse.core.parse.orloj.TreeText.at;
import static dev.gatehouse.core.parse.orloj.TreeText.error;
import static dev.gatehouse.core.parse.orloj.TreeText.read;
import static dev.gatehouse.core.parse.orloj.TreeText.spec;
import static dev.gatehouse.core.parse.orloj.TreeText.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ParseAgentManifest's YAML branch. */
class AgentReaderTest {
    private static final String HEAD = "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n";

    @Test
    void readsEveryAgentField() {
        String yaml = HEAD + """
                  model_ref: openai-default
                  prompt: be brief
                  tools:
                    - web_search
                  roles:
                    - analyst
                  memory:
                    ref: store
                    type: vector
                    provider: pg
                    allow:
                      - read
                  limits:
                    max_steps: 6
                    timeout: 30s
                  execution:
                    profile: contract
                    tool_sequence:
                      - web_search
                    required_output_markers:
                      - DONE
                    duplicate_tool_call_policy: deny
                    on_contract_violation: observe
                    tool_use_behavior: stop_on_first_tool
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:Agent,metadata:{name:a},spec:{model_ref:openai-default,"
                + "prompt:be brief,tools:[web_search],roles:[analyst],memory:{ref:store,type:vector,provider:pg,"
                + "allow:[read]},execution:{profile:contract,tool_sequence:[web_search],required_output_markers:[DONE],"
                + "duplicate_tool_call_policy:deny,on_contract_violation:observe,tool_use_behavior:stop_on_first_tool},"
                + "limits:{max_steps:6,timeout:30s}}}", tree(yaml));
    }

    @Test
    void camelCaseAliasesAreAcceptedUnderTheSnakeCaseTag() {
        String yaml = HEAD + """
                  modelRef: m
                  execution:
                    duplicateToolCallPolicy: deny
                    onContractViolation: observe
                    toolUseBehavior: run_llm_again
                """;
        assertEquals("{model_ref:m,execution:{duplicate_tool_call_policy:deny,on_contract_violation:observe,"
                + "tool_use_behavior:run_llm_again}}", spec(yaml));
    }

    @Test
    void flowListsAreDroppedF19() {
        assertEquals("{model_ref:m}", spec(HEAD + "  model_ref: m\n  roles: [analyst]\n  tools: [web_search]\n"));
    }

    @Test
    void commentedHeaderClosesTheListAndDropsItsItemsF31() {
        String yaml = HEAD + """
                  model_ref: m
                  tools:
                    - web_search
                  roles:  # bound roles
                    - analyst
                """;
        assertEquals("{model_ref:m,tools:[web_search]}", spec(yaml));
    }

    @Test
    void allowedToolsItemsLandInTheListOpenBeforeIt() {
        String afterTools = HEAD + "  tools:\n    - web_search\n  allowed_tools:\n    - web_search\n    - shell\n";
        assertEquals("{tools:[web_search,web_search,shell]}", spec(afterTools));

        String afterRoles = HEAD + "  roles:\n    - analyst\n  allowed_tools:\n    - shell\n";
        assertEquals("{roles:[analyst,shell]}", spec(afterRoles));

        String afterMemoryAllow = HEAD + "  memory:\n    ref: s\n    allow:\n      - read\n    allowed_tools:\n      - shell\n";
        assertEquals("{memory:{ref:s,allow:[read,shell]}}", spec(afterMemoryAllow));

        String afterSequence = HEAD + "  execution:\n    tool_sequence:\n      - a\n  allowed_tools:\n    - shell\n";
        assertEquals("{execution:{tool_sequence:[a,shell]}}", spec(afterSequence));

        String nothingOpen = HEAD + "  model_ref: m\n  allowed_tools:\n    - shell\n";
        assertEquals("{model_ref:m}", spec(nothingOpen));
    }

    @Test
    void allowedToolsInFlowOrBlockFormIsNeverAField() {
        assertEquals("{model_ref:m}", spec(HEAD + "  model_ref: m\n  allowed_tools: [shell]\n"));
    }

    @Test
    void nestedListIsLeftAtIndentationFourOrLess() {
        String yaml = HEAD + """
                  memory:
                    allow:
                      - read
                    ref: store
                    allow_extra: x
                  execution:
                    tool_sequence:
                      - a
                    profile: contract
                """;
        assertEquals("{memory:{ref:store,allow:[read]},execution:{profile:contract,tool_sequence:[a]}}", spec(yaml));
    }

    @Test
    void listItemsNotUnderAListAreReadAsKeyValueLines() {
        // "- model_ref: x" has the key "- model_ref", which matches nothing.
        assertEquals("{model_ref:m}", spec(HEAD + "  model_ref: m\n  - model_ref: x\n"));
    }

    @Test
    void legacyModelFieldIsTheReadersError() {
        OrlojReading r = read(HEAD + "  model: gpt-4o\n  prompt: test\n");
        assertEquals("spec.model has been removed; use spec.model_ref", r.error().orElseThrow().message());
        assertEquals(new Span(FILE, 6, 1, 6, 16), r.error().orElseThrow().span());
        assertEquals(java.util.Optional.empty(), r.tree());
    }

    @Test
    void modelInsideASubsectionIsNotTheLegacyField() {
        assertEquals("{model_ref:m}", spec(HEAD + "  model_ref: m\n  memory:\n    model: x\n"));
    }

    @Test
    void maxStepsErrorQuotesTheValueBeforeUnquoting() {
        assertEquals("invalid spec.limits.max_steps value \"x\"", error(HEAD + "  limits:\n    max_steps: x\n"));
        assertEquals("invalid spec.limits.max_steps value \"\\\"x\\\"\"",
                error(HEAD + "  limits:\n    max_steps: \"x\"\n"));
        assertEquals("invalid spec.limits.max_steps value \"1_000\"", error(HEAD + "  limits:\n    max_steps: 1_000\n"));
        assertEquals("invalid spec.limits.max_steps value \"0x10\"", error(HEAD + "  limits:\n    max_steps: 0x10\n"));
        assertEquals("invalid spec.limits.max_steps value \"4  # four\"",
                error(HEAD + "  limits:\n    max_steps: 4  # four\n"));
    }

    @Test
    void maxStepsIsWrittenAsAtoiReadIt() {
        assertEquals("{limits:{max_steps:7}}", spec(HEAD + "  limits:\n    max_steps: \"+007\"\n"));
        assertEquals("{limits:{max_steps:0}}", spec(HEAD + "  limits:\n    max_steps: 0\n"));
        assertEquals("{limits:{max_steps:-3}}", spec(HEAD + "  limits:\n    max_steps: -3\n"));
    }

    @Test
    void promptBlockDropsBlankAndCommentLinesAndKeepsDeeperIndentation() {
        String yaml = HEAD + """
                  prompt: |
                    You are careful.

                    # not a comment to the author
                      indented
                    kind: Tool
                  model_ref: m
                """;
        assertEquals("{model_ref:m,prompt:\"You are careful.\n  indented\nkind: Tool\"}", spec(yaml));
    }

    @Test
    void linesInsideThePromptBlockAreNotFieldsEvenApiVersionAndKind() {
        String yaml = HEAD + "  prompt: |\n    kind: Tool\n    apiVersion: x\n";
        MapNode t = read(yaml).tree().orElseThrow();
        assertEquals("Agent", ((ScalarNode) at(t, "kind")).text());
        assertEquals("orloj.dev/v1", ((ScalarNode) at(t, "apiVersion")).text());
        assertEquals("kind: Tool\napiVersion: x", ((ScalarNode) at(t, "spec.prompt")).text());
    }

    @Test
    void promptBlockVariantsAndEndOfFile() {
        assertEquals("{prompt:a}", spec(HEAD + "  prompt: |-\n    a\n"));
        assertEquals("{prompt:a}", spec(HEAD + "  prompt: |+\n    a\n\n\n"));
        assertEquals("{prompt:\"\"}", spec(HEAD + "  prompt: |\n"));
        assertEquals("{model_ref:m,prompt:\"\"}", spec(HEAD + "  prompt: |\n  model_ref: m\n"));
    }

    @Test
    void foldedAndCommentedBlockIndicatorsAreInlineValues() {
        // Only exactly |, |- or |+ opens a block; the following lines are then read as ordinary lines.
        assertEquals("{model_ref:m,prompt:>}", spec(HEAD + "  prompt: >\n    folded\n  model_ref: m\n"));
        assertEquals("{prompt:\"|  # c\"}", spec(HEAD + "  prompt: |  # c\n    text\n"));
    }

    @Test
    void promptLineIndentedOneMoreThanThePromptKeyLosesItsFirstByte() {
        // textStart = promptIndent + 2: "   xyz" (3 spaces, prompt at 2) keeps "yz".
        assertEquals("{prompt:yz}", spec(HEAD + "  prompt: |\n   xyz\n"));
        // A line no longer than textStart bytes is trimmed instead: "   x" is 4 bytes.
        assertEquals("{prompt:x}", spec(HEAD + "  prompt: |\n   x\n"));
        // The cut goes through the UTF-8 bytes of "é" (C3 A9): one stray byte, sent on as U+FFFD.
        assertEquals("{prompt:\uFFFDtext}", spec(HEAD + "  prompt: |\n   étext\n"));
        // "中" is three bytes: two stray bytes remain.
        assertEquals("{prompt:\uFFFD\uFFFDx}", spec(HEAD + "  prompt: |\n   中x\n"));
    }

    @Test
    void promptKeepsALoneCarriageReturnAndDropsCrlf() {
        assertEquals("a\nb", ((ScalarNode) at(read(HEAD.replace("\n", "\r\n") + "  prompt: |\r\n    a\r\n    b\r\n")
                .tree().orElseThrow(), "spec.prompt")).text());
        assertEquals("a\r", ((ScalarNode) at(read(HEAD + "  prompt: |\n    a\r").tree().orElseThrow(),
                "spec.prompt")).text());
    }

    @Test
    void promptSpanCoversTheIndicatorToTheLastBlockLine() {
        MapNode t = read(HEAD + "  prompt: |\n    one\n      two\n  model_ref: m\n").tree().orElseThrow();
        assertEquals(new Span(FILE, 6, 11, 8, 10), at(t, "spec.prompt").span());
        MapNode spec = (MapNode) at(t, "spec");
        assertEquals(new Span(FILE, 6, 3, 6, 9), spec.entry("prompt").orElseThrow().key().span());
    }

    @Test
    void labelsNeedIndentationFour() {
        String yaml = "kind: Agent\nmetadata:\n  name: a\n  labels:\n    team: x\n   tier: y\n";
        assertEquals("{kind:Agent,metadata:{name:a,labels:{team:x}}}", tree(yaml));
    }
}
