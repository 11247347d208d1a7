package dev.gatehouse.ui.editor;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.Locale;
import java.util.Optional;

/**
 * Ctrl+F: finds text in the selected editor, ignoring case. Enter or ↓ selects the next match (wrapping),
 * Shift+Enter or ↑ the previous one, Escape closes the bar and gives the editor back its focus.
 */
public final class FindBar {
    private final HBox bar = new HBox();
    private final TextField query = new TextField();
    private final Label count = new Label();
    private final ObjectProperty<Optional<SourceEditor>> editor = new SimpleObjectProperty<>(Optional.empty());

    public FindBar() {
        bar.setId("find-bar");
        bar.getStyleClass().add("find-bar");
        query.setId("find-query");
        query.setPromptText("Find in file");
        count.setId("find-count");
        count.getStyleClass().add("find-count");
        Button previous = new Button("↑");
        previous.setId("find-previous");
        previous.setOnAction(e -> find(false));
        Button next = new Button("↓");
        next.setId("find-next");
        next.setOnAction(e -> find(true));
        Button close = new Button("✕");
        close.setId("find-close");
        close.setOnAction(e -> hide());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox.setHgrow(query, Priority.SOMETIMES);
        bar.getChildren().addAll(query, previous, next, count, gap, close);
        query.textProperty().addListener((o, before, now) -> {
            editor.get().ifPresent(e -> e.area().moveTo(Math.max(0, e.area().getSelection().getStart())));
            find(true);
        });
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) {
                find(!e.isShiftDown() && e.getCode() != KeyCode.UP);
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                find(false);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hide();
                e.consume();
            }
        });
        bar.setVisible(false);
        bar.setManaged(false);
    }

    public Node node() {
        return bar;
    }

    /** The editor the bar searches: the selected tab's. */
    public ObjectProperty<Optional<SourceEditor>> editorProperty() {
        return editor;
    }

    /** Shows the bar with the editor's selection (if one line) as the query, and focuses it. */
    public void show() {
        editor.get().map(e -> e.area().getSelectedText()).filter(t -> !t.isEmpty() && !t.contains("\n")).ifPresent(query::setText);
        bar.setVisible(true);
        bar.setManaged(true);
        query.requestFocus();
        query.selectAll();
    }

    public void hide() {
        bar.setVisible(false);
        bar.setManaged(false);
        editor.get().ifPresent(e -> e.area().requestFocus());
    }

    /** Selects the next (or previous) match from the caret, wrapping; says which match of how many it is. */
    void find(boolean forward) {
        Optional<SourceEditor> current = editor.get();
        String q = query.getText().toLowerCase(Locale.ROOT);
        if (current.isEmpty() || q.isEmpty()) {
            count.setText("");
            return;
        }
        var area = current.get().area();
        String text = area.getText().toLowerCase(Locale.ROOT);
        int total = 0;
        for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
            total++;
        }
        if (total == 0) {
            count.setText("no match");
            return;
        }
        int from = forward ? area.getSelection().getEnd() : area.getSelection().getStart() - 1;
        int at = forward ? text.indexOf(q, from) : text.lastIndexOf(q, Math.max(-1, from));
        if (at < 0) {
            at = forward ? text.indexOf(q) : text.lastIndexOf(q);
        }
        area.selectRange(at, at + q.length());
        area.requestFollowCaret();
        int index = 0;
        for (int i = text.indexOf(q); i >= 0 && i <= at; i = text.indexOf(q, i + 1)) {
            index++;
        }
        count.setText(index + " of " + total);
    }
}
