package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.DialogService;
import dev.gatehouse.ui.common.DialogService.UnsavedChoice;
import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.editor.SourceEditor;
import dev.gatehouse.ui.matrix.GridModel;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing in the window: typing is validated and decided live, saving writes, closing asks. */
@ExtendWith(ApplicationExtension.class)
class EditingTest {
    private static final String FAQ = "agents/faq-agent.yaml";

    @TempDir
    Path temp;

    private FxTaskRunner runner;
    private WorkspaceViewModel viewModel;
    private WorkspaceView view;
    private final AtomicReference<UnsavedChoice> answer = new AtomicReference<>(UnsavedChoice.CANCEL);
    private Path workspace;
    private final AtomicReference<String> typedName = new AtomicReference<>();
    private final List<String> informed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        Theme theme = Theme.primerLight();
        theme.install();
        runner = new FxTaskRunner();
        viewModel = new WorkspaceViewModel(runner, LastWorkspace.inMemory());
        DialogService dialogs = new DialogService() {
            @Override
            public UnsavedChoice askUnsaved(String what) {
                return answer.get();
            }

            @Override
            public boolean askReloadChanged(String what) {
                return false;
            }

            @Override
            public java.util.Optional<String> askText(String title, String prompt, String initial) {
                return java.util.Optional.ofNullable(typedName.get());
            }

            @Override
            public void inform(String message) {
                informed.add(message);
            }
        };
        view = new WorkspaceView(viewModel, dialogs);
        Scene scene = new Scene(view.root(), 1280, 800);
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        runner.close();
    }

    @BeforeEach
    void openCopy(FxRobot robot) throws IOException, TimeoutException {
        workspace = SampleWorkspaces.copy(SampleWorkspaces.governed(), temp.resolve("governed"));
        int revision = viewModel.revisionProperty().get();
        robot.interact(() -> viewModel.open(workspace));
        await(() -> viewModel.revisionProperty().get() > revision && !viewModel.loadingProperty().get());
    }

    @Test
    void typingAnErrorUnderlinesItAndListsItThenFixingItClearsBoth(FxRobot robot) throws Exception {
        String onDisk = Files.readString(workspace.resolve(FAQ));
        CodeArea area = openAt(robot, FAQ, 11);
        int end = area.getParagraphLength(10);
        robot.interact(() -> area.moveTo(10, end));

        robot.write("x");

        await(() -> hasProblem("GH301", FAQ, 11));
        // `model_ref: openai-gpt-4ox`: the value is underlined as an error, the key is not.
        await(() -> area.getStyleOfChar(10, 14).contains("squiggle-error"));
        assertFalse(area.getStyleOfChar(10, 3).contains("squiggle"));
        assertEquals("● faq-agent.yaml", tabs(robot).getSelectionModel().getSelectedItem().getText());
        assertEquals(onDisk, Files.readString(workspace.resolve(FAQ)), "typing writes nothing");

        robot.type(KeyCode.BACK_SPACE);

        await(() -> !hasProblem("GH301", FAQ, 11));
        await(() -> !area.getStyleOfChar(10, 14).contains("squiggle"));
        assertEquals("faq-agent.yaml", tabs(robot).getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void ctrlOneOnAnAgentWithoutModelRefOffersEachEndpointOfItsNamespaceAndTheFixClearsTheError(FxRobot robot) throws Exception {
        String draft = "agents/draft-agent.yaml";
        String text = """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: draft-agent
                  namespace: custops
                spec:
                  # answers from the knowledge base
                  tools:
                    - kb-search
                """;
        Files.writeString(workspace.resolve(draft), text);
        int revision = viewModel.revisionProperty().get();
        robot.interact(() -> viewModel.open(workspace));
        await(() -> viewModel.revisionProperty().get() > revision && !viewModel.loadingProperty().get());
        assertTrue(hasProblem("GH203", draft, 8));
        CodeArea area = openAt(robot, draft, 8);
        robot.interact(() -> area.moveTo(7, 4));

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);

        await(() -> robot.lookup("Quick fix: write `model_ref: openai-gpt-4o`").tryQuery().isPresent());
        assertTrue(robot.lookup("Quick fix: write `model_ref: anthropic-claude`").tryQuery().isPresent(), "one fix per endpoint of custops");
        robot.clickOn("Quick fix: write `model_ref: openai-gpt-4o`");

        assertEquals(text.replace("spec:\n", "spec:\n  model_ref: openai-gpt-4o\n"), area.getText());
        await(() -> viewModel.problems().stream().noneMatch(p -> p.code().equals("GH203") && p.file().equals(draft)));
        await(() -> !area.getStyleOfChar(8, 4).contains("squiggle"));
        assertEquals("● draft-agent.yaml", tabs(robot).getSelectionModel().getSelectedItem().getText());
        assertEquals(text, Files.readString(workspace.resolve(draft)), "the fix is an unsaved edit");
    }

    @Test
    void saveWritesTheTextAndClearsTheUnsavedMark(FxRobot robot) throws Exception {
        String onDisk = Files.readString(workspace.resolve(FAQ));
        CodeArea area = openAt(robot, FAQ, 1);
        robot.interact(() -> area.moveTo(0));
        robot.write("# reviewed\n");

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);

        await(() -> Files.readString(workspace.resolve(FAQ)).equals("# reviewed\n" + onDisk));
        await(() -> tabs(robot).getSelectionModel().getSelectedItem().getText().equals("faq-agent.yaml"));
        await(() -> ((Label) robot.lookup("#status-message").query()).getText().equals("Saved " + FAQ));
        assertFalse(viewModel.hasUnsaved());
    }

    @Test
    void anUnsavedGrantTurnsTheCellAllowedAndMarksItChanged(FxRobot robot) throws Exception {
        GridModel before = viewModel.matrix().gridProperty().get();
        int row = before.rowOf("billing-agent").orElseThrow();
        int column = before.columnOf("order-lookup").orElseThrow();
        assertEquals("DENY", before.verdict(row, column).name());
        CodeArea area = openAt(robot, "roles/billing-specialist.yaml", 10);
        robot.interact(() -> area.moveTo(9, area.getParagraphLength(9)));

        robot.write("\n    - tool:order-lookup:invoke");

        await(() -> {
            GridModel now = viewModel.matrix().gridProperty().get();
            int r = now.rowOf("billing-agent").orElse(-1);
            int c = now.columnOf("order-lookup").orElse(-1);
            return r >= 0 && c >= 0 && now.verdict(r, c).name().equals("ALLOW") && now.changed(r, c);
        });
        assertTrue(viewModel.hasUnsaved(), "the what-if is not saved");
        assertFalse(Files.readString(workspace.resolve("roles/billing-specialist.yaml")).contains("order-lookup"));
    }

    @Test
    void closingATabWithUnsavedChangesAsksAndKeepsItOnCancel(FxRobot robot) throws Exception {
        CodeArea area = openAt(robot, FAQ, 1);
        robot.interact(() -> area.moveTo(0));
        robot.write("# draft\n");
        await(viewModel::hasUnsaved);

        answer.set(UnsavedChoice.CANCEL);
        robot.interact(() -> view.tabs().closeSelected());
        assertEquals(1, tabs(robot).getTabs().size());
        assertEquals("# draft\n", area.getText().substring(0, 8));

        answer.set(UnsavedChoice.DISCARD);
        robot.interact(() -> view.tabs().closeSelected());
        assertEquals(List.of(), tabs(robot).getTabs());
        await(() -> !viewModel.hasUnsaved());
        assertFalse(Files.readString(workspace.resolve(FAQ)).startsWith("# draft"));
    }

    @Test
    void aFileChangedOnDiskShowsItsNewTextAndAskedKeepsUnsavedEdits(FxRobot robot) throws Exception {
        robot.interact(viewModel::watchDisk);
        CodeArea area = openAt(robot, FAQ, 1);
        String changed = "# changed by another program\n" + Files.readString(workspace.resolve(FAQ));

        Files.writeString(workspace.resolve(FAQ), changed);

        await(() -> area.getText().equals(changed));
        robot.interact(() -> area.moveTo(0));
        robot.write("# mine\n");
        await(viewModel::hasUnsaved);
        Files.writeString(workspace.resolve(FAQ), "# again\n" + changed);
        await(() -> viewModel.document(FAQ).orElseThrow().diskText().startsWith("# again"));
        WaitForAsyncUtils.waitForFxEvents();
        // The dialog answered "keep my changes": the edits stay, still unsaved against the new text on disk.
        assertEquals("# mine\n" + changed, area.getText());
        assertEquals("● faq-agent.yaml", tabs(robot).getSelectionModel().getSelectedItem().getText());
        robot.interact(viewModel::stopWatching);
    }

    @Test
    void ctrlFFindsInTheFileAndCtrlShiftFAcrossFiles(FxRobot robot) throws Exception {
        CodeArea area = openAt(robot, FAQ, 1);
        robot.interact(() -> area.moveTo(0));

        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("kb-search");

        await(() -> "kb-search".equals(area.getSelectedText()));
        assertEquals(0, area.getCurrentParagraph(), "the first match, in the opening comment");
        assertEquals("1 of 2", ((Label) robot.lookup("#find-count").query()).getText());
        robot.type(KeyCode.ENTER);
        await(() -> area.getCurrentParagraph() == 15);
        assertEquals("2 of 2", ((Label) robot.lookup("#find-count").query()).getText());

        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.F).release(KeyCode.SHIFT, KeyCode.CONTROL);
        robot.type(KeyCode.ENTER);

        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<SearchHit> results = robot.lookup("#search-results").queryAs(javafx.scene.control.ListView.class);
        await(() -> !results.getItems().isEmpty());
        List<String> files = results.getItems().stream().map(SearchHit::file).distinct().toList();
        assertEquals(List.of("agents/faq-agent.yaml", "agents/support-agent.yaml", "agents/triage-agent.json",
                "roles/support-reader.yaml", "scenarios/faq-agent-without-roles.yaml", "scenarios/ticket-48213.yaml",
                "tools/kb-search.yaml"), files);
    }

    @Test
    void ctrlSpaceCompletesAToolNameFromTheWorkspace(FxRobot robot) throws Exception {
        CodeArea area = openAt(robot, FAQ, 16);
        robot.interact(() -> area.moveTo(15, area.getParagraphLength(15)));
        robot.write("\n    - ord");

        robot.press(KeyCode.CONTROL).type(KeyCode.SPACE).release(KeyCode.CONTROL);
        await(() -> robot.lookup(".context-menu .menu-item").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Labeled) n.lookup(".label")).getText().startsWith("order-lookup")));
        robot.clickOn((javafx.scene.Node) robot.lookup(".context-menu .menu-item").queryAll().stream()
                .filter(n -> ((javafx.scene.control.Labeled) n.lookup(".label")).getText().startsWith("order-lookup")).findFirst().orElseThrow());

        assertEquals("    - order-lookup", area.getParagraph(16).getText());
    }

    @Test
    void f12OnAModelRefOpensTheModelEndpoint(FxRobot robot) throws Exception {
        CodeArea area = openAt(robot, FAQ, 11);
        robot.interact(() -> area.moveTo(10, 15));

        robot.type(KeyCode.F12);

        await(() -> tabs(robot).getSelectionModel().getSelectedItem().getText().equals("openai-gpt-4o.yaml"));
        CodeArea model = robot.lookup("#editor-models-openai-gpt-4o-yaml").queryAs(CodeArea.class);
        assertEquals("  name: openai-gpt-4o", model.getParagraph(model.getCurrentParagraph()).getText());
    }

    @Test
    void f2RenamesInEveryFileScenariosIncludedAsUnsavedEditsThatSaveAllWrites(FxRobot robot) throws Exception {
        CodeArea role = openAt(robot, "roles/support-reader.yaml", 4);
        robot.interact(() -> role.moveTo(3, 10));
        typedName.set("support-viewer");

        robot.type(KeyCode.F2);

        await(() -> role.getText().contains("name: support-viewer\n"));
        await(() -> robot.lookup("#editor-agents-support-agent-yaml").tryQuery().isPresent());
        CodeArea agent = robot.lookup("#editor-agents-support-agent-yaml").queryAs(CodeArea.class);
        assertEquals("    - support-viewer", agent.getParagraph(14).getText());
        assertEquals(List.of(), informed);
        assertFalse(Files.readString(workspace.resolve("agents/support-agent.yaml")).contains("support-viewer"), "not saved yet");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);

        await(() -> Files.readString(workspace.resolve("agents/support-agent.yaml")).contains("    - support-viewer\n")
                && Files.readString(workspace.resolve("roles/support-reader.yaml")).contains("name: support-viewer\n")
                && Files.readString(workspace.resolve("agents/triage-agent.json")).contains("support-viewer"));
        await(() -> !viewModel.hasUnsaved());

        // Scenario files name tools too: renaming one rewrites them, unsaved like the manifests, and Save All writes them.
        String scenarioFile = "scenarios/faq-agent-without-roles.yaml";
        String scenarioOnDisk = Files.readString(workspace.resolve(scenarioFile));
        CodeArea tool = openAt(robot, "tools/kb-search.yaml", 4);
        robot.interact(() -> tool.moveTo(3, 10));
        typedName.set("knowledge-search");

        robot.type(KeyCode.F2);

        await(() -> robot.lookup("#" + SourceEditor.idFor(scenarioFile)).tryQuery().isPresent());
        CodeArea scenario = robot.lookup("#" + SourceEditor.idFor(scenarioFile)).queryAs(CodeArea.class);
        String renamed = scenarioOnDisk.replace("    kb-search:\n", "    knowledge-search:\n").replace("tool: kb-search\n", "tool: knowledge-search\n")
                .replace("      - kb-search\n", "      - knowledge-search\n");
        assertEquals(renamed, scenario.getText());
        assertEquals("        tool: knowledge-search", scenario.getParagraph(15).getText());
        assertEquals("# faq-agent has no roles and kb-search no ToolPermission: Orloj allows the call (F1), Gatehouse denies it.",
                scenario.getParagraph(0).getText(), "a comment is not a name");
        assertEquals(scenarioOnDisk, Files.readString(workspace.resolve(scenarioFile)), "not saved yet");
        assertEquals(List.of("rename Tool `kb-search` to `knowledge-search`, not saved yet; to review:\n"
                + "roles/support-reader.yaml:9:7: permission `tool:kb-search:invoke` is not renamed: it is a permission string, not a name; "
                + "`tool:knowledge-search:invoke` would grant the renamed tool"), informed);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);

        await(() -> Files.readString(workspace.resolve(scenarioFile)).equals(renamed)
                && Files.readString(workspace.resolve("scenarios/ticket-48213.yaml")).contains("        tool: knowledge-search\n"));
        await(() -> !viewModel.hasUnsaved());
    }

    @Test
    void theFormBesideTheTextEditsTheFieldAndTheTextShowsIt(FxRobot robot) throws Exception {
        String tool = "tools/kb-search.yaml";
        CodeArea area = openAt(robot, tool, 1);
        await(() -> robot.lookup("#form-field-spec-risk_level").tryQuery().isPresent()
                && "Tool custops/kb-search".equals(((Label) robot.lookup("#form-title").query()).getText()));

        scrollFormTo(robot, "#form-field-spec-risk_level");
        robot.clickOn("#form-field-spec-risk_level");
        robot.clickOn("high");

        await(() -> area.getText().contains("  risk_level: high\n"));
        assertFalse(area.getText().contains("risk_level: low"));
        assertEquals("● kb-search.yaml", tabs(robot).getSelectionModel().getSelectedItem().getText());
        robot.clickOn(area);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await(() -> area.getText().equals(Files.readString(workspace.resolve(tool))));
    }

    @Test
    void namesTheWorkspaceResolvesAreColouredListItemsIncluded(FxRobot robot) throws Exception {
        CodeArea area = openAt(robot, "agents/support-agent.yaml", 15);

        // `    - support-reader` (line 15) names a role: a list item, which the line colours cannot know.
        await(() -> area.getStyleOfChar(14, 8).contains("yaml-reference"));
        assertTrue(area.getStyleOfChar(17, 8).contains("yaml-reference"), "`- kb-search` under tools");
        assertFalse(area.getStyleOfChar(10, 8).contains("yaml-reference"), "prompt text names nothing");
    }

    private CodeArea openAt(FxRobot robot, String path, int line) throws TimeoutException {
        robot.interact(() -> view.open(new SourceLocation(path, line, 1)));
        await(() -> robot.lookup("#" + SourceEditor.idFor(path)).tryQuery().isPresent());
        CodeArea area = robot.lookup("#" + SourceEditor.idFor(path)).queryAs(CodeArea.class);
        robot.clickOn(area);
        return area;
    }

    private boolean hasProblem(String code, String file, int line) {
        return viewModel.problems().stream().anyMatch(p -> p.code().equals(code) && p.file().equals(file) && p.line() == line);
    }

    /** Turns the mouse wheel over the form, as a user would, until the field of {@code query} is wholly in sight. */
    private static void scrollFormTo(FxRobot robot, String query) {
        Node field = robot.lookup(query).query();
        ScrollPane scroll = robot.lookup("#form-scroll").queryAs(ScrollPane.class);
        for (int turn = 0; turn < 40 && !inSight(scroll, field); turn++) {
            // TestFX's UP moves the content up, bringing what lies below into sight.
            robot.moveTo(scroll).scroll(1, VerticalDirection.UP);
        }
        assertTrue(inSight(scroll, field), query + " is not in sight after scrolling the form");
    }

    private static boolean inSight(ScrollPane scroll, Node node) {
        Bounds viewport = scroll.localToScreen(scroll.getBoundsInLocal());
        Bounds bounds = node.localToScreen(node.getBoundsInLocal());
        return viewport.contains(bounds.getMinX(), bounds.getMinY()) && viewport.contains(bounds.getMaxX(), bounds.getMaxY());
    }

    private static TabPane tabs(FxRobot robot) {
        return robot.lookup("#source-tabs").queryAs(TabPane.class);
    }

    /** Waits, reading on the FX thread, until the condition holds: validation runs off it, after the debounce. */
    private static void await(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
