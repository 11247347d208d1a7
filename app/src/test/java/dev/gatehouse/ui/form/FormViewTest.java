package dev.gatehouse.ui.form;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.ReadLimits;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.editor.SourceDocument;
import dev.gatehouse.ui.editor.SourceEditor;
import dev.gatehouse.ui.editor.SourceTabs;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The form beside an editor, wired as the window will wire it: edits go into the editor, typed text comes back. */
@ExtendWith(ApplicationExtension.class)
class FormViewTest {
    private static final String TOOL = "tools/close-account.yaml";
    private static final String AGENT = "agents/support-agent.yaml";
    /** The form's column in a small window, beside the text and the matrix. */
    private static final double NARROW = 320;

    private FxTaskRunner runner;
    private FormViewModel viewModel;
    private SourceTabs tabs;
    private Workspace workspace;
    private FormView form;

    @Start
    void start(Stage stage) throws IOException {
        Theme theme = Theme.primerLight();
        theme.install();
        Path root = SampleWorkspaces.governed();
        workspace = new WorkspaceReader().read(ScenarioFiles.split(new WorkspaceFiles(ReadLimits.DEFAULT, root)
                .readAll(List.of(root))).manifests());
        runner = new FxTaskRunner();
        viewModel = new FormViewModel(runner);
        // The editor hands each pause in typing to its owner; the form reads that text, as the window will feed it.
        tabs = new SourceTabs(new SourceTabs.Owner() {
            @Override
            public void edited(String path, String text) {
                viewModel.show(path, text, editor().area().getCaretPosition(), workspace);
            }

            @Override
            public void save(String path, String text, Runnable done) {
                done.run();
            }

            @Override
            public boolean saveNow(String path, String text) {
                return true;
            }

            @Override
            public void discarded(String path) {
            }
        }, dev.gatehouse.ui.common.DialogService.answering(dev.gatehouse.ui.common.DialogService.UnsavedChoice.DISCARD, true));
        form = new FormView(viewModel, change -> editor().area().replaceText(change.start(), change.end(), change.replacement()));
        HBox.setHgrow(tabs.node(), Priority.ALWAYS);
        form.node().setMinWidth(420);
        Scene scene = new Scene(new HBox(tabs.node(), form.node()), 1100, 800);
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        runner.close();
    }

    private SourceEditor editor() {
        return tabs.selectedProperty().get().orElseThrow();
    }

    private CodeArea open(FxRobot robot, String path) throws IOException, TimeoutException {
        String text = Files.readString(SampleWorkspaces.governed().resolve(path));
        robot.interact(() -> {
            tabs.show(new SourceDocument(path, Path.of("/ws").resolve(path), text, List.of()), 1, 1);
            viewModel.show(path, text, 0, workspace);
        });
        await(() -> viewModel.formProperty().get().path().equals(path));
        return editor().area();
    }

    @Test
    void choosingARiskLevelEditsThatLineAndCtrlZTakesItBackInOneStep(FxRobot robot) throws Exception {
        CodeArea area = open(robot, TOOL);
        String before = area.getText();

        robot.clickOn("#form-field-spec-risk_level");
        robot.clickOn("critical");

        String after = before.replace("  risk_level: high\n", "  risk_level: critical\n");
        await(() -> area.getText().equals(after));
        await(() -> "critical".equals(choice(robot, "#form-field-spec-risk_level").getValue()));

        robot.clickOn(area);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);

        assertEquals(before, area.getText());
        await(() -> "high".equals(choice(robot, "#form-field-spec-risk_level").getValue()));
    }

    @Test
    void typingInTheEditorChangesTheValueInTheForm(FxRobot robot) throws Exception {
        CodeArea area = open(robot, TOOL);
        int at = area.getText().indexOf("high");

        robot.clickOn(area);
        robot.interact(() -> area.selectRange(at, at + "high".length()));
        robot.write("medium");

        await(() -> "medium".equals(choice(robot, "#form-field-spec-risk_level").getValue()));
        assertEquals("Tool custops/close-account", robot.lookup("#form-title").queryAs(Label.class).getText());
    }

    @Test
    void typingKeepsTheControlsOfTheFieldsItDoesNotChange(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        javafx.scene.Node tools = robot.lookup("#form-field-spec-tools").query();
        javafx.scene.Node modelRef = robot.lookup("#form-field-spec-model_ref").query();
        int at = area.getText().indexOf("model_ref: ") + "model_ref: ".length();

        robot.interact(() -> area.insertText(at, "x"));

        await(() -> robot.lookup("#form-field-spec-model_ref").query() != modelRef);
        assertSame(tools, robot.lookup("#form-field-spec-tools").query(), "the tools row did not change");
        assertTrue(((ComboBox<?>) robot.lookup("#form-field-spec-model_ref").query()).getValue().toString().startsWith("x"));
        // The rows are still in the form's order.
        List<String> ids = ((javafx.scene.layout.GridPane) robot.lookup("#form-grid").query()).getChildren().stream()
                .map(javafx.scene.Node::getId).filter(java.util.Objects::nonNull).toList();
        assertTrue(ids.indexOf("form-field-spec-model_ref") < ids.indexOf("form-field-spec-tools"), ids.toString());
    }

    @Test
    void removingAToolAndAddingARoleEditTheirLines(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        String before = area.getText();

        robot.clickOn("#form-remove-spec-tools-1");
        String removed = before.replace("    - order-lookup\n", "");
        await(() -> area.getText().equals(removed));
        await(() -> robot.lookup("#form-item-spec-tools-1").queryAs(Label.class).getText().equals("crm-update"));

        robot.clickOn("#form-add-spec-roles");
        robot.write("account-manager");
        robot.clickOn("#form-add-button-spec-roles");

        String added = removed.replace("    - support-writer\n", "    - support-writer\n    - account-manager\n");
        await(() -> area.getText().equals(added));
        await(() -> robot.lookup("#form-item-spec-roles-2").tryQuery().map(n -> ((Label) n).getText()).orElse("").equals("account-manager"));
    }

    @Test
    void addingAnOperationRuleWritesADenyingRuleAndRemoveTakesItBack(FxRobot robot) throws Exception {
        CodeArea area = open(robot, "tool-permissions/crm-update.yaml");
        String before = area.getText();

        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(1));
        robot.clickOn("#form-add-button-spec-operation_rules");

        await(() -> area.getText().equals(before + "    - operation_class: read\n      verdict: deny\n"));
        await(() -> robot.lookup("#form-remove-spec-operation_rules-3").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(1));
        robot.clickOn("#form-remove-spec-operation_rules-3");

        await(() -> area.getText().equals(before));
    }

    @Test
    void aBadNumberIsRefusedWithItsReasonAndTheTextStays(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        String before = area.getText();

        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(1));
        robot.doubleClickOn("#form-field-spec-limits-max_steps");
        robot.write("ten").type(KeyCode.ENTER);

        await(() -> robot.lookup("#form-message").queryAs(Label.class).getText().equals("`ten` is not a whole number"));
        assertEquals(before, area.getText());
    }

    @Test
    void aJsonManifestIsEditedThroughTheFormInJson(FxRobot robot) throws Exception {
        CodeArea area = open(robot, "agents/triage-agent.json");
        String before = area.getText();

        assertEquals(false, robot.lookup("#form-placeholder").queryAs(Label.class).isVisible());
        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(1));
        robot.doubleClickOn("#form-field-spec-limits-max_steps");
        robot.write("9").type(KeyCode.ENTER);

        await(() -> area.getText().equals(before.replace("\"max_steps\": 6", "\"max_steps\": 9")));
    }

    @Test
    void aLabelIsTypedInAddedEditedAndRemoved(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        String before = area.getText();

        robot.clickOn("#form-add-key-metadata-labels").write("tier");
        robot.clickOn("#form-add-value-metadata-labels").write("gold");
        robot.clickOn("#form-add-button-metadata-labels");
        String added = before.replace("    team: support\n", "    team: support\n    tier: gold\n");
        await(() -> area.getText().equals(added));
        await(() -> robot.lookup("#form-key-metadata-labels-1").tryQuery().map(n -> ((TextField) n).getText()).orElse("").equals("tier"));

        robot.doubleClickOn("#form-value-metadata-labels-0").write("ops").type(KeyCode.ENTER);
        String edited = added.replace("    team: support\n", "    team: ops\n");
        await(() -> area.getText().equals(edited));

        robot.doubleClickOn("#form-key-metadata-labels-1").write("level").type(KeyCode.ENTER);
        String renamed = edited.replace("    tier: gold\n", "    level: gold\n");
        await(() -> area.getText().equals(renamed));

        robot.clickOn("#form-remove-metadata-labels-0");
        await(() -> area.getText().equals(renamed.replace("    team: ops\n", "")));
    }

    @Test
    void aKeyThatCannotBeWrittenAlikeIsRefusedAndTheTextStays(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        String before = area.getText();

        robot.clickOn("#form-add-key-metadata-labels").write("app: x");
        robot.clickOn("#form-add-value-metadata-labels").write("y").type(KeyCode.ENTER);

        await(() -> robot.lookup("#form-message").queryAs(Label.class).getText().startsWith("`app: x` cannot be written as a key"));
        assertEquals(before, area.getText());
    }

    @Test
    void thePromptIsTypedAsLinesAndWrittenAsABlockOnCtrlEnter(FxRobot robot) throws Exception {
        CodeArea area = open(robot, AGENT);
        String before = area.getText();

        robot.clickOn("#form-field-spec-prompt");
        robot.interact(() -> robot.lookup("#form-field-spec-prompt").queryAs(TextArea.class).selectAll());
        robot.write("Resolve tickets.").type(KeyCode.ENTER).write("Reply: by email.");
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);

        String after = before.replace("    You resolve customer support tickets.\n    Use the knowledge base and the order history, keep the CRM record up to date,\n"
                + "    and reply to the customer by email.\n", "    Resolve tickets.\n    Reply: by email.\n");
        await(() -> area.getText().equals(after));
        await(() -> robot.lookup("#form-field-spec-prompt").queryAs(TextArea.class).getText().equals("Resolve tickets.\nReply: by email."));

        robot.clickOn(area);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(before, area.getText());
    }

    @Test
    void aGraphNodeAndItsEdgeArePickedFromTheSystemsAgents(FxRobot robot) throws Exception {
        CodeArea area = open(robot, "systems/customer-ops-system.yaml");
        String before = area.getText();

        assertEquals(List.of("support-agent", "billing-agent", "account-agent"), choice(robot, "#form-add-spec-graph").getItems());
        robot.interact(() -> choice(robot, "#form-add-spec-graph").setValue("support-agent"));
        robot.clickOn("#form-add-button-spec-graph");
        await(() -> area.getText().equals(before + "    support-agent:\n"));

        await(() -> robot.lookup("#form-add-spec-graph-support-agent-edges").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(1));
        assertEquals(List.of("triage-agent", "support-agent", "billing-agent", "account-agent"),
                choice(robot, "#form-add-spec-graph-support-agent-edges").getItems());
        robot.interact(() -> choice(robot, "#form-add-spec-graph-support-agent-edges").setValue("account-agent"));
        robot.clickOn("#form-add-button-spec-graph-support-agent-edges");
        await(() -> area.getText().equals(before + "    support-agent:\n      edges:\n        - to: account-agent\n"));

        robot.interact(() -> robot.lookup("#form-scroll").queryAs(ScrollPane.class).setVvalue(0.5));
        robot.clickOn("#form-remove-spec-graph-triage-agent-edges-0");
        await(() -> area.getText().equals(before.replace("        - to: support-agent\n", "") + "    support-agent:\n      edges:\n        - to: account-agent\n"));
    }

    @Test
    void aMapAListAndThePromptLieUnderTheirLabelsAcrossTheForm(FxRobot robot) throws Exception {
        open(robot, AGENT);
        Node scalar = robot.lookup("#form-field-spec-model_ref").query();

        for (String key : List.of("metadata-labels", "spec-prompt", "spec-tools", "spec-roles")) {
            Bounds label = inScene(robot.lookup("#form-label-" + key).query());
            Bounds editor = inScene(robot.lookup("#form-field-" + key).query());
            assertTrue(editor.getMinY() > label.getMaxY(), key + ": editor at " + editor + ", its label at " + label);
            assertTrue(editor.getMinX() < inScene(scalar).getMinX(), key + " lies in the column of the scalars' editors: " + editor);
            assertTrue(editor.getMaxX() >= inScene(scalar).getMaxX() - 1, key + " stops short of the scalars' right edge: " + editor);
        }
    }

    @Test
    void aScalarFieldKeepsItsLabelBesideItsEditor(FxRobot robot) throws Exception {
        open(robot, AGENT);

        for (String key : List.of("metadata-name", "spec-model_ref", "spec-limits-max_steps")) {
            Bounds label = inScene(robot.lookup("#form-label-" + key).query());
            Bounds editor = inScene(robot.lookup("#form-field-" + key).query());
            double middle = (label.getMinY() + label.getMaxY()) / 2;
            assertTrue(editor.getMinY() <= middle && middle <= editor.getMaxY(), key + ": editor at " + editor + ", its label at " + label);
            assertTrue(label.getMaxX() <= editor.getMinX(), key + ": editor at " + editor + ", its label at " + label);
        }
    }

    @Test
    void inANarrowFormNothingReachesPastItsRightEdge(FxRobot robot) throws Exception {
        setFormWidth(robot, NARROW);
        // A resource of each kind.
        for (String path : List.of(AGENT, TOOL, "tool-permissions/crm-update.yaml", "systems/customer-ops-system.yaml", "tasks/ticket-48213.yaml",
                "models/anthropic-claude.yaml", "policies/customer-ops-guardrails.yaml", "roles/account-manager.yaml", "secrets/anthropic-api-key.yaml")) {
            open(robot, path);
            assertFitsAcross(robot);
        }
    }

    @Test
    void aMapsKeysAndValuesShareTheirLinesAndStayReadableInANarrowForm(FxRobot robot) throws Exception {
        open(robot, AGENT);
        List<String> keys = List.of("#form-key-metadata-labels-0", "#form-add-key-metadata-labels");

        setFormWidth(robot, 700);
        for (String id : keys) {
            TextField key = robot.lookup(id).queryAs(TextField.class);
            assertTrue(key.getWidth() > key.prefWidth(-1) + 1, id + " stays " + key.getWidth() + " wide in a wide form");
            assertFillsItsLine(key, robot.lookup(id.replace("-key-", "-value-")).queryAs(TextField.class));
        }

        setFormWidth(robot, NARROW);
        for (String id : keys) {
            TextField key = robot.lookup(id).queryAs(TextField.class);
            TextField value = robot.lookup(id.replace("-key-", "-value-")).queryAs(TextField.class);
            double em = key.getFont().getSize();
            assertTrue(key.getWidth() >= 6 * em - 0.5, id + " is " + key.getWidth() + " wide, under 6em of " + em);
            assertTrue(value.getWidth() >= 6 * em - 0.5, value.getId() + " is " + value.getWidth() + " wide, under 6em of " + em);
            assertFillsItsLine(key, value);
        }
    }

    /** Key and value take all of their line but its button. */
    private static void assertFillsItsLine(TextField key, TextField value) {
        HBox line = (HBox) key.getParent();
        double button = ((Region) line.getChildren().get(2)).getWidth();
        assertEquals(line.getWidth() - line.getInsets().getLeft() - line.getInsets().getRight() - 2 * line.getSpacing() - button,
                key.getWidth() + value.getWidth(), 1, key.getId() + ": key and value leave room on their line");
    }

    private void setFormWidth(FxRobot robot, double width) {
        robot.interact(() -> {
            form.node().setMinWidth(width);
            form.node().setMaxWidth(width);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** No control of the form reaches past the form's visible width, so it needs no horizontal scrolling. */
    private static void assertFitsAcross(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane scroll = robot.lookup("#form-scroll").queryAs(ScrollPane.class);
        GridPane grid = robot.lookup("#form-grid").queryAs(GridPane.class);
        String title = robot.lookup("#form-title").queryAs(Label.class).getText();
        double visible = scroll.getViewportBounds().getWidth();
        assertTrue(grid.getWidth() <= visible + 0.5, title + ": the form is " + grid.getWidth() + " wide in " + visible);
        for (Node n : robot.from(grid).lookup((Node c) -> c instanceof Control && c.isVisible()).queryAll()) {
            Bounds b = grid.sceneToLocal(inScene(n));
            assertTrue(b.getMaxX() <= visible + 0.5, title + ": " + (n.getId() == null ? n : n.getId()) + " reaches " + b.getMaxX() + " of " + visible);
        }
    }

    private static Bounds inScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    @SuppressWarnings("unchecked")
    private static ChoiceBox<String> choice(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ChoiceBox.class);
    }

    private static void await(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
