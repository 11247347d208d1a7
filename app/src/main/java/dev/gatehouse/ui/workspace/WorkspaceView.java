package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.common.DialogService;
import dev.gatehouse.ui.common.Settings;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.editor.CompletionItem;
import dev.gatehouse.ui.editor.FindBar;
import dev.gatehouse.ui.editor.LanguageActions;
import dev.gatehouse.ui.editor.SourceEditor;
import dev.gatehouse.ui.editor.SourceTabs;
import dev.gatehouse.ui.form.FormView;
import dev.gatehouse.ui.matrix.MatrixView;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The workspace window's content: menu, tree, opened files, problems, status bar. It binds to the view-model
 * and forwards gestures to it; what a gesture means is decided there.
 */
public final class WorkspaceView {
    private static final PseudoClass ERRORS = PseudoClass.getPseudoClass("errors");
    private static final PseudoClass WARNINGS = PseudoClass.getPseudoClass("warnings");

    private final WorkspaceViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final DialogService dialogs;
    private final Settings settings;
    private final SourceTabs tabs;
    private final List<SplitPane> splits = new java.util.ArrayList<>();
    private final FindBar findBar = new FindBar();
    private final TabPane bottom = new TabPane();
    private final TextField searchQuery = new TextField();
    private final Label searchCount = new Label();
    private final ListView<SearchHit> searchResults = new ListView<>();
    private static final int SEARCH_LIMIT = 1000;

    public WorkspaceView(WorkspaceViewModel viewModel) {
        this(viewModel, null);
    }

    /** With the dialogs to ask through; null for JavaFX alerts over this window. Remembers nothing. */
    public WorkspaceView(WorkspaceViewModel viewModel, DialogService dialogs) {
        this(viewModel, dialogs, Settings.inMemory());
    }

    /** With the settings the layout, the theme and the open tabs are remembered in. */
    public WorkspaceView(WorkspaceViewModel viewModel, DialogService dialogs, Settings settings) {
        this.viewModel = viewModel;
        this.settings = settings;
        this.dialogs = dialogs != null ? dialogs
                : DialogService.alerts(() -> Optional.ofNullable(root.getScene()).map(javafx.scene.Scene::getWindow));
        this.tabs = new SourceTabs(new SourceTabs.Owner() {
            @Override
            public void edited(String path, String text) {
                viewModel.edit(path, text);
            }

            @Override
            public void save(String path, String text, Runnable done) {
                viewModel.save(path, text, done);
            }

            @Override
            public boolean saveNow(String path, String text) {
                return viewModel.saveNow(path, text);
            }

            @Override
            public void discarded(String path) {
                viewModel.discard(path);
            }

            @Override
            public LanguageActions language() {
                return languageActions();
            }
        }, this.dialogs);
        root.setId("workspace-view");
        root.setTop(menuBar());
        root.setCenter(besideMatrix(content()));
        root.setBottom(statusBar());
        acceptDroppedFolders();
        viewModel.revisionProperty().addListener((o, before, now) -> {
            tabs.refresh(viewModel::document);
            tabs.selectedProperty().get().ifPresent(e -> viewModel.namesOf(e.document().path(), e::showNames));
        });
        tabs.selectedProperty().addListener((o, before, now) ->
                now.ifPresent(e -> viewModel.namesOf(e.document().path(), e::showNames)));
        viewModel.appliedEditsProperty().addListener((o, before, now) -> showApplied(now));
        viewModel.recoverableProperty().addListener((o, before, left) -> {
            if (left.isEmpty()) {
                return;
            }
            List<String> paths = List.copyOf(left.keySet());
            boolean restore = this.dialogs.askRecover(paths.size() == 1 ? paths.get(0) : paths.size() + " files");
            if (restore) {
                ChangeListener<Number> once = new ChangeListener<>() {
                    @Override
                    public void changed(ObservableValue<? extends Number> r, Number was, Number is) {
                        viewModel.revisionProperty().removeListener(this);
                        paths.forEach(p -> open(new SourceLocation(p, 1, 1)));
                    }
                };
                viewModel.revisionProperty().addListener(once);
            }
            Platform.runLater(() -> viewModel.recover(restore));
        });
        for (SplitPane split : splits) {
            double[] positions = split.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                split.setDividerPosition(i, settings.getDouble("divider:" + split.getId() + ":" + i, positions[i]));
            }
        }
    }

    /**
     * Writes what the next start restores: divider positions, and the files open in this workspace with the
     * selected one last.
     */
    public void remember() {
        for (SplitPane split : splits) {
            double[] positions = split.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                settings.put("divider:" + split.getId() + ":" + i, Double.toString(positions[i]));
            }
        }
        Path root = viewModel.rootProperty().get();
        if (root != null) {
            List<String> open = new java.util.ArrayList<>(tabs.editors().stream().map(e -> e.document().path()).toList());
            tabs.selectedProperty().get().map(e -> e.document().path()).ifPresent(p -> {
                open.remove(p);
                open.add(p);
            });
            settings.put("openTabs:" + root, String.join("\n", open));
        }
    }

    /** Reopens the files that were open in this workspace when the window last closed (once it is shown). */
    public void restoreTabsWhenShown() {
        ChangeListener<Number> once = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                viewModel.revisionProperty().removeListener(this);
                Path root = viewModel.rootProperty().get();
                settings.get("openTabs:" + root).ifPresent(v -> {
                    for (String path : v.split("\n")) {
                        if (!path.isBlank()) {
                            open(new SourceLocation(path, 1, 1));
                        }
                    }
                });
            }
        };
        viewModel.revisionProperty().addListener(once);
    }

    public Parent root() {
        return root;
    }

    /** Opens a file of the workspace in a tab, caret on the location. Unknown paths are ignored. */
    public void open(SourceLocation at) {
        viewModel.document(at.file()).ifPresent(document -> tabs.show(document, at.line(), at.column()));
    }

    /**
     * Whether the window may close or another workspace replace this one: asks about unsaved edits first, and
     * says no when the user cancels.
     */
    public boolean mayClose() {
        return tabs.mayCloseAll();
    }

    /** The open editors' tabs (for tests and the window's own actions). */
    public SourceTabs tabs() {
        return tabs;
    }

    /** Opens a location as soon as the next read is shown (for {@code --open=FILE:LINE} at start). */
    public void openWhenShown(SourceLocation at) {
        ChangeListener<Number> once = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                viewModel.revisionProperty().removeListener(this);
                open(at);
            }
        };
        viewModel.revisionProperty().addListener(once);
    }

    private MenuBar menuBar() {
        MenuItem open = item("Open Workspace…", "menu-open", shortcut(KeyCode.O), this::chooseFolder);
        MenuItem reload = item("Reload", "menu-reload", new KeyCodeCombination(KeyCode.F5), viewModel::reload);
        reload.disableProperty().bind(viewModel.rootProperty().isNull());
        MenuItem save = item("Save", "menu-save", shortcut(KeyCode.S), tabs::saveSelected);
        MenuItem saveAll = item("Save All", "menu-save-all",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), tabs::saveAll);
        MenuItem close = item("Close Tab", "menu-close-tab", shortcut(KeyCode.W), tabs::closeSelected);
        MenuItem quit = item("Quit", "menu-quit", shortcut(KeyCode.Q), () -> {
            if (mayClose()) {
                Platform.exit();
            }
        });
        Menu recentMenu = new Menu("Open Recent");
        recentMenu.setId("menu-open-recent");
        Runnable fillRecent = () -> recentMenu.getItems().setAll(viewModel.recentWorkspaces().stream().map(path -> {
            MenuItem item = new MenuItem(path.toString());
            item.setOnAction(event -> {
                if (mayClose()) {
                    viewModel.open(path);
                }
            });
            return item;
        }).toList());
        fillRecent.run();
        viewModel.recentWorkspaces().addListener((javafx.collections.ListChangeListener<Path>) change -> fillRecent.run());
        recentMenu.disableProperty().bind(Bindings.isEmpty(viewModel.recentWorkspaces()));
        Menu newResource = new Menu("New Resource");
        newResource.setId("menu-new-resource");
        for (ResourceTemplate template : ResourceTemplate.values()) {
            MenuItem item = new MenuItem(template.label());
            item.setId("menu-new-" + template);
            item.setOnAction(event -> newResource(template));
            newResource.getItems().add(item);
        }
        newResource.disableProperty().bind(viewModel.rootProperty().isNull());
        Menu file = new Menu("File", null, newResource, new SeparatorMenuItem(), open, recentMenu, reload,
                new SeparatorMenuItem(), save, saveAll, close, new SeparatorMenuItem(), quit);
        file.setId("menu-file");

        MenuItem undo = item("Undo", "menu-undo", shortcut(KeyCode.Z), () -> withEditor(e -> e.area().undo()));
        MenuItem redo = item("Redo", "menu-redo", shortcut(KeyCode.Y), () -> withEditor(e -> e.area().redo()));
        MenuItem find = item("Find…", "menu-find", shortcut(KeyCode.F), findBar::show);
        MenuItem findInFiles = item("Find in Files…", "menu-find-in-files",
                new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::showSearch);
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(), find, findInFiles);
        edit.setId("menu-edit");

        MenuItem next = item("Next Problem", "menu-next-problem", new KeyCodeCombination(KeyCode.F8), this::nextProblem);
        // The editor handles these keys itself while it has the focus; the menu shows them and works from elsewhere.
        LanguageActions language = languageActions();
        MenuItem definition = item("Go to Definition", "menu-definition", new KeyCodeCombination(KeyCode.F12),
                () -> withEditor(e -> language.goToDefinition(e.document().path(), e.text(), e.area().getCaretPosition())));
        MenuItem references = item("Find References", "menu-references", new KeyCodeCombination(KeyCode.F12, KeyCombination.SHIFT_DOWN),
                () -> withEditor(e -> language.findReferences(e.document().path(), e.text(), e.area().getCaretPosition())));
        MenuItem rename = item("Rename…", "menu-rename", new KeyCodeCombination(KeyCode.F2),
                () -> withEditor(e -> language.rename(e.document().path(), e.text(), e.area().getCaretPosition())));
        MenuItem complete = item("Complete", "menu-complete", new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN),
                () -> withEditor(SourceEditor::showCompletions));
        MenuItem quickFix = item("Quick Fix", "menu-quick-fix", shortcut(KeyCode.DIGIT1), () -> withEditor(SourceEditor::showQuickFixesAtCaret));
        Menu navigate = new Menu("Navigate", null, next, new SeparatorMenuItem(), definition, references, rename,
                new SeparatorMenuItem(), complete, quickFix);
        navigate.setId("menu-navigate");
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = themeItem("Light Theme", "menu-theme-light", Theme.LIGHT, themes);
        RadioMenuItem dark = themeItem("Dark Theme", "menu-theme-dark", Theme.DARK, themes);
        (Theme.DARK.equals(settings.get("theme").orElse(Theme.LIGHT)) ? dark : light).setSelected(true);
        Menu viewMenu = new Menu("View", null, light, dark);
        viewMenu.setId("menu-view");
        MenuBar bar = new MenuBar(file, edit, navigate, viewMenu);
        bar.setId("menu-bar");
        return bar;
    }

    /** Asks for a name, then creates the resource in the namespace the matrix shows and opens it. */
    private void newResource(ResourceTemplate template) {
        String namespace = Optional.ofNullable(viewModel.matrix().namespaceProperty().get()).filter(n -> !n.isEmpty()).orElse("default");
        dialogs.askText("New " + template.kind(), "Name (namespace " + namespace + "):", "").ifPresent(name ->
                viewModel.createResource(template, name, namespace, path -> open(new SourceLocation(path, 1, 1)))
                        .ifPresent(dialogs::inform));
    }

    private RadioMenuItem themeItem(String text, String id, String theme, ToggleGroup group) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        item.setToggleGroup(group);
        item.setOnAction(event -> {
            Theme.named(theme).install();
            settings.put("theme", theme);
        });
        return item;
    }

    private static MenuItem item(String text, String id, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(accelerator);
        item.setOnAction(event -> action.run());
        return item;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private void withEditor(java.util.function.Consumer<SourceEditor> action) {
        tabs.selectedProperty().get().ifPresent(action);
    }

    /** F8: the first problem after the caret, in the problems table's order (file, line, column), wrapping. */
    private void nextProblem() {
        List<ProblemRow> problems = viewModel.problems();
        if (problems.isEmpty()) {
            return;
        }
        Optional<SourceEditor> editor = tabs.selectedProperty().get();
        String file = editor.map(e -> e.document().path()).orElse("");
        int line = editor.map(e -> e.area().getCurrentParagraph() + 1).orElse(0);
        int column = editor.map(e -> e.area().getCaretColumn() + 1).orElse(0);
        ProblemRow next = problems.stream()
                .filter(p -> p.file().compareTo(file) > 0 || (p.file().equals(file)
                        && (p.line() > line || (p.line() == line && p.column() > column))))
                .findFirst().orElse(problems.get(0));
        open(next.location());
    }

    private SplitPane content() {
        Label empty = new Label();
        empty.setId("empty-message");
        empty.getStyleClass().add("empty-message");
        empty.textProperty().bind(viewModel.hintProperty());
        empty.visibleProperty().bind(Bindings.isEmpty(tabs.node().getTabs()));
        empty.setMouseTransparent(true);
        findBar.editorProperty().bind(tabs.selectedProperty());
        VBox.setVgrow(tabs.node(), Priority.ALWAYS);
        StackPane editors = new StackPane(new VBox(findBar.node(), tabs.node()), empty);
        editors.setId("editor-area");
        SplitPane beside = new SplitPane(editors, formPane());
        beside.setId("editor-form-split");
        beside.setDividerPositions(0.58);
        splits.add(beside);

        WorkspaceTree tree = new WorkspaceTree(viewModel.outlineProperty(), this::open);
        SplitPane top = new SplitPane(tree.node(), beside);
        top.setId("content-split");
        splits.add(top);
        top.setDividerPositions(0.2);
        SplitPane.setResizableWithParent(tree.node(), false);

        Tab problemsTab = new Tab("Problems", problemsPane());
        problemsTab.setId("bottom-problems");
        problemsTab.setClosable(false);
        Tab searchTab = new Tab("Search", searchPane());
        searchTab.setId("bottom-search");
        searchTab.setClosable(false);
        bottom.getTabs().setAll(problemsTab, searchTab);
        bottom.setId("bottom-tabs");
        SplitPane main = new SplitPane(top, bottom);
        main.setId("main-split");
        splits.add(main);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.66);
        return main;
    }

    /** The permission matrix to the right, full height; its trace links open files here, like problems do. */
    private SplitPane besideMatrix(SplitPane content) {
        MatrixView matrix = new MatrixView(viewModel.matrix(),
                link -> open(new SourceLocation(link.file(), link.line(), link.column())));
        SplitPane split = new SplitPane(content, matrix.node());
        split.setId("workspace-split");
        splits.add(split);
        split.setDividerPositions(0.64);
        return split;
    }

    /** Completion, go to definition, find references and rename, answered by the view-model. */
    private LanguageActions languageActions() {
        return new LanguageActions() {
            @Override
            public List<CompletionItem> complete(String path, String text, int offset) {
                return viewModel.complete(path, text, offset);
            }

            @Override
            public boolean goToDefinition(String path, String text, int offset) {
                Optional<SourceLocation> at = viewModel.definition(path, text, offset);
                at.ifPresent(WorkspaceView.this::open);
                return at.isPresent();
            }

            @Override
            public void findReferences(String path, String text, int offset) {
                viewModel.references(path, text, offset).ifPresent(hits -> {
                    searchResults.getItems().setAll(hits);
                    searchCount.setText(hits.size() + " references");
                    bottom.getSelectionModel().select(1);
                });
            }

            @Override
            public void rename(String path, String text, int offset) {
                Optional<String> current = viewModel.renameTarget(path, text, offset);
                if (current.isEmpty()) {
                    dialogs.inform("Put the caret on the name of a resource, or on a reference to one, to rename it.");
                    return;
                }
                dialogs.askText("Rename " + current.get(), "New name (every reference in every file follows):", current.get())
                        .filter(name -> !name.equals(current.get()))
                        .ifPresent(name -> viewModel.rename(path, text, offset, name, texts -> { })
                                .ifPresent(dialogs::inform));
            }
        };
    }

    /**
     * After edits applied by the view-model (a rename, a grant): open editors take their new text as one undoable
     * edit; the other files open, unsaved, for review.
     */
    private void showApplied(java.util.Map<String, String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        texts.forEach((path, text) -> {
            Optional<SourceEditor> open = tabs.editors().stream().filter(e -> e.document().path().equals(path)).findFirst();
            if (open.isPresent()) {
                open.get().replaceAll(text);
            }
        });
        ChangeListener<Number> once = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                viewModel.revisionProperty().removeListener(this);
                texts.keySet().stream().filter(p -> tabs.editors().stream().noneMatch(e -> e.document().path().equals(p)))
                        .forEach(p -> viewModel.document(p).ifPresent(d -> tabs.show(d, 1, 1)));
            }
        };
        viewModel.revisionProperty().addListener(once);
    }

    /**
     * The form of the resource at the caret, beside the text: it follows the selected editor, its caret and its
     * text; a form edit is one undoable edit of that editor's text.
     */
    private Node formPane() {
        FormView form = new FormView(viewModel.form(), change -> tabs.editors().stream()
                .filter(e -> e.document().path().equals(change.path())).findFirst()
                .filter(e -> change.end() <= e.area().getLength())
                .ifPresent(e -> e.area().replaceText(change.start(), change.end(), change.replacement())));
        Runnable follow = () -> tabs.selectedProperty().get().ifPresent(e ->
                viewModel.formAt(e.document().path(), e.text(), e.area().getCaretPosition()));
        ChangeListener<Number> caretMoved = (o, before, now) -> follow.run();
        tabs.selectedProperty().addListener((o, before, now) -> {
            before.ifPresent(e -> e.area().caretPositionProperty().removeListener(caretMoved));
            now.ifPresent(e -> e.area().caretPositionProperty().addListener(caretMoved));
            follow.run();
        });
        viewModel.revisionProperty().addListener((o, before, now) -> follow.run());
        return form.node();
    }

    /** Ctrl+Shift+F: the search tab, its query focused (the editor's selection, if one line, filled in). */
    private void showSearch() {
        bottom.getSelectionModel().select(1);
        tabs.selectedProperty().get().map(e -> e.area().getSelectedText()).filter(t -> !t.isEmpty() && !t.contains("\n"))
                .ifPresent(searchQuery::setText);
        searchQuery.requestFocus();
        searchQuery.selectAll();
    }

    private VBox searchPane() {
        searchQuery.setId("search-query");
        searchQuery.setPromptText("Find in all files of the workspace (Enter)");
        Label count = searchCount;
        count.setId("search-count");
        count.getStyleClass().add("pane-count");
        ListView<SearchHit> results = searchResults;
        results.setId("search-results");
        results.setPlaceholder(new Label("Type a text and press Enter"));
        searchQuery.setOnAction(e -> {
            List<SearchHit> hits = viewModel.search(searchQuery.getText(), SEARCH_LIMIT);
            results.getItems().setAll(hits);
            count.setText(hits.size() >= SEARCH_LIMIT ? "first " + SEARCH_LIMIT : Integer.toString(hits.size()));
            results.setPlaceholder(new Label("No match for " + searchQuery.getText()));
        });
        results.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && results.getSelectionModel().getSelectedItem() != null) {
                open(results.getSelectionModel().getSelectedItem().location());
            }
        });
        results.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && results.getSelectionModel().getSelectedItem() != null) {
                open(results.getSelectionModel().getSelectedItem().location());
            }
        });
        HBox.setHgrow(searchQuery, Priority.ALWAYS);
        HBox header = new HBox(searchQuery, count);
        header.getStyleClass().add("pane-header");
        VBox.setVgrow(results, Priority.ALWAYS);
        VBox pane = new VBox(header, results);
        pane.setId("search-pane");
        return pane;
    }

    private VBox problemsPane() {
        Label title = new Label("Problems");
        title.getStyleClass().add("pane-title");
        Label count = new Label();
        count.setId("problems-count");
        count.getStyleClass().add("pane-count");
        count.textProperty().bind(Bindings.size(viewModel.problems()).asString());
        HBox header = new HBox(title, count);
        header.getStyleClass().add("pane-header");
        ProblemsTable table = new ProblemsTable(viewModel.problems(), viewModel.noProblemsMessageProperty(), this::open);
        VBox.setVgrow(table.node(), Priority.ALWAYS);
        VBox pane = new VBox(header, table.node());
        pane.setId("problems-pane");
        return pane;
    }

    private StatusBar statusBar() {
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(viewModel.statusProperty());
        Label summary = new Label();
        summary.setId("status-summary");
        summary.getStyleClass().add("status-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        bindPseudoClass(summary, ERRORS, viewModel.hasErrorsProperty());
        bindPseudoClass(summary, WARNINGS, viewModel.hasWarningsProperty());
        Label caret = new Label();
        caret.setId("status-caret");
        caret.getStyleClass().add("status-caret");
        tabs.selectedProperty().addListener((o, before, now) -> {
            caret.textProperty().unbind();
            now.ifPresentOrElse(e -> caret.textProperty().bind(e.caretPositionProperty()), () -> caret.setText(""));
        });
        Label exposures = new Label();
        exposures.setId("status-exposures");
        exposures.getStyleClass().add("status-exposures");
        exposures.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = viewModel.matrix().exposureCountProperty().get();
            return viewModel.rootProperty().get() == null ? "" : n + (n == 1 ? " exposure" : " exposures") + " in "
                    + viewModel.matrix().namespaceProperty().get();
        }, viewModel.matrix().exposureCountProperty(), viewModel.matrix().namespaceProperty(), viewModel.rootProperty()));
        exposures.setTooltip(new Tooltip("Cells of the matrix where orloj would let through what strict denies"));
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.setText("");
        bar.getLeftItems().add(message);
        bar.getRightItems().addAll(caret, exposures, summary);
        // Indeterminate while reading: core reports no progress for a read, only that it is under way.
        bar.progressProperty().bind(Bindings.when(viewModel.loadingProperty()).then(-1.0).otherwise(0.0));
        return bar;
    }

    private static void bindPseudoClass(Node node, PseudoClass pseudoClass, ObservableValue<Boolean> state) {
        node.pseudoClassStateChanged(pseudoClass, state.getValue());
        state.addListener((o, was, is) -> node.pseudoClassStateChanged(pseudoClass, is));
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open Workspace");
        Path current = viewModel.rootProperty().get();
        if (current != null && current.getParent() != null) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        Window owner = root.getScene() == null ? null : root.getScene().getWindow();
        File chosen = chooser.showDialog(owner);
        if (chosen != null && mayClose()) {
            viewModel.open(chosen.toPath());
        }
    }

    private void acceptDroppedFolders() {
        root.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles() && viewModel.canOpen(event.getDragboard().getFiles())) {
                event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
            }
            event.consume();
        });
        root.setOnDragDropped(event -> {
            event.setDropCompleted(event.getDragboard().hasFiles() && viewModel.canOpen(event.getDragboard().getFiles())
                    && mayClose() && viewModel.openDropped(event.getDragboard().getFiles()));
            event.consume();
        });
    }
}
