package dev.gatehouse.ui.workspace;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.common.StyleClasses;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The problems pane: severity, code, file, line, message; every column sorts. Rows come in the report's order;
 * the table sorts a {@link SortedList} over them, so sorting never reorders the view-model's list.
 */
final class ProblemsTable {
    private final TableView<ProblemRow> table = new TableView<>();

    ProblemsTable(ObservableList<ProblemRow> rows, ObservableValue<String> noRowsMessage, Consumer<SourceLocation> open) {
        table.setId("problems-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        SortedList<ProblemRow> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<ProblemRow, FindingLevel> level = column("problems-severity", "Severity", 96, ProblemRow::level);
        level.setCellFactory(c -> new LevelCell());
        TableColumn<ProblemRow, Integer> line = column("problems-line", "Line", 64, ProblemRow::line);
        line.getStyleClass().add("number-column");
        table.getColumns().add(level);
        table.getColumns().add(column("problems-code", "Code", 80, ProblemRow::code));
        table.getColumns().add(column("problems-file", "File", 320, ProblemRow::file));
        table.getColumns().add(line);
        table.getColumns().add(column("problems-message", "Message", 600, ProblemRow::message));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        Label placeholder = new Label();
        placeholder.setId("problems-placeholder");
        placeholder.getStyleClass().add("empty-message");
        placeholder.textProperty().bind(noRowsMessage);
        table.setPlaceholder(placeholder);
        table.setRowFactory(t -> row(open));
        table.setOnKeyPressed(event -> {
            ProblemRow selected = table.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                open.accept(selected.location());
            }
        });
    }

    TableView<ProblemRow> node() {
        return table;
    }

    private static <T> TableColumn<ProblemRow, T> column(String id, String title, double width, Function<ProblemRow, T> value) {
        TableColumn<ProblemRow, T> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** A row opens its finding on double-click and explains it (with the help, if any) in a tooltip. */
    private static TableRow<ProblemRow> row(Consumer<SourceLocation> open) {
        TableRow<ProblemRow> row = new TableRow<>() {
            @Override
            protected void updateItem(ProblemRow item, boolean empty) {
                super.updateItem(item, empty);
                setTooltip(empty || item == null ? null
                        : new Tooltip(item.message() + item.help().map(h -> "\nhelp: " + h).orElse("")));
            }
        };
        row.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                open.accept(row.getItem().location());
            }
        });
        return row;
    }

    /** "error", "warning" or "info" beside a dot in its colour. */
    private static final class LevelCell extends TableCell<ProblemRow, FindingLevel> {
        private final Region dot = new Region();

        LevelCell() {
            dot.getStyleClass().add("level-dot");
        }

        @Override
        protected void updateItem(FindingLevel level, boolean empty) {
            super.updateItem(level, empty);
            StyleClasses.onlyOfPrefix(getStyleClass(), "level-", empty || level == null ? null : level.styleClass());
            if (empty || level == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(level.label());
            setGraphic(dot);
        }
    }
}
