package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.DecisionGrid;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import dev.gatehouse.ui.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The encoded matrix read from the engine's packed grid is the one its answers encode, changed marks included:
 * the grid is read without making an answer per cell.
 */
class MatrixStateTest {
    private static final List<Context> CONTEXTS = List.of(Context.of("custops"),
            new Context("custops", Optional.of("customer-ops-system"), Optional.empty()),
            new Context("custops", Optional.of("customer-ops-system"), Optional.of("ticket-48213")));

    @Test
    void aGridEncodesAsItsAnswersDo() throws IOException {
        DecisionEngine engine = DecisionEngine.compile(read(Map.of()));
        for (Context ctx : CONTEXTS) {
            AccessMatrix grid = AccessMatrix.tools(engine, ctx);
            assertTrue(grid.cells() instanceof DecisionGrid, "the engine packs a tools matrix");
            MatrixState packed = MatrixState.of("k", grid, Map.of(), Optional.empty());
            MatrixState answers = MatrixState.of("k", answers(grid), Map.of(), Optional.empty());
            assertEquals(cells(answers), cells(packed), ctx.toString());
            assertTrue(cells(packed).stream().anyMatch(c -> c.exposure().isPresent()), "the sample has exposures");
        }
    }

    @Test
    void changedCellsAreMarkedAsTheirAnswersMarkThem() throws IOException {
        Workspace before = read(Map.of());
        // billing-agent loses its role: its cells change, and so do its exposures.
        Workspace after = read(Map.of("agents/billing-agent.yaml", text("agents/billing-agent.yaml").replace("    - billing-specialist\n", "")));
        DecisionEngine first = DecisionEngine.compile(before);
        DecisionEngine next = DecisionEngine.compile(after, first, Set.of(new SourceId("agents/billing-agent.yaml")));
        for (Context ctx : CONTEXTS) {
            AccessMatrix old = AccessMatrix.tools(first, ctx);
            AccessMatrix updated = AccessMatrix.update(old, next, Set.of(new SourceId("agents/billing-agent.yaml")));
            MatrixState packed = MatrixState.of("k", updated, Map.of(), Optional.of(MatrixState.of("k", old, Map.of(), Optional.empty())));
            MatrixState answers = MatrixState.of("k", answers(updated), Map.of(),
                    Optional.of(MatrixState.of("k", answers(old), Map.of(), Optional.empty())));
            assertEquals(cells(answers), cells(packed), ctx.toString());
            assertEquals(answers.changedCount, packed.changedCount);
            if (ctx.task().isEmpty()) {
                assertNotEquals(0, packed.changedCount, "the edit changes cells in " + ctx);
            }
        }
    }

    @Test
    void aCellIsChangedExactlyWhereTheOlderMatrixDecidedItOtherwiseOrHadNone() throws IOException {
        Workspace before = read(Map.of());
        // Another agent with a role, and billing-agent without its role: rows changed and a row added.
        Workspace after = read(Map.of("agents/billing-agent.yaml", text("agents/billing-agent.yaml").replace("    - billing-specialist\n", "")
                + "---\n" + text("agents/faq-agent.yaml").replace("name: faq-agent", "name: faq-agent-2")));
        for (Context ctx : CONTEXTS) {
            MatrixState old = MatrixState.of("k", AccessMatrix.tools(DecisionEngine.compile(before), ctx), Map.of(), Optional.empty());
            MatrixState now = MatrixState.of("k", AccessMatrix.tools(DecisionEngine.compile(after), ctx), Map.of(), Optional.of(old));
            Map<List<String>, Cell> was = new java.util.HashMap<>();
            cells(old).forEach(c -> was.put(List.of(c.agent(), c.column()), c));
            int changed = 0;
            for (Cell c : cells(now)) {
                Cell o = was.get(List.of(c.agent(), c.column()));
                boolean differs = o == null || o.strict() != c.strict() || !o.strictReason().equals(c.strictReason())
                        || o.orloj() != c.orloj() || !o.orlojReason().equals(c.orlojReason()) || !o.exposure().equals(c.exposure());
                assertEquals(differs, c.changed(), c + " in " + ctx);
                changed += differs ? 1 : 0;
            }
            assertEquals(changed, now.changedCount);
            // In the task's context the broken member refuses every agent: all cells change; elsewhere only some.
            assertTrue(changed > 0 && (ctx.task().isPresent() || changed < cells(now).size()), changed + " changed in " + ctx);
            long exposed = cells(now).stream().filter(c -> c.exposure().isPresent()).count();
            assertEquals(exposed, now.exposureCount());
            for (CellVerdict v : CellVerdict.values()) {
                assertEquals(cells(now).stream().filter(c -> c.strict() == v).count(), now.strictCount(v), v + " in " + ctx);
            }
        }
    }

    @Test
    void aMatrixComparedWithItselfHasNothingChanged() throws IOException {
        AccessMatrix grid = AccessMatrix.tools(DecisionEngine.compile(read(Map.of())), CONTEXTS.get(0));
        MatrixState state = MatrixState.of("k", grid, Map.of(), Optional.of(MatrixState.of("k", grid, Map.of(), Optional.empty())));
        assertEquals(0, state.changedCount);
        assertFalse(cells(state).stream().anyMatch(Cell::changed));
    }

    private record Cell(String agent, String column, CellVerdict strict, String strictReason, CellVerdict orloj, String orlojReason,
                        Optional<String> exposure, boolean changed) {}

    private static List<Cell> cells(MatrixState s) {
        List<Cell> out = new ArrayList<>();
        for (int r = 0; r < s.agents.size(); r++) {
            for (int c = 0; c < s.columns.size(); c++) {
                int cell = s.cell(r, c);
                out.add(new Cell(s.agents.get(r), s.columns.get(c), MatrixState.strict(cell), MatrixState.strictReason(cell),
                        MatrixState.orloj(cell), MatrixState.orlojReason(cell), s.exposure(cell), MatrixState.changed(cell)));
            }
        }
        return out;
    }

    /** The same matrix with its cells made into answers (a plain list, as a models matrix keeps them). */
    private static AccessMatrix answers(AccessMatrix m) {
        List<Answer> cells = new ArrayList<>(m.cells());
        return new AccessMatrix(m.context(), m.models(), m.agents(), m.columns(), cells);
    }

    private static String text(String path) throws IOException {
        return java.nio.file.Files.readString(SampleWorkspaces.governed().resolve(path));
    }

    private static Workspace read(Map<String, String> replaced) throws IOException {
        Path root = SampleWorkspaces.governed();
        List<SourceInput> inputs = new ArrayList<>();
        for (SourceInput in : ScenarioFiles.split(new WorkspaceFiles(ReadLimits.DEFAULT, root).readAll(List.of(root))).manifests()) {
            String text = replaced.get(in.id().path());
            inputs.add(text == null ? in : new SourceInput(in.id(), text.getBytes(StandardCharsets.UTF_8)));
        }
        return new WorkspaceReader().read(inputs);
    }
}
