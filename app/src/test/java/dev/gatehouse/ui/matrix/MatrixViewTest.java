package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.engine.TraceStep;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.report.DecisionReport;
import dev.gatehouse.core.source.Span;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.workspace.LastWorkspace;
import dev.gatehouse.ui.workspace.WorkspaceView;
import dev.gatehouse.ui.workspace.WorkspaceViewModel;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.gatehouse.ui.matrix.MatrixViewModelTest.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matrix in the real workspace window, decided by a real worker thread: what a user sees and clicks. Cells
 * are clicked through the grid at the position the view-model's order and the cell size give.
 */
@ExtendWith(ApplicationExtension.class)
class MatrixViewTest {
    private FxTaskRunner runner;
    private WorkspaceViewModel workspace;
    private MatrixViewModel matrix;

    @Start
    void start(Stage stage) {
        Theme theme = Theme.primerLight();
        theme.install();
        runner = new FxTaskRunner();
        workspace = new WorkspaceViewModel(runner, LastWorkspace.inMemory());
        matrix = workspace.matrix();
        Scene scene = new Scene(new WorkspaceView(workspace).root(), 1280, 800);
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        runner.close();
    }

    @Test
    void summaryOfCustopsIsTheCoresCount(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());

        chooseNamespace(robot, NAMESPACE);

        AccessMatrix expected = AccessMatrix.tools(engine(SampleWorkspaces.governed()), Context.of(NAMESPACE));
        assertEquals(MatrixViewModelTest.summary(expected, "tools"), text(robot, "#matrix-summary"));
        long exposures = expected.exposureCount() + AccessMatrix.models(engine(SampleWorkspaces.governed()), Context.of(NAMESPACE)).exposureCount();
        assertEquals(exposures + " exposures in " + NAMESPACE, text(robot, "#status-exposures"));
        assertFalse(robot.lookup("#matrix-placeholder").query().isVisible());
    }

    @Test
    void clickingACellExplainsItAndATraceLinkOpensTheManifestLine(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);

        clickCell(robot, "billing-agent", "order-lookup");

        waitFor(() -> !text(robot, "#explain-reason").isEmpty());
        assertEquals("missing_permission", text(robot, "#explain-reason"));
        assertTrue(text(robot, "#explain-exposure").contains("F8"), text(robot, "#explain-exposure"));
        assertTrue(text(robot, "#explain-strict").startsWith("deny (missing_permission): "), text(robot, "#explain-strict"));
        assertTrue(text(robot, "#explain-orloj").startsWith("allow (rule_grant): "), text(robot, "#explain-orloj"));
        assertTrue(text(robot, "#explain-missing").contains("tool:order_lookup:invoke"), text(robot, "#explain-missing"));

        Span rule = engine(SampleWorkspaces.governed())
                .decideTool("billing-agent", "order-lookup", Context.of(NAMESPACE), new TraceSink.Recording()).trace().stream()
                .map(TraceStep::source).flatMap(Optional::stream)
                .filter(s -> s.file().path().equals("tool-permissions/order-lookup-read-only.yaml")).findFirst().orElseThrow();
        Hyperlink link = robot.lookup("#explain-trace .hyperlink")
                .match((Hyperlink h) -> ((TraceLink) h.getUserData()).file().equals(rule.file().path())).query();
        robot.interact(() -> scrollIntoView(robot.lookup("#explain-panel").queryAs(ScrollPane.class), link));
        robot.clickOn(link);

        TabPane tabs = robot.lookup("#source-tabs").queryAs(TabPane.class);
        assertEquals("order-lookup-read-only.yaml", tabs.getSelectionModel().getSelectedItem().getText());
        CodeArea viewer = robot.lookup("#editor-tool-permissions-order-lookup-read-only-yaml").queryAs(CodeArea.class);
        assertEquals(rule.line() - 1, viewer.getCurrentParagraph());
    }

    @Test
    void onlyExposuresShowsExactlyTheRowsOfTheExposedCells(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);

        robot.clickOn("#matrix-only-exposures");

        AccessMatrix core = AccessMatrix.tools(engine(SampleWorkspaces.governed()), Context.of(NAMESPACE));
        List<String[]> exposed = MatrixViewModelTest.exposedCells(core);
        GridModel shown = grid(robot).modelProperty().get();
        assertEquals(5, exposed.size());
        assertEquals(new ArrayList<>(new TreeSet<>(exposed.stream().map(e -> e[0]).toList())), MatrixViewModelTest.rows(shown));
        assertEquals(5, MatrixViewModelTest.exposedShown(shown));
        assertTrue(text(robot, "#matrix-summary").endsWith("5 exposures"), text(robot, "#matrix-summary"));
    }

    @Test
    void csvExportHasTheBytesOfTheCoresReport(FxRobot robot, @TempDir Path temp) throws TimeoutException, IOException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);
        Path target = temp.resolve(matrix.exportName("csv"));

        robot.interact(() -> matrix.exportCsv(target));

        waitFor(() -> text(robot, "#matrix-status").startsWith("Exported"));
        AccessMatrix expected = AccessMatrix.tools(engine(SampleWorkspaces.governed()), Context.of(NAMESPACE));
        assertArrayEquals(DecisionReport.matrixCsv(expected).getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals("matrix-custops-tools.csv", target.getFileName().toString());
    }

    @Test
    void pngExportWritesTheWholeGridAsAnImage(FxRobot robot, @TempDir Path temp) throws TimeoutException, IOException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);
        Path target = temp.resolve("matrix.png");

        robot.interact(() -> matrix.exportPng(SwingFXUtils.fromFXImage(grid(robot).image(), null), target));

        waitFor(() -> text(robot, "#matrix-status").startsWith("Exported"));
        BufferedImage png = ImageIO.read(target.toFile());
        MatrixGrid grid = grid(robot);
        double size = grid.cellSize();
        GridModel shown = grid.modelProperty().get();
        assertTrue(png.getWidth() >= shown.columnCount() * size && png.getHeight() >= shown.rowCount() * size,
                png.getWidth() + " × " + png.getHeight());
    }

    @Test
    void f5RecomputesTheMatrixAndHighlightsTheCellsThatChanged(FxRobot robot, @TempDir Path temp) throws IOException, TimeoutException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        open(robot, copy);
        chooseNamespace(robot, NAMESPACE);
        Files.delete(copy.resolve("tool-permissions/order-lookup-read-only.yaml"));
        GridModel before = grid(robot).modelProperty().get();

        robot.clickOn("#problems-table").type(KeyCode.F5);
        waitFor(() -> grid(robot).modelProperty().get() != before && !matrix.computingProperty().get());

        GridModel after = grid(robot).modelProperty().get();
        int row = after.rowOf("billing-agent").orElseThrow();
        int column = after.columnOf("order-lookup").orElseThrow();
        assertTrue(after.changed(row, column), after.describe(row, column));
        assertFalse(after.exposed(row, column), after.describe(row, column));
        assertTrue(text(robot, "#matrix-summary").matches(".*, [1-9][0-9]* changed"), text(robot, "#matrix-summary"));
    }

    @Test
    void arrowKeysMoveTheSelectionAndItsExplanation(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);
        clickCell(robot, "billing-agent", "order-lookup");
        GridCell clicked = matrix.selectionProperty().get().orElseThrow();

        robot.type(KeyCode.DOWN);

        GridModel shown = grid(robot).modelProperty().get();
        String below = shown.rowName(clicked.row() + 1);
        waitFor(() -> text(robot, "#explain-title").startsWith(below + " → order-lookup"));
        assertEquals(Optional.of(new GridCell(clicked.row() + 1, clicked.column())), matrix.selectionProperty().get());
    }

    @Test
    void grantingADeniedCellTurnsItAllowedAndNoOtherCellChanges(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());
        chooseNamespace(robot, NAMESPACE);
        java.util.Map<String, CellVerdict> before = verdicts(matrix.gridProperty().get());
        assertEquals(CellVerdict.DENY, before.get("billing-agent → order-lookup"));
        clickCell(robot, "billing-agent", "order-lookup");
        // The button shows once the cell's explanation has arrived (its panel is hidden until then).
        waitFor(() -> text(robot, "#explain-title").startsWith("billing-agent → order-lookup")
                && robot.lookup("#explain-grant").query().isVisible());
        Node grant = robot.lookup("#explain-grant").query();
        robot.interact(() -> scrollIntoView(robot.lookup("#explain-panel").queryAs(ScrollPane.class), grant));

        robot.clickOn(grant);
        waitFor(() -> robot.lookup("#plan-apply-0").tryQuery().isPresent());
        assertTrue(text(robot, "#plan-summary").contains("change no other cell"), text(robot, "#plan-summary"));
        Node apply = robot.lookup("#plan-apply-0").query();
        robot.interact(() -> scrollIntoView(robot.lookup("#explain-panel").queryAs(ScrollPane.class), apply));
        robot.clickOn(apply);

        waitFor(() -> verdicts(matrix.gridProperty().get()).get("billing-agent → order-lookup") == CellVerdict.ALLOW
                && !matrix.computingProperty().get());
        java.util.Map<String, CellVerdict> after = verdicts(matrix.gridProperty().get());
        java.util.Map<String, CellVerdict> expected = new java.util.HashMap<>(before);
        expected.put("billing-agent → order-lookup", CellVerdict.ALLOW);
        assertEquals(expected, after);
        assertTrue(workspace.hasUnsaved(), "the grant is an unsaved edit, for review");
        TabPane tabs = robot.lookup("#source-tabs").queryAs(TabPane.class);
        waitFor(() -> tabs.getTabs().stream().anyMatch(t -> t.getText().startsWith("● ")));
    }

    private static java.util.Map<String, CellVerdict> verdicts(GridModel grid) {
        java.util.Map<String, CellVerdict> out = new java.util.HashMap<>();
        for (int r = 0; r < grid.rowCount(); r++) {
            for (int c = 0; c < grid.columnCount(); c++) {
                out.put(grid.rowName(r) + " → " + grid.columnName(c), grid.verdict(r, c));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void open(FxRobot robot, Path folder) throws TimeoutException {
        int revision = workspace.revisionProperty().get();
        robot.interact(() -> workspace.open(folder));
        waitFor(() -> workspace.revisionProperty().get() > revision && !workspace.loadingProperty().get()
                && !matrix.computingProperty().get() && matrix.gridProperty().get().rowCount() > 0);
    }

    /** Picks a namespace in the combo box as a user does, then waits for its matrix. */
    private void chooseNamespace(FxRobot robot, String namespace) throws TimeoutException {
        robot.clickOn("#matrix-namespace");
        Node item = robot.lookup(".combo-box-popup .list-cell").match((ListCell<String> c) -> namespace.equals(c.getItem())).query();
        robot.clickOn(item);
        waitFor(() -> namespace.equals(matrix.namespaceProperty().get()) && !matrix.computingProperty().get());
    }

    private void clickCell(FxRobot robot, String agent, String column) {
        GridCell cell = matrix.cellOf(agent, column).orElseThrow();
        MatrixGrid grid = grid(robot);
        robot.interact(() -> grid.reveal(cell));
        robot.clickOn(grid.cellCentreOnScreen(cell));
        assertEquals(Optional.of(cell), matrix.selectionProperty().get());
    }

    private static MatrixGrid grid(FxRobot robot) {
        return robot.lookup("#matrix-grid").queryAs(MatrixGrid.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static DecisionEngine engine(Path folder) {
        return DecisionEngine.compile(SampleWorkspaces.validate(folder).workspace());
    }

    /** Scrolls the explanation so a node is in view, as a user would before clicking it. */
    private static void scrollIntoView(ScrollPane pane, Node node) {
        pane.layout();
        Bounds inContent = pane.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double hidden = pane.getContent().getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
        if (hidden > 0) {
            pane.setVvalue(Math.min(1, Math.max(0, (inContent.getMinY() - 20) / hidden)));
        }
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
