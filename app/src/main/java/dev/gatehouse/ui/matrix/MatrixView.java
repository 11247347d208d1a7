package dev.gatehouse.ui.matrix;

import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The permission matrix beside the editor: scope (namespace, system, task), view filters, the grid with a Tools
 * and a Models tab, counts and legend, and the explanation of the selected cell, whose trace steps open the
 * manifest line that decided them. Binds to {@link MatrixViewModel} and forwards gestures; it decides nothing.
 */
public final class MatrixView {
    private static final PseudoClass EXPOSED = PseudoClass.getPseudoClass("exposed");
    private static final PseudoClass SIDE_EFFECTS = PseudoClass.getPseudoClass("side-effects");

    private final MatrixViewModel viewModel;
    private final Consumer<TraceLink> openSource;
    private final MatrixGrid grid = new MatrixGrid();
    private final VBox root = new VBox();
    private final VBox trace = new VBox();

    /** {@code openSource} opens a workspace file at a line, as the editor does for a problem. */
    public MatrixView(MatrixViewModel viewModel, Consumer<TraceLink> openSource) {
        this.viewModel = viewModel;
        this.openSource = openSource;
        root.setId("matrix-view");
        root.getStyleClass().add("matrix-view");
        SplitPane split = new SplitPane(gridPane(), explainPanel());
        split.setId("matrix-split");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().addAll(header(), filters(), split);
    }

    public Node node() {
        return root;
    }

    private HBox header() {
        Label title = new Label("Permission matrix");
        title.getStyleClass().add("pane-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("matrix-busy");
        busy.getStyleClass().add("matrix-busy");
        busy.visibleProperty().bind(viewModel.computingProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label status = new Label();
        status.setId("matrix-status");
        status.getStyleClass().add("pane-count");
        status.textProperty().bind(viewModel.statusProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        MenuItem csv = new MenuItem("CSV (every cell of the scope)…");
        csv.setId("matrix-export-csv");
        csv.setOnAction(e -> chooseFile("CSV", "csv").ifPresent(file -> viewModel.exportCsv(file.toPath())));
        MenuItem png = new MenuItem("PNG image of the grid…");
        png.setId("matrix-export-png");
        png.setOnAction(e -> chooseFile("PNG", "png").ifPresent(file ->
                viewModel.exportPng(SwingFXUtils.fromFXImage(grid.image(), null), file.toPath())));
        MenuButton export = new MenuButton("Export", null, csv, png);
        export.setId("matrix-export");
        export.disableProperty().bind(viewModel.exportableProperty().not());
        HBox header = new HBox(title, busy, status, grow, export);
        header.getStyleClass().addAll("pane-header", "matrix-header");
        return header;
    }

    /** Scope first (namespace, system, task: a new matrix is decided), then the view filters (instant). */
    private FlowPane filters() {
        ComboBox<String> namespace = choice("matrix-namespace", viewModel.namespaces(), viewModel.namespaceProperty(), "no namespace");
        ComboBox<String> system = choice("matrix-system", viewModel.systems(), viewModel.systemProperty(), "all systems");
        ComboBox<String> task = choice("matrix-task", viewModel.tasks(), viewModel.taskProperty(), "all tasks");
        namespace.setTooltip(new Tooltip("Namespace: its agents are the rows, its tools or models the columns"));
        system.setTooltip(new Tooltip("Decide as calls inside this AgentSystem (only its agents are shown)"));
        task.setTooltip(new Tooltip("Decide as calls inside this Task (only its system's agents are shown)"));
        ComboBox<String> risk = choice("matrix-risk", FXCollections.observableList(MatrixViewModel.RISK_LEVELS),
                viewModel.riskProperty(), "all levels");
        risk.setTooltip(new Tooltip("Only tools of this risk level"));
        risk.disableProperty().bind(viewModel.subjectProperty().isEqualTo(Subject.MODELS));
        CheckBox exposures = new CheckBox("Only exposures");
        exposures.setId("matrix-only-exposures");
        exposures.setTooltip(new Tooltip("Only the agents and columns with a cell where orloj is more permissive than strict"));
        exposures.selectedProperty().bindBidirectional(viewModel.onlyExposuresProperty());
        CheckBox changed = new CheckBox("Only changed");
        changed.setId("matrix-only-changed");
        changed.setTooltip(new Tooltip("Only the agents and columns with a cell whose decision your unsaved edits change"));
        changed.selectedProperty().bindBidirectional(viewModel.onlyChangedProperty());
        TextField search = new TextField();
        search.setId("matrix-search");
        search.setPromptText("Search names");
        search.setTooltip(new Tooltip("Shows the agents, and the tools or models, whose name contains this"));
        search.setPrefColumnCount(12);
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        ChoiceBox<RowOrder> order = new ChoiceBox<>(FXCollections.observableArrayList(RowOrder.values()));
        order.setId("matrix-sort");
        order.setConverter(converter(RowOrder::label, ""));
        order.setTooltip(new Tooltip("Order of the rows; columns are by name"));
        order.valueProperty().bindBidirectional(viewModel.rowOrderProperty());
        FlowPane filters = new FlowPane(label("Namespace", namespace), label("System", system), label("Task", task),
                label("Risk", risk), search, order, exposures, changed);
        filters.setId("matrix-filters");
        filters.getStyleClass().add("matrix-toolbar");
        return filters;
    }

    private VBox gridPane() {
        grid.setId("matrix-grid");
        grid.modelProperty().bind(viewModel.gridProperty());
        grid.selectionProperty().bind(viewModel.selectionProperty());
        grid.setOnCellClicked(cell -> viewModel.select(cell.row(), cell.column()));
        Label placeholder = new Label();
        placeholder.setId("matrix-placeholder");
        placeholder.getStyleClass().add("empty-message");
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.visibleProperty().bind(viewModel.placeholderProperty().isNotEmpty());
        placeholder.setMouseTransparent(true);
        StackPane area = new StackPane(grid, placeholder);
        area.getStyleClass().add("matrix-area");

        Tab tools = new Tab("Tools");
        tools.setId("matrix-tab-tools");
        Tab models = new Tab("Models");
        models.setId("matrix-tab-models");
        TabPane tabs = new TabPane(tools, models);
        tabs.setId("matrix-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // One grid for both tabs: it moves into the selected one, the view-model swaps the matrix it shows.
        tools.setContent(area);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> {
            before.setContent(null);
            now.setContent(area);
            viewModel.subjectProperty().set(now == models ? Subject.MODELS : Subject.TOOLS);
        });
        viewModel.subjectProperty().addListener((o, before, now) ->
                tabs.getSelectionModel().select(now == Subject.MODELS ? models : tools));
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("matrix-summary");
        summary.getStyleClass().add("matrix-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        summary.setWrapText(true);
        VBox pane = new VBox(tabs, legend(), summary);
        pane.setMinHeight(0);
        pane.getStyleClass().add("matrix-grid-pane");
        return pane;
    }

    private FlowPane legend() {
        FlowPane legend = new FlowPane();
        legend.setId("matrix-legend");
        legend.getStyleClass().add("matrix-legend");
        for (CellVerdict verdict : CellVerdict.values()) {
            legend.getChildren().add(swatch(verdict.label().replace('_', ' '), verdict.styleClass(), "strict verdict: " + verdict.label()));
        }
        legend.getChildren().addAll(swatch("exposure", "legend-exposure", "orloj is more permissive than strict"),
                swatch("changed", "legend-changed", "decided differently than before the last reload"));
        return legend;
    }

    private static Label swatch(String text, String styleClass, String tooltip) {
        Region mark = new Region();
        mark.getStyleClass().addAll("legend-swatch", styleClass);
        Label label = new Label(text, mark);
        label.getStyleClass().add("legend-item");
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setTooltip(new Tooltip(tooltip));
        return label;
    }

    // ------------------------------------------------------------------------------------------ explanation

    private final VBox planBox = new VBox();

    private ScrollPane explainPanel() {
        Label placeholder = new Label("Click a cell to see why it is allowed or denied");
        placeholder.setId("explain-placeholder");
        placeholder.getStyleClass().add("empty-message");
        Label title = new Label();
        title.setId("explain-title");
        title.getStyleClass().add("explain-title");
        Label strictBadge = badge("explain-strict-verdict");
        Label orlojBadge = badge("explain-orloj-verdict");
        Label strict = value("explain-strict");
        Label orloj = value("explain-orloj");
        Label reason = value("explain-reason");
        Label exposure = value("explain-exposure");
        Label missing = value("explain-missing");
        GridPane facts = new GridPane();
        facts.setId("explain-facts");
        facts.getStyleClass().add("explain-facts");
        facts.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), growing());
        facts.addRow(0, key("strict"), strictBadge, strict);
        facts.addRow(1, key("orloj"), orlojBadge, orloj);
        facts.add(key("reason"), 0, 2);
        facts.add(reason, 1, 2, 2, 1);
        facts.add(key("exposure"), 0, 3);
        facts.add(exposure, 1, 3, 2, 1);
        facts.add(key("to pass"), 0, 4);
        facts.add(missing, 1, 4, 2, 1);
        Label traceTitle = new Label("Trace");
        traceTitle.getStyleClass().add("explain-section");
        trace.setId("explain-trace");
        trace.getStyleClass().add("explain-trace");
        Button grant = new Button("Grant…");
        grant.setId("explain-grant");
        grant.setTooltip(new Tooltip("Propose the smallest manifest edits that allow this cell, each checked by the engine"));
        grant.setOnAction(e -> viewModel.planSelected());
        Button revoke = new Button("Revoke…");
        revoke.setId("explain-revoke");
        revoke.setTooltip(new Tooltip("Propose the smallest manifest edits that deny this cell, each checked by the engine"));
        revoke.setOnAction(e -> viewModel.planSelected());
        grant.disableProperty().bind(viewModel.planningProperty());
        revoke.disableProperty().bind(viewModel.planningProperty());
        HBox actions = new HBox(grant, revoke);
        actions.getStyleClass().add("explain-actions");
        VBox details = new VBox(title, facts, actions, planBox, traceTitle, trace);
        planBox.setId("plan-panel");
        planBox.getStyleClass().add("plan-panel");
        viewModel.planProperty().addListener((o, before, now) -> showPlan(now));
        showPlan(Optional.empty());
        details.getStyleClass().add("explain-details");

        viewModel.explanationProperty().addListener((o, before, now) -> {
            details.setVisible(now.isPresent());
            placeholder.setVisible(now.isEmpty());
            now.ifPresent(e -> {
                title.setText(e.title());
                verdictBadge(strictBadge, e.strictVerdict());
                verdictBadge(orlojBadge, e.orlojVerdict());
                strict.setText(e.strict());
                orloj.setText(e.orloj());
                reason.setText(e.reason());
                exposure.setText(e.exposure());
                exposure.pseudoClassStateChanged(EXPOSED, e.exposed());
                missing.setText(e.missing().isEmpty() ? "nothing: it is allowed" : String.join("\n", e.missing()));
                boolean allowed = e.strictVerdict() == CellVerdict.ALLOW;
                grant.setVisible(!allowed);
                grant.setManaged(!allowed);
                revoke.setVisible(allowed || e.strictVerdict() == CellVerdict.APPROVAL_REQUIRED);
                revoke.setManaged(revoke.isVisible());
                showTrace(e);
            });
        });
        details.setVisible(false);
        StackPane content = new StackPane(placeholder, details);
        content.getStyleClass().add("explain-content");
        ScrollPane panel = new ScrollPane(content);
        panel.setId("explain-panel");
        panel.getStyleClass().add("explain-panel");
        panel.setFitToWidth(true);
        return panel;
    }

    /** The proposals of "Grant…"/"Revoke…": what each does, its side effects, its diff, and a button to apply it. */
    private void showPlan(Optional<PlanView> plan) {
        planBox.getChildren().clear();
        planBox.setVisible(plan.isPresent());
        planBox.setManaged(plan.isPresent());
        if (plan.isEmpty()) {
            return;
        }
        PlanView p = plan.get();
        Label heading = new Label(p.heading());
        heading.setId("plan-heading");
        heading.getStyleClass().add("explain-section");
        Label summary = new Label(p.summary());
        summary.setId("plan-summary");
        summary.setWrapText(true);
        Button close = new Button("Close");
        close.setId("plan-close");
        close.setOnAction(e -> viewModel.closePlan());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        planBox.getChildren().addAll(new HBox(heading, gap, close), summary);
        for (String note : p.notes()) {
            Label n = new Label("note: " + note);
            n.setWrapText(true);
            n.getStyleClass().add("plan-note");
            planBox.getChildren().add(n);
        }
        for (ProposalView proposal : p.proposals()) {
            Label title = new Label((proposal.index() + 1) + ". " + proposal.title());
            title.getStyleClass().add("plan-title");
            title.setWrapText(true);
            VBox box = new VBox(title);
            box.setId("plan-proposal-" + proposal.index());
            box.getStyleClass().add("plan-proposal");
            box.pseudoClassStateChanged(SIDE_EFFECTS, !proposal.sideEffects().isEmpty());
            proposal.steps().forEach(step -> box.getChildren().add(wrapped("• " + step, "plan-step")));
            box.getChildren().add(wrapped(!proposal.reaches() ? "does not reach the intended verdict"
                    : proposal.sideEffects().isEmpty() ? "changes no other cell" : "side effects:", "plan-effects"));
            proposal.sideEffects().forEach(x -> box.getChildren().add(wrapped("  " + x, "plan-effect")));
            proposal.newFindings().forEach(f -> box.getChildren().add(wrapped("new finding: " + f, "plan-effect")));
            TextArea diff = new TextArea(proposal.diff());
            diff.setId("plan-diff-" + proposal.index());
            diff.setEditable(false);
            diff.getStyleClass().add("plan-diff");
            diff.setPrefRowCount(Math.min(14, (int) proposal.diff().lines().count() + 1));
            Button apply = new Button("Apply");
            apply.setId("plan-apply-" + proposal.index());
            apply.getStyleClass().add(proposal.reaches() && proposal.sideEffects().isEmpty() ? "accent" : "plan-apply");
            apply.setOnAction(e -> viewModel.applyProposal(proposal.index()));
            box.getChildren().addAll(diff, apply);
            planBox.getChildren().add(box);
        }
    }

    private static Label wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private void showTrace(Explanation e) {
        trace.getChildren().clear();
        for (int i = 0; i < e.trace().size(); i++) {
            TraceLine line = e.trace().get(i);
            Label side = new Label(line.side());
            side.getStyleClass().addAll("trace-side", "trace-" + line.side());
            Label check = new Label(line.check());
            check.getStyleClass().add("trace-check");
            Label result = new Label(line.result());
            result.getStyleClass().add("trace-result");
            result.setWrapText(true);
            VBox text = new VBox(check, result);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(side, text);
            row.getStyleClass().add("trace-step");
            int index = i;
            line.source().ifPresent(link -> {
                Hyperlink open = new Hyperlink(link.label().substring(link.label().lastIndexOf('/') + 1));
                open.setMinWidth(Region.USE_PREF_SIZE);
                open.setId("trace-link-" + index);
                open.getStyleClass().add("trace-link");
                open.setTooltip(new Tooltip("Open " + link.label()));
                open.setUserData(link);
                open.setOnAction(event -> {
                    open.setVisited(false);
                    openSource.accept(link);
                });
                row.getChildren().add(open);
            });
            trace.getChildren().add(row);
        }
    }

    // ------------------------------------------------------------------------------------------------ pieces

    private static ComboBox<String> choice(String id, ObservableList<String> items, ObjectProperty<String> value, String anyLabel) {
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setConverter(converter(s -> s, anyLabel));
        box.valueProperty().bindBidirectional(value);
        box.setVisibleRowCount(16);
        return box;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text, String anyLabel) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                if (value == null) {
                    return anyLabel;
                }
                String shown = text.apply(value);
                return shown.isEmpty() ? anyLabel : shown;
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }

    private static HBox label(String text, Node control) {
        Label label = new Label(text);
        label.setLabelFor(control);
        HBox box = new HBox(label, control);
        box.getStyleClass().add("matrix-field");
        return box;
    }

    private static Label key(String text) {
        Label key = new Label(text);
        key.getStyleClass().add("explain-key");
        key.setMinWidth(Region.USE_PREF_SIZE);
        return key;
    }

    private static Label value(String id) {
        Label value = new Label();
        value.setId(id);
        value.getStyleClass().add("explain-value");
        value.setWrapText(true);
        return value;
    }

    private static Label badge(String id) {
        Label badge = new Label();
        badge.setId(id);
        badge.getStyleClass().add("verdict-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    private static void verdictBadge(Label badge, CellVerdict verdict) {
        badge.setText(verdict.label().replace('_', ' '));
        for (CellVerdict v : CellVerdict.values()) {
            badge.getStyleClass().remove(v.styleClass());
        }
        badge.getStyleClass().add(verdict.styleClass());
    }

    private static ColumnConstraints growing() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        return c;
    }

    private Optional<File> chooseFile(String kind, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the matrix as " + kind);
        chooser.setInitialFileName(viewModel.exportName(extension));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind + " files", "*." + extension));
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        return Optional.ofNullable(chooser.showSaveDialog(owner));
    }
}
