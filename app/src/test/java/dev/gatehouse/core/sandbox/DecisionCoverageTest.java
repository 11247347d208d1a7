package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.sandbox.DecisionCoverage.CellClass;
import dev.gatehouse.core.sandbox.DecisionCoverage.Count;
import dev.gatehouse.core.sandbox.DecisionCoverage.Table;
import dev.gatehouse.core.sandbox.DecisionCoverage.Untouched;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionCoverageTest {
    private static String manifest(String kind, String name, String spec) {
        return "apiVersion: orloj.dev/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    private static String tool(String name) {
        return manifest("Tool", name, "  type: http\n  endpoint: https://example.com/" + name + "\n");
    }

    /**
     * {@code bot} declares both tools and grants itself {@code search} (seed form): search allow, fetch deny
     * (no_grant) where Orloj allows a role-less agent (F1). {@code reader} declares only search: search an F1
     * exposure, fetch not declared. One endpoint serves gpt-4o.
     */
    private static final Workspace WS = SandboxFixtures.of(Map.of(
            "llm.yaml", manifest("ModelEndpoint", "llm", "  provider: openai\n  default_model: gpt-4o\n"),
            "bot.yaml", manifest("Agent", "bot", """
                      model_ref: llm
                      policies:
                        - effect: allow
                          resource: search
                          action: invoke
                      tools:
                        - search
                        - fetch
                      limits:
                        max_steps: 2
                    """),
            "reader.yaml", manifest("Agent", "reader", "  model_ref: llm\n  tools:\n    - search\n"),
            "fetch.yaml", tool("fetch"),
            "search.yaml", tool("search")));

    private static DecisionCoverage coverage(String steps) {
        Scenario s = SandboxFixtures.scenario(WS, "apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata:\n  name: c\nspec:\n  agent: bot\n  steps:\n" + steps);
        DecisionEngine engine = DecisionEngine.compile(WS);
        RunResult r = new Sandbox(engine, ToolBackends.NONE, AuditSink.NONE).run(s, "run-1");
        return DecisionCoverage.of(engine, List.of(r));
    }

    private static int[] hits(Table t) {
        int[] out = new int[t.matrix().agents().size() * t.matrix().columns().size()];
        for (int r = 0; r < t.matrix().agents().size(); r++) {
            for (int c = 0; c < t.matrix().columns().size(); c++) {
                out[r * t.matrix().columns().size() + c] = t.hits(r, c);
            }
        }
        return out;
    }

    @Test
    void callsCountPerCellAndPerClassAndTheExposureLeftAloneIsListed() {
        DecisionCoverage cov = coverage("""
                    - call:
                        tool: search
                    - call:
                        tool: fetch
                      repeat: 2
                """);
        Table tools = cov.tables().get(0);
        assertEquals(List.of("bot", "reader"), tools.matrix().agents());
        assertEquals(List.of("fetch", "search"), tools.matrix().columns());
        assertEquals(List.of(2, 1, 0, 0), java.util.Arrays.stream(hits(tools)).boxed().toList());
        assertEquals(Map.of(CellClass.ALLOW, new Count(1, 1), CellClass.APPROVAL_REQUIRED, new Count(0, 0),
                CellClass.DENY, new Count(1, 3), CellClass.EXPOSURE, new Count(1, 2)), tools.counts());
        assertEquals(new Count(2, 4), tools.total());
        assertEquals(List.of(new Untouched("reader", "search", "F1")), tools.untouchedExposures());
        assertEquals(List.of(new Untouched("reader", "search", "F1")), cov.untouchedExposures());
    }

    @Test
    void aModelStepCountsUnderTheEndpointsModelButNotPastMaxSteps() {
        DecisionCoverage cov = coverage("""
                    - model:
                        model: gpt-4o
                        tokens: 10
                    - model:
                        model: llm
                        tokens: 10
                    - model:
                        model: gpt-4o
                        tokens: 10
                      expect: deny
                      reason: max_steps_reached
                """);
        assertEquals(2, cov.tables().size());
        Table tools = cov.tables().get(0);
        assertEquals(new Count(0, 4), tools.total());
        Table models = cov.tables().get(1);
        assertEquals(List.of("gpt-4o"), models.matrix().columns());
        assertEquals(List.of(2, 0), java.util.Arrays.stream(hits(models)).boxed().toList());
        assertEquals(new Count(1, 2), models.total());
        assertEquals(List.of(), models.untouchedExposures());
    }

    @Test
    void eachNamespaceTheScenariosRanInHasItsTables() {
        DecisionCoverage cov = coverage("    - advance: 1s\n");
        assertEquals(List.of("default/tools", "default/models"),
                cov.tables().stream().map(t -> t.namespace() + "/" + (t.models() ? "models" : "tools")).toList());
        assertEquals(new Count(0, 4), cov.tables().get(0).total());
        assertEquals(List.of(new Untouched("bot", "fetch", "F1"), new Untouched("reader", "search", "F1")), cov.untouchedExposures());
    }
}
