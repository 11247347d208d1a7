package dev.gatehouse.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Questions without context, once a namespace has been asked enough of them to answer from its table of outcomes
 * worked out in advance, are answered exactly as through the rows: also for names whose hashes collide, spellings
 * Orloj folds, undeclared and unknown tools and agents.
 */
class QuickAnswersTest {
    /** Two names with the same {@code String.hashCode}, so that their pairs with one agent share a hash too. */
    private static final String COLLIDING = "tool-aan";
    private static final String COLLIDING_TOO = "tool-ac0";

    private static Fixtures workspace() {
        return Fixtures.of()
                .file("m.yaml", "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n")
                .file("t1.yaml", Fixtures.tool(COLLIDING, "  risk_level: low\n"))
                .file("t2.yaml", Fixtures.tool(COLLIDING_TOO, "  risk_level: low\n"))
                .file("web.yaml", Fixtures.tool("web-search", "  risk_level: low\n"))
                .file("r.yaml", Fixtures.role("reader", "default", "tool:" + COLLIDING + ":invoke", "tool:web-search:invoke"))
                // `a` declares only the first of the colliding tools and is granted it; `b` declares the second.
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - " + COLLIDING + "\n    - web-search\n"))
                .file("b.yaml", Fixtures.agent("b", "  roles:\n    - reader\n  tools:\n    - " + COLLIDING_TOO + "\n"));
    }

    @Test
    void aNamespaceAnsweringFromItsTableAnswersAsThroughTheRows() {
        assertEquals(COLLIDING.hashCode(), COLLIDING_TOO.hashCode());
        List<String> agents = List.of("a", "b", "A", "nobody", "");
        List<String> tools = List.of(COLLIDING, COLLIDING_TOO, "web-search", "WEB-SEARCH", " web-search ", "web_search", "no-such-tool", "");
        DecisionEngine throughRows = workspace().engine();
        List<List<Object>> expected = new ArrayList<>();
        for (String agent : agents) {
            for (String tool : tools) {
                expected.add(EngineProperties.outcome(throughRows.decideTool(agent, tool, Context.of("default"), new TraceSink.Recording())));
            }
        }

        DecisionEngine fromTable = workspace().engine();
        for (int i = 0; i < 300; i++) {
            fromTable.decideTool("nobody", "no-such-tool", Context.of("default"), TraceSink.NONE);
        }
        List<List<Object>> answered = new ArrayList<>();
        for (String agent : agents) {
            for (String tool : tools) {
                answered.add(EngineProperties.outcome(fromTable.decideTool(agent, tool, Context.of("default"), TraceSink.NONE)));
            }
        }
        assertEquals(expected, answered);
        assertEquals(dev.gatehouse.core.model.Verdict.ALLOW,
                fromTable.decideTool("a", COLLIDING, Context.of("default"), TraceSink.NONE).strict().verdict());
        assertEquals(ReasonCode.NOT_DECLARED,
                fromTable.decideTool("a", COLLIDING_TOO, Context.of("default"), TraceSink.NONE).strict().reason());
    }
}
