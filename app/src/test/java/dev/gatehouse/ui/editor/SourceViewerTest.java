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

@ExtendWith(ApplicationExtension.class)
class SourceViewerTest {
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

        CodeArea area = robot.lookup("#viewer-agents-faq-agent-yaml").queryAs(CodeArea.class);
        assertEquals(5, area.getCurrentParagraph());
        assertEquals(4, area.getCaretColumn());
        assertEquals(List.of(SourceViewer.REVEALED_LINE), List.copyOf(area.getParagraph(5).getParagraphStyle()));
        assertEquals(TEXT, area.getText());
        assertEquals("faq-agent.yaml", tabs.node().getSelectionModel().getSelectedItem().getText());
    }

    @Test
    void revealingAnotherLineMovesTheTintAndReusesTheTab(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 6, 1));
        robot.interact(() -> tabs.show(FAQ, 3, 1));

        CodeArea area = robot.lookup("#viewer-agents-faq-agent-yaml").queryAs(CodeArea.class);
        assertEquals(1, tabs.node().getTabs().size());
        assertEquals(2, area.getCurrentParagraph());
        assertEquals(List.of(), List.copyOf(area.getParagraph(5).getParagraphStyle()));
        assertEquals(List.of(SourceViewer.REVEALED_LINE), List.copyOf(area.getParagraph(2).getParagraphStyle()));
    }

    @Test
    void typingDoesNotChangeTheFile(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));
        CodeArea area = robot.lookup("#viewer-agents-faq-agent-yaml").queryAs(CodeArea.class);

        robot.clickOn(area).write("oops").type(KeyCode.BACK_SPACE, KeyCode.DELETE, KeyCode.ENTER);

        assertFalse(area.isEditable());
        assertEquals(TEXT, area.getText());
    }

    @Test
    void theGutterMarksLinesWithFindings(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));

        List<String> marked = robot.lookup("#viewer-agents-faq-agent-yaml .gutter-mark.level-warning").queryAll().stream()
                .map(mark -> ((Label) ((HBox) mark.getParent()).getChildren().get(0)).getText().strip())
                .toList();
        assertEquals(List.of("6"), marked);
    }

    @Test
    void refreshClosesTabsWhoseFileIsGone(FxRobot robot) {
        robot.interact(() -> tabs.show(FAQ, 1, 1));

        robot.interact(() -> tabs.refresh(path -> Optional.empty()));

        assertEquals(List.of(), tabs.node().getTabs());
    }
}
