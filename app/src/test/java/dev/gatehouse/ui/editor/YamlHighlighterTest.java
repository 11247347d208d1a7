package dev.gatehouse.ui.editor;

import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class YamlHighlighterTest {
    @Test
    void coloursKeysCommentsStringsAndMarkers() {
        String yaml = """
                # an agent
                ---
                kind: Agent
                metadata:
                  name: "faq-agent" # quoted
                spec:
                  tools:
                    - kb-search
                    - url: 'http://x#y'
                """;

        assertEquals(List.of(
                "yaml-comment # an agent",
                "yaml-marker ---",
                "yaml-key kind",
                "yaml-kind Agent",
                "yaml-key metadata",
                "yaml-key name",
                "yaml-string \"faq-agent\"",
                "yaml-comment # quoted",
                "yaml-key spec",
                "yaml-key tools",
                "yaml-key url",
                "yaml-string 'http://x#y'"), styled(yaml));
    }

    @Test
    void kindNumbersAndNamesOfResourcesHaveTheirOwnColours() {
        String yaml = """
                kind: ToolPermission
                spec:
                  tool_ref: order-lookup # governed
                  model_ref: "quoted-stays-a-string"
                  limits:
                    max_steps: 8
                    timeout: 30s
                  graph:
                    - to: billing-agent
                """;

        assertEquals(List.of(
                "yaml-key kind",
                "yaml-kind ToolPermission",
                "yaml-key spec",
                "yaml-key tool_ref",
                "yaml-reference order-lookup",
                "yaml-comment # governed",
                "yaml-key model_ref",
                "yaml-string \"quoted-stays-a-string\"",
                "yaml-key limits",
                "yaml-key max_steps",
                "yaml-number 8",
                "yaml-key timeout",
                "yaml-key graph",
                "yaml-key to",
                "yaml-reference billing-agent"), styled(yaml));
    }

    @Test
    void jsonKeysAreQuotedKeys() {
        String json = """
                {
                  "kind": "Agent",
                  "spec": {"tools": ["kb-search"]}
                }
                """;

        assertEquals(List.of(
                "yaml-key \"kind\"",
                "yaml-string \"Agent\"",
                "yaml-key \"spec\"",
                "yaml-string \"tools\"",
                "yaml-string \"kb-search\""), styled(json));
    }

    @Test
    void hashInsideAWordIsNoComment() {
        assertEquals(List.of("yaml-key ref"), styled("ref: issue#12\n"));
    }

    @Test
    void spansCoverTheWholeText() {
        String yaml = "a: 1\n# c\n";
        assertEquals(yaml.length(), YamlHighlighter.styles(yaml).length());
        assertEquals(0, YamlHighlighter.styles("").length());
    }

    /** Each coloured run as "class text". */
    private static List<String> styled(String text) {
        StyleSpans<Collection<String>> spans = YamlHighlighter.styles(text);
        assertEquals(text.length(), spans.length());
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(String.join(" ", span.getStyle()) + " " + text.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return out;
    }
}
