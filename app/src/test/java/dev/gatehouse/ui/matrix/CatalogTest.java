package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A catalog is kept across an edit only when the edit can change none of its names and risk levels. */
class CatalogTest {
    private static final String HEAD = "apiVersion: orloj.dev/v1\nkind: ";
    private final WorkspaceReader reader = new WorkspaceReader();
    private final Map<String, WorkspaceReader.FileReading> readings = new TreeMap<>();

    private Workspace with(String path, String text) {
        readings.put(path, reader.readFile(new SourceInput(new SourceId(path), text.getBytes(StandardCharsets.UTF_8))));
        return WorkspaceReader.assemble(new ArrayList<>(readings.values()));
    }

    private Workspace start() {
        with("agents/a.yaml", HEAD + "Agent\nmetadata:\n  name: a\nspec:\n  model_ref: m\n  roles:\n    - reader\n  tools:\n    - web\n");
        with("roles/reader.yaml", HEAD + "AgentRole\nmetadata:\n  name: reader\nspec:\n  permissions:\n    - tool:web:invoke\n");
        with("systems/s.yaml", HEAD + "AgentSystem\nmetadata:\n  name: s\nspec:\n  agents:\n    - a\n");
        return with("tools/web.yaml", HEAD + "Tool\nmetadata:\n  name: web\nspec:\n  type: http\n  endpoint: https://example.com\n  risk_level: low\n");
    }

    private static Catalog after(Workspace before, Workspace after, String changed, Catalog previous) {
        DecisionEngine engine = DecisionEngine.compile(after, DecisionEngine.compile(before), Set.of(new SourceId(changed)));
        return Catalog.of(engine, Optional.of(previous), before);
    }

    @Test
    void aRoleEditKeepsTheCatalog() {
        Workspace before = start();
        Catalog catalog = Catalog.of(before);
        Workspace after = with("roles/reader.yaml", HEAD + "AgentRole\nmetadata:\n  name: reader\nspec:\n  permissions: []\n");
        assertSame(catalog, after(before, after, "roles/reader.yaml", catalog));
    }

    @Test
    void aToolEditOrARenameMakesItAnew() {
        Workspace before = start();
        Catalog catalog = Catalog.of(before);
        Workspace risky = with("tools/web.yaml", HEAD + "Tool\nmetadata:\n  name: web\nspec:\n  type: http\n  endpoint: https://example.com\n  risk_level: high\n");
        Catalog now = after(before, risky, "tools/web.yaml", catalog);
        assertNotSame(catalog, now);
        assertEquals(Map.of("web", "high"), now.risks("default"));

        Workspace renamed = with("systems/s.yaml", HEAD + "AgentSystem\nmetadata:\n  name: t\nspec:\n  agents:\n    - a\n");
        Catalog again = after(risky, renamed, "systems/s.yaml", now);
        assertEquals(List.of("t"), again.systems("default"));
    }

    @Test
    void aCatalogOfAnotherWorkspaceIsNotKept() {
        Workspace before = start();
        Catalog catalog = Catalog.of(before);
        Workspace after = with("roles/reader.yaml", HEAD + "AgentRole\nmetadata:\n  name: reader\nspec:\n  permissions: []\n");
        DecisionEngine engine = DecisionEngine.compile(after, DecisionEngine.compile(before), Set.of(new SourceId("roles/reader.yaml")));
        assertNotSame(catalog, Catalog.of(engine, Optional.of(catalog), after));
    }
}
