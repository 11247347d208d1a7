package dev.gatehouse.ui.form;

import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The form of the resource at the caret, to show beside its text: one row per field of its kind, each with the
 * control its {@link FieldEditor} names. Every change goes out through {@code onChange} as an {@link EditorChange}
 * for the editor to apply as one undoable edit; the form itself never writes the text.
 *
 * <p>Use: {@code FormView form = new FormView(viewModel, change -> editor.area().replaceText(change.start(),
 * change.end(), change.replacement()));} put {@link #node()} beside the editor and feed the view-model
 * ({@link FormViewModel#show}) the editor's text, caret and the workspace.
 *
 * <p>A form of its own rather than ControlsFX's {@code PropertySheet}: a sheet edits bean properties through
 * {@code Item.setValue}, which would have to write the text and re-read it behind the sheet's back, it has no
 * editor for a list with add and remove, gives its editors no ids (tests and accessibility need one per field),
 * and cannot refuse a value with a reason. A {@code GridPane} updated row by row from each {@link Form} does all that in
 * little code. A scalar field has its label and control on one line of the grid; a map, a list, a block of text and a
 * heading's buttons lie under their label across the form's width, which a narrow form column needs for a key and
 * its value, a picker and its button.
 *
 * <p>Ids: {@code #form-title}, {@code #form-placeholder}, {@code #form-message}, {@code #form-scroll}, {@code #form-grid}; per field
 * {@link FormField#id()} ({@code #form-field-spec-risk_level}) and its label {@code #form-label-<key>}; for a list
 * also {@code #form-item-<key>-<i>} (an item), {@code #form-remove-<key>-<i>}, {@code #form-add-<key>} (the picker or
 * text field) and {@code #form-add-button-<key>}, where {@code <key>} is {@link FormField#key()}; a list of objects has
 * {@code #form-add-button-<key>} and each of its entries {@code #form-remove-<key>} ({@code #form-remove-spec-operation_rules-1});
 * a map has per entry {@code #form-key-<key>-<i>}, {@code #form-value-<key>-<i>} and {@code #form-remove-<key>-<i>}, then
 * {@code #form-add-key-<key>}, {@code #form-add-value-<key>} and {@code #form-add-button-<key>}; a graph has
 * {@code #form-add-<key>} (a choice of agents) and {@code #form-add-button-<key>}, each of its nodes {@code #form-remove-<key>}.
 * A text of several lines is a text area, written when it loses the focus or on Ctrl+Enter.
 */
public final class FormView {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final FormViewModel viewModel;
    private final Consumer<EditorChange> onChange;
    private final VBox root = new VBox();
    private final Label title = new Label();
    private final Label placeholder = new Label();
    private final Label message = new Label();
    private final GridPane grid = new GridPane();
    /** The rows on screen, in order; a row whose field is unchanged in the next form is kept as it is. */
    private List<Row> rows = List.of();

    /**
     * The nodes of one field's row (label, control), whether the control lies under the label, and whether they
     * are still shown: a handler of controls of an earlier form (losing focus as they go) does nothing.
     */
    private static final class Row {
        final FormField field;
        final List<Node> nodes = new ArrayList<>();
        final boolean stacked;
        boolean current = true;

        Row(FormField field) {
            this.field = field;
            this.stacked = underLabel(field.editor());
        }
    }

    /**
     * Whether a field's control lies under its label across the form: one that needs the width (a map's key and
     * value, a list's or a graph's picker, a block of text), and a heading's button, whose bold label beside it would
     * widen the label column of every field.
     */
    private static boolean underLabel(FieldEditor editor) {
        return switch (editor) {
            case MAP, LIST, TEXT_BLOCK, ENTRIES, ENTRY, NODES, NODE -> true;
            case TEXT, INTEGER, DURATION, CHOICE, REFERENCE, CHECK, SECTION, READ_ONLY -> false;
        };
    }

    public FormView(FormViewModel viewModel, Consumer<EditorChange> onChange) {
        this.viewModel = viewModel;
        this.onChange = onChange;
        root.setId("form-view");
        root.getStyleClass().add("form-view");
        title.setId("form-title");
        title.getStyleClass().add("form-title");
        placeholder.setId("form-placeholder");
        placeholder.getStyleClass().add("form-placeholder");
        placeholder.setWrapText(true);
        message.setId("form-message");
        message.getStyleClass().add("form-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        grid.setId("form-grid");
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, controls);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setId("form-scroll");
        scroll.getStyleClass().add("form-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().addAll(title, placeholder, message, scroll);
        viewModel.formProperty().addListener((o, before, now) -> show(now));
        show(viewModel.formProperty().get());
    }

    public Region node() {
        return root;
    }

    /**
     * Shows a form: rows whose field is the same as in the form shown keep their controls (a keystroke in the
     * text changes one or two fields, and each control costs CSS and layout: a picker holds every tool's name);
     * the others are built anew, in place.
     */
    private void show(Form form) {
        Optional<String> focused = focusedId();
        int caret = root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl t ? t.getCaretPosition() : -1;
        title.setText(form.title());
        placeholder.setText(form.placeholder().orElse(""));
        placeholder.setVisible(form.placeholder().isPresent());
        placeholder.setManaged(form.placeholder().isPresent());
        Map<FormField, java.util.ArrayDeque<Row>> before = new HashMap<>();
        for (Row r : rows) {
            before.computeIfAbsent(r.field, k -> new java.util.ArrayDeque<>()).add(r);
        }
        List<Row> next = new ArrayList<>(form.fields().size());
        for (FormField f : form.fields()) {
            java.util.ArrayDeque<Row> same = before.get(f);
            next.add(same != null && !same.isEmpty() ? same.poll() : null);
        }
        // Kept rows must stay in the order they are in on screen, or the grid's children (focus order) would not follow the rows.
        int last = -1;
        boolean inOrder = true;
        for (Row r : next) {
            if (r != null) {
                int at = rows.indexOf(r);
                inOrder &= at > last;
                last = at;
            }
        }
        if (!inOrder) {
            java.util.Collections.fill(next, null);
        }
        java.util.Set<Row> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        next.stream().filter(java.util.Objects::nonNull).forEach(kept::add);
        for (Row r : rows) {
            if (!kept.contains(r)) {
                r.current = false;
                grid.getChildren().removeAll(r.nodes);
            }
        }
        int child = 0;
        int line = 0;
        for (int i = 0; i < next.size(); i++) {
            Row r = next.get(i);
            if (r == null) {
                r = row(form.fields().get(i));
                next.set(i, r);
                grid.getChildren().addAll(child, r.nodes);
            }
            // A stacked row's label and control take a grid line each; otherwise they share one.
            for (int at = 0; at < r.nodes.size(); at++) {
                GridPane.setRowIndex(r.nodes.get(at), r.stacked ? line + at : line);
            }
            line += r.stacked ? r.nodes.size() : 1;
            child += r.nodes.size();
        }
        rows = next;
        // A kept control keeps the focus itself; a rebuilt one takes it over, caret and all.
        Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
        focused.map(id -> grid.lookup("#" + id)).filter(n -> !within(owner, n)).ifPresent(n -> {
            n.requestFocus();
            if (n instanceof TextInputControl t && caret >= 0) {
                t.positionCaret(Math.min(caret, t.getLength()));
            }
        });
    }

    /**
     * The label and control of one field, with their grid columns: side by side, or both across the form when the
     * control lies {@link #underLabel under it} (the grid lines are set by {@link #show}).
     */
    private Row row(FormField f) {
        Row row = new Row(f);
        Label label = new Label(f.label());
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.getStyleClass().addAll(f.editor() == FieldEditor.SECTION ? "form-section" : "form-label", "form-depth-" + Math.min(f.depth(), 4));
        if (!f.note().isEmpty()) {
            label.setTooltip(new Tooltip(f.note()));
        }
        if (f.editor() == FieldEditor.SECTION) {
            label.setId("form-section-" + f.key());
            GridPane.setConstraints(label, 0, 0, 2, 1);
            row.nodes.add(label);
            return row;
        }
        Node control;
        if (f.editor() == FieldEditor.ENTRIES || f.editor() == FieldEditor.ENTRY || f.editor() == FieldEditor.NODE
                || f.editor() == FieldEditor.NODES) {
            label.getStyleClass().setAll("form-section", "form-depth-" + Math.min(f.depth(), 4));
            label.setId("form-section-" + f.key());
            control = f.editor() == FieldEditor.NODES ? nodes(f, row) : entryButton(f, row);
        } else {
            label.setId("form-label-" + f.key());
            control = control(f, row);
            if (control instanceof Control c && !f.note().isEmpty()) {
                c.setTooltip(new Tooltip(f.note()));
            }
        }
        if (row.stacked) {
            GridPane.setConstraints(label, 0, 0, 2, 1);
            GridPane.setConstraints(control, 0, 0, 2, 1);
            // Under its label the control starts where the label's text does, so how deep the field lies still shows.
            label.paddingProperty().addListener((o, was, now) -> GridPane.setMargin(control, new Insets(0, 0, 0, now.getLeft())));
        } else {
            GridPane.setConstraints(label, 0, 0);
            GridPane.setConstraints(control, 1, 0);
        }
        row.nodes.add(label);
        row.nodes.add(control);
        return row;
    }

    /** Whether {@code n} is {@code container} or inside it. */
    private static boolean within(Node n, Node container) {
        for (; n != null; n = n.getParent()) {
            if (n == container) {
                return true;
            }
        }
        return false;
    }

    /** The id of the form control that has the focus (or holds the node that has it), so a rebuilt form keeps it. */
    private Optional<String> focusedId() {
        if (root.getScene() == null) {
            return Optional.empty();
        }
        for (Node n = root.getScene().getFocusOwner(); n != null; n = n.getParent()) {
            if (n.getId() != null && n.getId().startsWith("form-") && n != grid && n != root) {
                return Optional.of(n.getId());
            }
        }
        return Optional.empty();
    }

    private Node control(FormField f, Row mine) {
        return switch (f.editor()) {
            case TEXT, INTEGER, DURATION -> {
                TextField field = new TextField(f.value());
                field.getStyleClass().add("form-text");
                field.textProperty().addListener((o, before, now) -> field.pseudoClassStateChanged(INVALID, viewModel.problem(f, now).isPresent()));
                field.setOnAction(e -> commit(mine, () -> viewModel.set(f, field.getText())));
                field.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(mine, () -> viewModel.set(f, field.getText()));
                    }
                });
                yield editable(f, field);
            }
            case REFERENCE -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(f.choices());
                box.setEditable(true);
                box.setValue(f.value());
                box.getStyleClass().add("form-reference");
                box.setMaxWidth(Double.MAX_VALUE);
                box.setOnAction(e -> commit(mine, () -> viewModel.set(f, Optional.ofNullable(box.getValue()).orElse(""))));
                yield editable(f, box);
            }
            case CHOICE -> {
                ChoiceBox<String> box = new ChoiceBox<>();
                box.getItems().add("");
                box.getItems().addAll(f.choices());
                box.setConverter(unsetAs("(not set)"));
                box.setValue(f.value());
                box.getStyleClass().add("form-choice");
                box.valueProperty().addListener((o, before, now) -> commit(mine, () -> viewModel.set(f, now == null ? "" : now)));
                yield editable(f, box);
            }
            case CHECK -> {
                CheckBox box = new CheckBox();
                box.setSelected(f.value().equals("true"));
                box.getStyleClass().add("form-check");
                box.setOnAction(e -> commit(mine, () -> viewModel.set(f, box.isSelected() ? "true" : "false")));
                yield editable(f, box);
            }
            case TEXT_BLOCK -> {
                TextArea area = new TextArea(f.value());
                area.setWrapText(true);
                area.setPrefRowCount(Math.max(3, Math.min(12, (int) f.value().lines().count() + 1)));
                area.getStyleClass().add("form-text-block");
                area.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(mine, () -> viewModel.set(f, area.getText()));
                    }
                });
                area.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                        e.consume();
                        commit(mine, () -> viewModel.set(f, area.getText()));
                    }
                });
                yield editable(f, area);
            }
            case LIST -> list(f, mine);
            case MAP -> map(f, mine);
            case SECTION, ENTRIES, ENTRY, NODES, NODE, READ_ONLY -> {
                Label value = new Label(f.value());
                value.setId(f.id());
                value.getStyleClass().add("form-read-only");
                value.setWrapText(true);
                yield value;
            }
        };
    }

    /** "Add" under a list of objects, "Remove" on one of them. */
    private Node entryButton(FormField f, Row mine) {
        boolean add = f.editor() == FieldEditor.ENTRIES;
        Button button = new Button(add ? "Add " + singular(f.label()) : "Remove");
        button.setId((add ? "form-add-button-" : "form-remove-") + f.key());
        button.getStyleClass().add(add ? "form-add-button" : "form-remove");
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setDisable(!f.editable());
        button.setOnAction(e -> commit(mine, () -> add ? viewModel.addEntry(f) : viewModel.removeEntry(f)));
        HBox line = new HBox(button);
        line.getStyleClass().add("form-list-line");
        return line;
    }

    /** A graph's heading: a choice of the system's agents that have no node yet, and a button that adds one. */
    private Node nodes(FormField f, Row mine) {
        ChoiceBox<String> agents = new ChoiceBox<>();
        agents.getItems().setAll(f.choices());
        agents.setId("form-add-" + f.key());
        agents.getStyleClass().add("form-add");
        agents.setDisable(!f.editable() || f.choices().isEmpty());
        grow(agents);
        Button add = new Button("Add node");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setId("form-add-button-" + f.key());
        add.getStyleClass().add("form-add-button");
        add.setDisable(!f.editable() || f.choices().isEmpty());
        add.setOnAction(e -> commit(mine, () -> viewModel.addNode(f, Optional.ofNullable(agents.getValue()).orElse(""))));
        HBox line = new HBox(agents, add);
        line.getStyleClass().add("form-list-line");
        return line;
    }

    /**
     * A map's entries, each a key and a value to edit (written when the field loses the focus or on Enter) and a
     * remove button, then a key and a value to add.
     */
    private Node map(FormField f, Row mine) {
        VBox box = new VBox();
        box.setId(f.id());
        box.getStyleClass().add("form-map");
        for (int i = 0; i < f.entries().size(); i++) {
            int index = i;
            FormField.Entry entry = f.entries().get(i);
            TextField key = new TextField(entry.key());
            key.setId("form-key-" + f.key() + "-" + i);
            key.getStyleClass().add("form-map-key");
            key.setPrefColumnCount(10);
            key.setDisable(!f.editable());
            grow(key);
            key.setOnAction(e -> commit(mine, () -> viewModel.rename(f, index, key.getText())));
            key.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit(mine, () -> viewModel.rename(f, index, key.getText()));
                }
            });
            TextField value = new TextField(entry.value());
            value.setId("form-value-" + f.key() + "-" + i);
            value.getStyleClass().add("form-map-value");
            value.setDisable(!f.editable());
            grow(value);
            value.setOnAction(e -> commit(mine, () -> viewModel.setEntry(f, index, value.getText())));
            value.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit(mine, () -> viewModel.setEntry(f, index, value.getText()));
                }
            });
            Button remove = new Button("\u2715");
            remove.setMinWidth(Region.USE_PREF_SIZE);
            remove.setId("form-remove-" + f.key() + "-" + i);
            remove.getStyleClass().add("form-remove");
            remove.setTooltip(new Tooltip("Remove " + entry.key()));
            remove.setDisable(!f.editable());
            remove.setOnAction(e -> commit(mine, () -> viewModel.removeKey(f, index)));
            HBox line = new HBox(key, value, remove);
            line.getStyleClass().add("form-list-line");
            box.getChildren().add(line);
        }
        TextField key = new TextField();
        key.setPromptText("key");
        key.setId("form-add-key-" + f.key());
        key.getStyleClass().addAll("form-add", "form-map-key");
        key.setPrefColumnCount(10);
        key.setDisable(!f.editable());
        grow(key);
        TextField value = new TextField();
        value.setPromptText("value");
        value.setId("form-add-value-" + f.key());
        value.getStyleClass().addAll("form-add", "form-map-value");
        value.setDisable(!f.editable());
        grow(value);
        Button add = new Button("Add");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setId("form-add-button-" + f.key());
        add.getStyleClass().add("form-add-button");
        add.setDisable(!f.editable());
        add.setOnAction(e -> commit(mine, () -> viewModel.put(f, key.getText(), value.getText())));
        value.setOnAction(e -> commit(mine, () -> viewModel.put(f, key.getText(), value.getText())));
        HBox adder = new HBox(key, value, add);
        adder.getStyleClass().add("form-list-line");
        box.getChildren().add(adder);
        if (!f.editable() && !f.note().isEmpty()) {
            Tooltip.install(box, new Tooltip(f.note()));
        }
        return box;
    }

    /**
     * A control that takes its share of its line's width: a map's key and value grow alike from their preferred
     * widths (the stylesheet's minimum keeps each readable in a narrow form), a list's item or picker takes what its
     * button leaves.
     */
    private static void grow(Region control) {
        control.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(control, Priority.ALWAYS);
    }

    /** {@code operation_rules} → {@code operation rule}: the button's words. */
    private static String singular(String key) {
        String words = key.replace('_', ' ');
        return words.endsWith("s") ? words.substring(0, words.length() - 1) : words;
    }

    /** The items, each with a remove button, then a picker (or a text field) and an add button. */
    private Node list(FormField f, Row mine) {
        VBox box = new VBox();
        box.setId(f.id());
        box.getStyleClass().add("form-list");
        for (int i = 0; i < f.items().size(); i++) {
            int index = i;
            Label item = new Label(f.items().get(i));
            item.setId("form-item-" + f.key() + "-" + i);
            item.getStyleClass().add("form-list-item");
            grow(item);
            Button remove = new Button("\u2715");
            remove.setMinWidth(Region.USE_PREF_SIZE);
            remove.setId("form-remove-" + f.key() + "-" + i);
            remove.getStyleClass().add("form-remove");
            remove.setTooltip(new Tooltip("Remove " + f.items().get(i)));
            remove.setDisable(!f.editable());
            remove.setOnAction(e -> commit(mine, () -> viewModel.remove(f, index)));
            HBox line = new HBox(item, remove);
            line.getStyleClass().add("form-list-line");
            box.getChildren().add(line);
        }
        Control picker;
        java.util.function.Supplier<String> picked;
        if (f.closed()) {
            ChoiceBox<String> choice = new ChoiceBox<>();
            choice.getItems().setAll(f.choices());
            picker = choice;
            picked = () -> Optional.ofNullable(choice.getValue()).orElse("");
        } else if (!f.choices().isEmpty()) {
            ComboBox<String> combo = new ComboBox<>();
            combo.getItems().setAll(f.choices());
            combo.setEditable(true);
            combo.setPromptText("pick or type a value");
            picker = combo;
            picked = () -> {
                String typed = combo.getEditor().getText();
                return typed == null || typed.isBlank() ? Optional.ofNullable(combo.getValue()).orElse("") : typed;
            };
        } else {
            TextField text = new TextField();
            text.setPromptText("type a value");
            picker = text;
            picked = text::getText;
            text.setOnAction(e -> commit(mine, () -> viewModel.add(f, picked.get())));
        }
        picker.setId("form-add-" + f.key());
        picker.getStyleClass().add("form-add");
        grow(picker);
        picker.setDisable(!f.editable());
        Button add = new Button("Add");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setId("form-add-button-" + f.key());
        add.getStyleClass().add("form-add-button");
        add.setDisable(!f.editable());
        add.setOnAction(e -> commit(mine, () -> viewModel.add(f, picked.get())));
        HBox adder = new HBox(picker, add);
        adder.getStyleClass().add("form-list-line");
        box.getChildren().add(adder);
        return box;
    }

    private static Control editable(FormField f, Control c) {
        c.setId(f.id());
        c.setDisable(!f.editable());
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }

    /** Asks the view-model for the edit (unless the control belongs to a form shown before) and hands it on. */
    private void commit(Row row, java.util.function.Supplier<Optional<EditorChange>> edit) {
        if (!row.current) {
            return;
        }
        edit.get().ifPresent(onChange);
    }

    private static StringConverter<String> unsetAs(String shown) {
        return new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? shown : value;
            }

            @Override
            public String fromString(String text) {
                return text.equals(shown) ? "" : text;
            }
        };
    }
}
