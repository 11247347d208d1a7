package dev.gatehouse.ui.editor;

import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.common.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class SourceEditorTest {
    private static final String TEXT = """
            kind: Agent
            metadata:
              name: faq-agent
            spec:
              tools:
                - kb-search
            """;
    private static final SourceDocument FAQ = new SourceDocument("agents/faq-agent.yaml", Path.of("/ws/agents/faq-agent.yaml"),
            TEXT, List.of(new LineMark(6, FindingLevel.WARNING, "GH401: no roles")));

    private SourceTabs tabs;

    @Start
    void start(Stage stage) {
        Theme theme = Theme.primerLight();
        theme.install();
        tabs = new SourceTabs();
        Scene scene = new Scene(tabs.node(), 600, 400);
        theme.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void revealPutsTheCaretOnTheLineAndTintsIt(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 6, 5));

        CodeArea area = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);
        assertEquals(5, area.getCurrentParagraph());
        assertEquals(4, area.getCaretColumn());
        assertEquals(List.of(SourceEditor.REVEALED_LINE), List.copyOf(area.getParagraph(5).getParagraphStyle()));
        assertEquals(TEXT, area.getText());
        assertEquals("faq-agent.yaml", tabs.node().getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void revealingAnotherLineMovesTheTintAndReusesTheTab(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 6, 1));
        robot.interact(() -> tabs.show(FAQ, 3, 1));

        CodeArea area = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);
        assertEquals(1, tabs.node().getTabs().size());
        assertEquals(2, area.getCurrentParagraph());
        assertEquals(List.of(), List.copyOf(area.getParagraph(5).getParagraphStyle()));
        assertEquals(List.of(SourceEditor.REVEALED_LINE), List.copyOf(area.getParagraph(2).getParagraphStyle()));
    }

    @Test
    void typingEditsTheTextMarksTheTabAndWritesNothing(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));
        CodeArea area = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);

        robot.clickOn(area);
        robot.interact(() -> area.moveTo(0));
        robot.write("# ");

        assertTrue(area.isEditable());
        assertEquals("# " + TEXT, area.getText());
        assertEquals("● faq-agent.yaml", tabs.node().getTabs().get(0).getText());
        robot.interact(() -> area.undo());
        assertEquals(TEXT, area.getText());
        assertEquals("faq-agent.yaml", tabs.node().getTabs().get(0).getText());
    }

    @Test
    void aFindingIsUnderlinedOnItsExactSpanAndComesOffWhenItsLineChanges(FxRobot robot) {
        // `kb-search` on line 6, columns 7 to 16: only those characters carry the squiggle.
        SourceDocument marked = new SourceDocument(FAQ.path(), FAQ.file(), TEXT, List.of(new LineMark(6, 7, 6, 16,
                FindingLevel.ERROR, "GH303: unknown tool `kb-search`", Optional.of("did you mean `kb-serch`?"))));
        robot.interact(() -> tabs.show(marked, 1, 1));
        CodeArea area = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);

        assertEquals(List.of(false, false, true, true, false), List.of(squiggled(area, 4, 3), squiggled(area, 5, 5),
                squiggled(area, 5, 6), squiggled(area, 5, 14), squiggled(area, 2, 8)));
        assertTrue(area.getStyleAtPosition(5, 7).contains("squiggle-error"));

        robot.interact(() -> area.insertText(5, 15, "x"));

        assertFalse(squiggled(area, 5, 7));
    }

    @Test
    void aResultForOtherTextDoesNotOverwriteWhatIsBeingTyped(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));
        CodeArea area = robot.lookup("#editor-agents-faq-agent-yaml").queryAs(CodeArea.class);
        robot.interact(() -> area.insertText(0, "# typed\n"));

        // A validation of the text as it was two keystrokes ago arrives late.
        robot.interact(() -> tabs.show(new SourceDocument(FAQ.path(), FAQ.file(), "# ty\n" + TEXT, TEXT, List.of()), 1, 1));

        assertEquals("# typed\n" + TEXT, area.getText());
    }

    @Test
    void theStatusPositionFollowsTheCaret(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 3, 5));

        SourceEditor editor = tabs.selectedProperty().get().orElseThrow();
        assertEquals("Ln 3, Col 5", editor.caretPositionProperty().get());
    }

    @Test
    void ctrlOneOffersTheQuickFixOfTheFindingAtTheCaretAndAppliesItAsOneUndo(FxRobot robot) {
        String flow = "kind: Agent\nspec:\n  roles: [support-reader, billing]\n";
        QuickFix block = new QuickFix("write the list in block style", 3, 10, 3, 35, "\n    - support-reader\n    - billing");
        SourceDocument doc = new SourceDocument("agents/flow.yaml", Path.of("/ws/agents/flow.yaml"), flow, List.of(
                new LineMark(3, 10, 3, 35, FindingLevel.ERROR, "GH502: orloj's reader drops `spec.roles`", Optional.empty(), List.of(block))));
        robot.interact(() -> tabs.show(doc, 3, 12));
        CodeArea area = robot.lookup("#editor-agents-flow-yaml").queryAs(CodeArea.class);
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(2, 12));

        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        robot.clickOn("Quick fix: write the list in block style");

        assertEquals("kind: Agent\nspec:\n  roles: \n    - support-reader\n    - billing\n", area.getText());
        robot.interact(area::undo);
        assertEquals(flow, area.getText());
    }

    @Test
    void aQuickFixComputedOnOtherTextIsRefused(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));
        SourceEditor editor = tabs.selectedProperty().get().orElseThrow();

        boolean applied = editor.apply(new QuickFix("stale", 40, 1, 40, 2, "x"));

        assertFalse(applied);
        assertEquals(TEXT, editor.text());
    }

    /** Whether the character at a 0-based paragraph and column carries a squiggle. */
    private static boolean squiggled(CodeArea area, int paragraph, int column) {
        return area.getStyleOfChar(paragraph, column).contains("squiggle");
    }

    @Test
    void theGutterMarksLinesWithFindings(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));

        List<String> marked = robot.lookup("#editor-agents-faq-agent-yaml .gutter-mark.level-warning").queryAll().stream()
                .map(mark -> ((Label) ((HBox) mark.getParent()).getChildren().get(0)).getText().strip())
                .toList();
        assertEquals(List.of("6"), marked);
    }

    @Test
    void newFindingsMoveTheGutterMarksAndLeaveTheOtherLinesNodes(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));
        javafx.scene.Node line3 = gutterOf(robot, "3");
        SourceDocument moved = new SourceDocument(FAQ.path(), FAQ.file(), TEXT,
                List.of(new LineMark(2, FindingLevel.ERROR, "GH203: something")));

        robot.interact(() -> tabs.refresh(path -> Optional.of(moved)));

        assertEquals(List.of(), marked(robot, "level-warning"));
        assertEquals(List.of("2"), marked(robot, "level-error"));
        assertTrue(line3 == gutterOf(robot, "3"), "a line whose findings did not change keeps its gutter");
    }

    private static List<String> marked(FxRobot robot, String level) {
        return robot.lookup("#editor-agents-faq-agent-yaml .gutter-mark." + level).queryAll().stream()
                .map(mark -> ((Label) ((HBox) mark.getParent()).getChildren().get(0)).getText().strip())
                .toList();
    }

    private static javafx.scene.Node gutterOf(FxRobot robot, String line) {
        return robot.lookup("#editor-agents-faq-agent-yaml .gutter").queryAll().stream()
                .filter(g -> ((Label) ((HBox) g).getChildren().get(0)).getText().strip().equals(line)).findFirst().orElseThrow();
    }

    @Test
    void refreshClosesTabsWhoseFileIsGone(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));

        robot.interact(() -> tabs.refresh(path -> Optional.empty()));

        assertEquals(List.of(), tabs.node().getTabs());
    }
}
