package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.report.DiagnosticsReport;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.DialogService;
import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Theme;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window as a user sees it, on the real samples, read by a real worker thread. */
@ExtendWith(ApplicationExtension.class)
class WorkspaceViewTest {
    private FxTaskRunner runner;
    private WorkspaceViewModel viewModel;

    @Start
    void start(Stage stage) {
        Theme theme = Theme.primerLight();
        theme.install();
        runner = new FxTaskRunner();
        viewModel = new WorkspaceViewModel(runner, LastWorkspace.inMemory());
        Scene scene = new Scene(new WorkspaceView(viewModel, DialogService.answering(DialogService.UnsavedChoice.CANCEL, false)).root(), 1280, 800);
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        runner.close();
    }

    @Test
    void anEmptyWindowSaysHowToOpenAWorkspace(FxRobot robot) {
        assertEquals("Open a workspace (Ctrl+O)", robot.lookup("#empty-message").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#empty-message").query().isVisible());
        assertEquals(List.of(), shownProblems(robot));
        assertEquals("No workspace open", robot.lookup("#problems-placeholder").queryAs(Label.class).getText());
        assertEquals("", robot.lookup("#status-summary").queryAs(Label.class).getText());
    }

    @Test
    void problemsTableShowsExactlyTheWorkspacesFindings(FxRobot robot) throws TimeoutException {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.governed());

        open(robot, SampleWorkspaces.governed());

        assertEquals(expected.diagnostics().stream().map(WorkspaceViewTest::shown).toList(), shownProblems(robot));
        assertTrue(shownProblems(robot).contains("warning GH401 agents/faq-agent.yaml:16"), shownProblems(robot).toString());
        assertEquals(String.valueOf(expected.diagnostics().size()), robot.lookup("#problems-count").queryAs(Label.class).getText());
        assertEquals(DiagnosticsReport.summary(expected), robot.lookup("#status-summary").queryAs(Label.class).getText());
        assertEquals(WorkspaceViewModel.OPEN_FILE_HINT, robot.lookup("#empty-message").queryAs(Label.class).getText());
    }

    @Test
    void resourceTreeGroupsToolsByKind(FxRobot robot) throws TimeoutException {
        open(robot, SampleWorkspaces.governed());

        TreeItem<NavigationNode> tools = child(child(tree(robot).getRoot(), "Resources"), "Tool");
        List<String> labels = tools.getChildren().stream().map(i -> i.getValue().label()).toList();
        assertTrue(labels.contains("custops/prod-db-query"), labels.toString());
        assertEquals(SampleWorkspaces.validate(SampleWorkspaces.governed()).workspace().all(Tool.class).size(), labels.size());
    }

    @Test
    void doubleClickingAProblemOpensItsFileAtItsLine(FxRobot robot) throws IOException, TimeoutException {
        Diagnostic gh401 = SampleWorkspaces.validate(SampleWorkspaces.governed()).diagnostics().stream()
                .filter(d -> d.code().name().equals("GH401") && d.span().file().path().equals("agents/faq-agent.yaml"))
                .findFirst().orElseThrow();
        open(robot, SampleWorkspaces.governed());

        robot.doubleClickOn(problemRow(robot, "GH401"));

        Tab selected = awaitSelectedTab(robot, "faq-agent.yaml");
        assertEquals("faq-agent.yaml", selected.getText());
        CodeArea viewer = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);
        assertEquals(gh401.span().line() - 1, viewer.getCurrentParagraph());
        assertEquals(Files.readString(SampleWorkspaces.governed().resolve("agents/faq-agent.yaml")), viewer.getText());
        assertTrue(viewer.isEditable());
        assertFalse(robot.lookup("#empty-message").query().isVisible());
    }

    @Test
    void doubleClickingAResourceOpensItsDocument(FxRobot robot) throws TimeoutException {
        Tool prodDb = SampleWorkspaces.validate(SampleWorkspaces.governed()).workspace().all(Tool.class).stream()
                .filter(t -> t.name().equals("prod-db-query")).findFirst().orElseThrow();
        open(robot, SampleWorkspaces.governed());
        robot.interact(() -> {
            TreeItem<NavigationNode> tools = child(child(tree(robot).getRoot(), "Resources"), "Tool");
            tools.setExpanded(true);
            tree(robot).scrollTo(tree(robot).getRow(child(tools, "custops/prod-db-query")));
        });

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#workspace-tree .tree-cell")
                .match((TreeCell<NavigationNode> c) -> c.getItem() != null && c.getItem().label().equals("custops/prod-db-query")).tryQuery().isPresent());
        Node cell = robot.lookup("#workspace-tree .tree-cell")
                .match((TreeCell<NavigationNode> c) -> c.getItem() != null && c.getItem().label().equals("custops/prod-db-query")).query();
        robot.doubleClickOn(cell);

        Tab selected = awaitSelectedTab(robot, "prod-db-query.yaml");
        assertEquals("prod-db-query.yaml", selected.getText());
        assertEquals(prodDb.meta().span().line() - 1,
                robot.lookup("#editor-tools-prod-db-query-yaml").queryAs(CodeArea.class).getCurrentParagraph());
    }

    @Test
    void mistakesShowErrorsInTheStatusBar(FxRobot robot) throws TimeoutException {
        ValidationResult expected = SampleWorkspaces.validate(SampleWorkspaces.mistakes());

        open(robot, SampleWorkspaces.mistakes());

        Label summary = robot.lookup("#status-summary").queryAs(Label.class);
        assertTrue(expected.hasErrors());
        assertEquals(DiagnosticsReport.summary(expected), summary.getText());
        assertTrue(summary.getText().matches(".*: [1-9][0-9]* errors?, .*"), summary.getText());
        assertTrue(summary.getPseudoClassStates().contains(PseudoClass.getPseudoClass("errors")));
        assertEquals(expected.diagnostics().size(), shownProblems(robot).size());
    }

    @Test
    void f5ReadsTheWorkspaceAgainAndRefreshesOpenFiles(FxRobot robot, @TempDir Path temp) throws IOException, TimeoutException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        open(robot, copy);
        robot.doubleClickOn(problemRow(robot, "GH401"));
        awaitSelectedTab(robot, "faq-agent.yaml");
        Files.delete(copy.resolve("tools/kb-search.yaml"));
        String edited = "# edited while open\n" + Files.readString(copy.resolve("agents/faq-agent.yaml"));
        Files.writeString(copy.resolve("agents/faq-agent.yaml"), edited);
        ValidationResult afterEdit = SampleWorkspaces.validate(copy);
        int revision = viewModel.revisionProperty().get();

        robot.clickOn("#problems-table").type(KeyCode.F5);
        awaitRevision(revision + 1);

        assertEquals(afterEdit.diagnostics().stream().map(WorkspaceViewTest::shown).toList(), shownProblems(robot));
        assertEquals(DiagnosticsReport.summary(afterEdit), robot.lookup("#status-summary").queryAs(Label.class).getText());
        assertEquals(edited, robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class).getText());
    }

    @Test
    void aReadUpdatesTheTreeInPlaceKeepingWhatIsExpanded(FxRobot robot, @TempDir Path temp) throws IOException, TimeoutException {
        Path copy = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        open(robot, copy);
        TreeItem<NavigationNode> tools = child(child(tree(robot).getRoot(), "Resources"), "Tool");
        TreeItem<NavigationNode> roles = child(child(tree(robot).getRoot(), "Resources"), "AgentRole");
        robot.interact(() -> tools.setExpanded(true));
        Files.delete(copy.resolve("tools/kb-search.yaml"));
        int revision = viewModel.revisionProperty().get();

        robot.interact(viewModel::reload);
        awaitRevision(revision + 1);

        assertEquals(viewModel.outlineProperty().get(), shown(tree(robot).getRoot()));
        assertTrue(child(child(tree(robot).getRoot(), "Resources"), "Tool").isExpanded(), "still expanded");
        assertSame(roles, child(child(tree(robot).getRoot(), "Resources"), "AgentRole"), "no role changed: the same item");
    }

    /** The outline the tree's items show. */
    private static NavigationNode shown(TreeItem<NavigationNode> item) {
        NavigationNode n = item.getValue();
        return new NavigationNode(n.type(), n.label(), n.count(), n.problems(), n.worst(), n.target(),
                item.getChildren().stream().map(WorkspaceViewTest::shown).toList());
    }

    private void open(FxRobot robot, Path folder) throws TimeoutException {
        int revision = viewModel.revisionProperty().get();
        robot.interact(() -> viewModel.open(folder));
        awaitRevision(revision + 1);
    }

    private void awaitRevision(int revision) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(() -> viewModel.revisionProperty().get() >= revision && !viewModel.loadingProperty().get()).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The row once the table has laid it out; under load layout can lag the model by a few pulses. */
    private static Node problemRow(FxRobot robot, String code) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#problems-table .table-row-cell")
                .match((TableRow<ProblemRow> r) -> r.getItem() != null && r.getItem().code().equals(code)).tryQuery().isPresent());
        return robot.lookup("#problems-table .table-row-cell")
                .match((TableRow<ProblemRow> r) -> r.getItem() != null && r.getItem().code().equals(code)).query();
    }

    /** The selected tab once it is the expected one (opening a file runs on later pulses). */
    private static Tab awaitSelectedTab(FxRobot robot, String title) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Tab t = tabs(robot).getSelectionModel().getSelectedItem();
            return t != null && t.getText().equals(title);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return tabs(robot).getSelectionModel().getSelectedItem();
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup("#source-tabs").queryAs(TabPane.class);
    }

    /** The table's rows as the cells show them: "severity code file:line". */
    @SuppressWarnings("unchecked")
    private static List<String> shownProblems(FxRobot robot) {
        TableView<ProblemRow> table = robot.lookup("#problems-table").queryAs(TableView.class);
        return IntStream.range(0, table.getItems().size()).mapToObj(i -> cell(table, "problems-severity", i) + " "
                + cell(table, "problems-code", i) + " " + cell(table, "problems-file", i) + ":" + cell(table, "problems-line", i)).toList();
    }

    private static String cell(TableView<ProblemRow> table, String columnId, int row) {
        Object data = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow().getCellData(row);
        return data instanceof FindingLevel level ? level.label() : String.valueOf(data);
    }

    private static String shown(Diagnostic d) {
        return d.severity().wireName() + " " + d.code().name() + " " + d.span().file().path() + ":" + d.span().line();
    }

    @SuppressWarnings("unchecked")
    private static TreeView<NavigationNode> tree(FxRobot robot) {
        return robot.lookup("#workspace-tree").queryAs(TreeView.class);
    }

    private static TreeItem<NavigationNode> child(TreeItem<NavigationNode> parent, String label) {
        return parent.getChildren().stream().filter(i -> i.getValue().label().equals(label)).findFirst().orElseThrow();
    }
}
