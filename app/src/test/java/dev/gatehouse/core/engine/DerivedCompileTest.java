package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An engine compiled from the previous one after an edit takes the rows the edit cannot affect and compiles the
 * others; what it takes is checked here, and that it answers as a fresh engine by {@code AccessMatrixUpdateProperties}.
 */
class DerivedCompileTest {
    private static final String M = "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n";

    private static Fixtures workspace() {
        return Fixtures.of().file("m.yaml", M)
                .file("web.yaml", Fixtures.tool("web", "  risk_level: low\n"))
                .file("kb.yaml", Fixtures.tool("kb", "  risk_level: low\n"))
                .file("reader.yaml", Fixtures.role("reader", "default", "tool:web:invoke"))
                .file("writer.yaml", Fixtures.role("writer", "default", "tool:kb:invoke"))
                .file("a.yaml", Fixtures.agent("a", "  roles:\n    - reader\n  tools:\n    - web\n"))
                .file("b.yaml", Fixtures.agent("b", "  roles:\n    - writer\n  tools:\n    - kb\n"))
                .file("c.yaml", Fixtures.agent("c", "  roles:\n    - writer\n  tools:\n    - web\n    - kb\n"));
    }

    private static Verdict strict(DecisionEngine e, String agent, String tool) {
        return e.decideTool(agent, tool, Context.of("default"), TraceSink.NONE).strict().verdict();
    }

    @Test
    void aRoleEditRecompilesOnlyTheAgentsNamingIt() {
        Fixtures before = workspace();
        DecisionEngine first = before.engine();
        Fixtures after = before.copy().file("writer.yaml", Fixtures.role("writer", "default", "tool:kb:invoke", "tool:web:invoke"));
        DecisionEngine next = DecisionEngine.compile(after.workspace(), first, Set.of(new SourceId("writer.yaml")));
        assertEquals(1, next.rowsTaken(), "the row of `a`, which does not name `writer`");
        assertEquals(Verdict.ALLOW, strict(next, "c", "web"));
        assertEquals(Verdict.ALLOW, strict(next, "a", "web"));
        assertEquals(Verdict.DENY, strict(first, "c", "web"));
    }

    @Test
    void aToolEditRecompilesTheAgentsDeclaringIt() {
        Fixtures before = workspace();
        DecisionEngine first = before.engine();
        Fixtures after = before.copy().file("kb.yaml", Fixtures.tool("kb", "  risk_level: critical\n"));
        DecisionEngine next = DecisionEngine.compile(after.workspace(), first, Set.of(new SourceId("kb.yaml")));
        assertEquals(1, next.rowsTaken(), "the row of `a`, which does not declare `kb`");
        assertEquals(strict(after.engine(), "b", "kb"), strict(next, "b", "kb"));
    }

    @Test
    void aPolicyEditOrAFreshReadingOfEveryFileCompilesEverything() {
        Fixtures before = workspace();
        DecisionEngine first = before.engine();
        Fixtures withPolicy = before.copy().file("p.yaml", "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n"
                + "  blocked_tools:\n    - web\n");
        assertEquals(0, DecisionEngine.compile(withPolicy.workspace(), first, Set.of(new SourceId("p.yaml"))).rowsTaken());
        // Every file read again: the resources are equal but not the same objects, so nothing is taken on trust.
        Fixtures reread = Fixtures.of();
        before.names().forEach(n -> reread.file(n, before.text(n)));
        reread.file("writer.yaml", Fixtures.role("writer", "default"));
        assertEquals(0, DecisionEngine.compile(reread.workspace(), first, Set.of(new SourceId("writer.yaml"))).rowsTaken());
    }
}
