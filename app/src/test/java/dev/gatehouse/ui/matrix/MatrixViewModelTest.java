package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.report.DecisionReport;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.CurrentThreadTaskRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrix's state on the real samples, decided on the calling thread; expected values come from core. */
class MatrixViewModelTest {
    static final String NAMESPACE = "custops";

    private final MatrixViewModel viewModel = new MatrixViewModel(new CurrentThreadTaskRunner());
    private final Workspace governed = SampleWorkspaces.validate(SampleWorkspaces.governed()).workspace();
    private final DecisionEngine engine = DecisionEngine.compile(governed);
    private final AccessMatrix tools = AccessMatrix.tools(engine, Context.of(NAMESPACE));

    @Test
    void beforeAWorkspaceTheGridIsEmptyAndSaysWhy() {
        assertEquals(0, viewModel.gridProperty().get().rowCount());
        assertEquals(MatrixViewModel.NO_WORKSPACE, viewModel.placeholderProperty().get());
        assertFalse(viewModel.exportableProperty().get());
    }

    @Test
    void summaryCountsTheCoresMatrixOfTheNamespace() {
        show();

        assertEquals(summary(tools, "tools"), viewModel.summaryProperty().get());
        assertEquals(List.of(NAMESPACE), viewModel.namespaces());
        assertEquals(NAMESPACE, viewModel.namespaceProperty().get());
        assertEquals("", viewModel.placeholderProperty().get());
    }

    @Test
    void gridShowsEveryCellOfTheCoreWithAgentsAndToolsByName() {
        show();

        GridModel grid = viewModel.gridProperty().get();
        assertEquals(sorted(tools.agents()), rows(grid));
        assertEquals(sorted(tools.columns()), columns(grid));
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(); c++) {
                Answer answer = cell(tools, grid.rowName(r), grid.columnName(c));
                assertEquals(answer.strict().verdict().wireName(), grid.verdict(r, c).label(), grid.describe(r, c));
                assertEquals(answer.exposure().isPresent(), grid.exposed(r, c), grid.describe(r, c));
                assertFalse(grid.changed(r, c), "nothing changes on the first read");
            }
        }
    }

    @Test
    void onlyExposuresKeepsTheRowsAndColumnsOfExposedCells() {
        show();

        viewModel.onlyExposuresProperty().set(true);

        GridModel grid = viewModel.gridProperty().get();
        List<String[]> exposed = exposedCells(tools);
        assertEquals(new ArrayList<>(new TreeSet<>(exposed.stream().map(e -> e[0]).toList())), rows(grid));
        assertEquals(new ArrayList<>(new TreeSet<>(exposed.stream().map(e -> e[1]).toList())), columns(grid));
        assertEquals(tools.exposureCount(), exposedShown(grid));
        assertTrue(viewModel.summaryProperty().get().endsWith(tools.exposureCount() + " exposures"), viewModel.summaryProperty().get());
    }

    @Test
    void onlyChangedKeepsTheCellsAnUnsavedEditChangesAndASaveClearsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws java.io.IOException {
        show();
        java.nio.file.Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        java.nio.file.Path role = copy.resolve("roles/billing-specialist.yaml");
        java.nio.file.Files.writeString(role, java.nio.file.Files.readString(role) + "    - tool:order-lookup:invoke\n");
        Workspace edited = SampleWorkspaces.validate(copy).workspace();

        viewModel.showEdited(edited);
        viewModel.onlyChangedProperty().set(true);

        GridModel grid = viewModel.gridProperty().get();
        assertEquals(List.of("billing-agent"), rows(grid));
        assertEquals(List.of("order-lookup"), columns(grid));
        assertTrue(grid.changed(0, 0));

        viewModel.showSaved(edited);
        assertEquals(List.of(), rows(viewModel.gridProperty().get()));
    }

    @Test
    void anEditWithItsChangedFileDecidesTheSameCellsAsAFullRecompute(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws java.io.IOException {
        show();
        java.nio.file.Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        java.nio.file.Path role = copy.resolve("roles/support-reader.yaml");
        java.nio.file.Files.writeString(role, java.nio.file.Files.readString(role).replace("    - tool:kb-search:invoke\n", ""));
        Workspace edited = SampleWorkspaces.validate(copy).workspace();

        viewModel.showEdited(edited, java.util.Optional.of(java.util.Set.of(new dev.gatehouse.core.source.SourceId("roles/support-reader.yaml"))));

        AccessMatrix full = AccessMatrix.tools(DecisionEngine.compile(edited), Context.of(NAMESPACE));
        GridModel grid = viewModel.gridProperty().get();
        int changed = 0;
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(); c++) {
                int fr = full.agents().indexOf(grid.rowName(r));
                int fc = full.columns().indexOf(grid.columnName(c));
                assertEquals(full.strictVerdict(fr, fc).name(), grid.verdict(r, c).name(), grid.rowName(r) + " × " + grid.columnName(c));
                changed += grid.changed(r, c) ? 1 : 0;
            }
        }
        assertTrue(changed > 0, "removing kb-search from support-reader changes some cell");
    }

    @Test
    void searchNarrowsTheSideWhoseNamesMatch() {
        show();

        viewModel.searchProperty().set("REFUND");
        assertEquals(sorted(tools.agents()), rows(viewModel.gridProperty().get()));
        assertEquals(tools.columns().stream().filter(t -> t.contains("refund")).sorted().toList(), columns(viewModel.gridProperty().get()));

        viewModel.searchProperty().set("billing");
        assertEquals(List.of("billing-agent"), rows(viewModel.gridProperty().get()));
        assertEquals(sorted(tools.columns()), columns(viewModel.gridProperty().get()));

        viewModel.searchProperty().set("no such name");
        assertEquals(0, viewModel.gridProperty().get().rowCount());
        assertEquals("No agent or tool matches the filters", viewModel.placeholderProperty().get());
    }

    @Test
    void riskFilterKeepsTheToolsOfThatLevel() {
        show();

        viewModel.riskProperty().set("critical");

        List<String> critical = governed.all(Tool.class).stream()
                .filter(t -> t.namespace().equals(NAMESPACE) && t.riskLevel().value().equals("critical")).map(Tool::name).sorted().toList();
        assertFalse(critical.isEmpty());
        assertEquals(critical, columns(viewModel.gridProperty().get()));
    }

    @Test
    void rowsSortByAllowedCellsMostFirstThenByName() {
        show();

        viewModel.rowOrderProperty().set(RowOrder.ALLOWED);

        Comparator<String> byAllowed = Comparator.<String>comparingLong(a -> -tools.columns().stream()
                .filter(t -> cell(tools, a, t).strict().verdict() == Verdict.ALLOW).count()).thenComparing(Comparator.naturalOrder());
        assertEquals(tools.agents().stream().sorted(byAllowed).toList(), rows(viewModel.gridProperty().get()));
    }

    @Test
    void modelsTabShowsTheModelsMatrix() {
        show();

        viewModel.subjectProperty().set(Subject.MODELS);

        AccessMatrix models = AccessMatrix.models(engine, Context.of(NAMESPACE));
        assertEquals(summary(models, "models"), viewModel.summaryProperty().get());
        assertEquals(sorted(models.columns()), columns(viewModel.gridProperty().get()));
    }

    @Test
    void aSystemNarrowsTheRowsToItsAgentsAndDecidesInIt() {
        show();
        String system = viewModel.systems().get(1);

        viewModel.systemProperty().set(system);

        Context inSystem = new Context(NAMESPACE, Optional.of(system), Optional.empty());
        AccessMatrix expected = AccessMatrix.tools(engine, inSystem);
        assertEquals(sorted(expected.agents()), rows(viewModel.gridProperty().get()));
        assertEquals(summary(expected, "tools"), viewModel.summaryProperty().get());
        assertEquals("matrix-custops-" + system + "-tools.csv", viewModel.exportName("csv"));
    }

    @Test
    void selectingACellExplainsItWithTheEnginesOwnTrace() {
        show();
        GridCell cell = viewModel.cellOf("billing-agent", "order-lookup").orElseThrow();

        viewModel.select(cell.row(), cell.column());

        Answer expected = engine.decideTool("billing-agent", "order-lookup", Context.of(NAMESPACE), new TraceSink.Recording());
        Explanation shown = viewModel.explanationProperty().get().orElseThrow();
        assertEquals(Optional.of(cell), viewModel.selectionProperty().get());
        assertEquals(expected.strict().reason().wireName(), shown.reason());
        assertEquals(expected.strict().verdict().wireName() + " (" + expected.strict().reason().wireName() + "): "
                + expected.strict().message(), shown.strict());
        assertEquals(expected.orloj().verdict().wireName() + " (" + expected.orloj().reason().wireName() + "): "
                + expected.orloj().message(), shown.orloj());
        assertEquals(expected.exposure().isPresent(), shown.exposed());
        assertTrue(shown.exposure().startsWith(expected.exposure().orElse("none")), shown.exposure());
        assertEquals(expected.missing().size(), shown.missing().size());
        assertEquals(expected.trace().stream().map(t -> new TraceLine(t.side(), t.check(), t.result(),
                t.source().map(s -> new TraceLink(s.file().path(), s.line(), s.column())))).toList(), shown.trace());
    }

    @Test
    void theSelectionFollowsItsCellThroughFiltersAndTheExplanationStays() {
        show();
        GridCell cell = viewModel.cellOf("billing-agent", "order-lookup").orElseThrow();
        viewModel.select(cell.row(), cell.column());

        viewModel.searchProperty().set("order");
        assertEquals(viewModel.cellOf("billing-agent", "order-lookup"), viewModel.selectionProperty().get());

        viewModel.searchProperty().set("kb-search");
        assertEquals(Optional.empty(), viewModel.selectionProperty().get());
        assertTrue(viewModel.explanationProperty().get().isPresent());
    }

    @Test
    void reloadMarksExactlyTheCellsWhoseDecisionChanged(@TempDir Path temp) throws IOException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        viewModel.show(SampleWorkspaces.validate(copy).workspace());
        Files.delete(copy.resolve("tool-permissions/order-lookup-read-only.yaml"));
        Workspace edited = SampleWorkspaces.validate(copy).workspace();

        viewModel.show(edited);

        AccessMatrix after = AccessMatrix.tools(DecisionEngine.compile(edited), Context.of(NAMESPACE));
        List<String> expected = new ArrayList<>();
        for (String agent : after.agents()) {
            for (String tool : after.columns()) {
                Answer now = cell(after, agent, tool);
                Answer then = cell(tools, agent, tool);
                if (now.strict().verdict() != then.strict().verdict() || now.strict().reason() != then.strict().reason()
                        || now.orloj().verdict() != then.orloj().verdict() || now.orloj().reason() != then.orloj().reason()
                        || !now.exposure().equals(then.exposure())) {
                    expected.add(agent + " × " + tool);
                }
            }
        }
        expected.sort(Comparator.naturalOrder());
        GridModel grid = viewModel.gridProperty().get();
        List<String> changed = new ArrayList<>();
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(); c++) {
                if (grid.changed(r, c)) {
                    changed.add(grid.rowName(r) + " × " + grid.columnName(c));
                }
            }
        }
        changed.sort(Comparator.naturalOrder());
        assertFalse(expected.isEmpty(), "deleting the F8 rule must change billing-agent × order-lookup");
        assertEquals(expected, changed);
        assertTrue(viewModel.summaryProperty().get().endsWith(expected.size() + " changed"), viewModel.summaryProperty().get());
    }

    @Test
    void exportedCsvHasTheBytesOfTheCoresReport(@TempDir Path temp) throws IOException {
        show();
        viewModel.onlyExposuresProperty().set(true);
        Path target = temp.resolve("matrix.csv");

        viewModel.exportCsv(target);

        assertArrayEquals(DecisionReport.matrixCsv(tools).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals("Exported " + tools.agents().size() * tools.columns().size() + " cells to " + target, viewModel.statusProperty().get());
        assertEquals(List.of("matrix.csv"), Files.list(temp).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void anExportThatCannotBeWrittenSaysSoAndKeepsWhatWasThere(@TempDir Path temp) throws IOException {
        show();
        Path blocked = temp.resolve("blocked");
        Files.writeString(blocked, "a file where the export's folder should be");

        viewModel.exportCsv(blocked.resolve("matrix.csv"));

        assertTrue(viewModel.statusProperty().get().startsWith("Could not export matrix.csv: "), viewModel.statusProperty().get());
        assertEquals("a file where the export's folder should be", Files.readString(blocked));
    }

    private void show() {
        viewModel.show(governed);
        viewModel.namespaceProperty().set(NAMESPACE);
    }

    static String summary(AccessMatrix m, String columns) {
        Map<Verdict, Integer> counts = m.strictCounts();
        return m.agents().size() + " agents × " + m.columns().size() + " " + columns + ": " + counts.get(Verdict.ALLOW) + " allow, "
                + counts.get(Verdict.APPROVAL_REQUIRED) + " approval required, " + counts.get(Verdict.DENY) + " deny, "
                + m.exposureCount() + " exposures";
    }

    static Answer cell(AccessMatrix m, String agent, String column) {
        return m.cell(m.agents().indexOf(agent), m.columns().indexOf(column));
    }

    /** Agent and column of every exposed cell. */
    static List<String[]> exposedCells(AccessMatrix m) {
        List<String[]> out = new ArrayList<>();
        for (String agent : m.agents()) {
            for (String column : m.columns()) {
                if (cell(m, agent, column).exposure().isPresent()) {
                    out.add(new String[] {agent, column});
                }
            }
        }
        return out;
    }

    static long exposedShown(GridModel grid) {
        return IntStream.range(0, grid.rowCount()).mapToLong(r -> IntStream.range(0, grid.columnCount()).filter(c -> grid.exposed(r, c)).count()).sum();
    }

    static List<String> rows(GridModel grid) {
        return IntStream.range(0, grid.rowCount()).mapToObj(grid::rowName).toList();
    }

    static List<String> columns(GridModel grid) {
        return IntStream.range(0, grid.columnCount()).mapToObj(grid::columnName).toList();
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
