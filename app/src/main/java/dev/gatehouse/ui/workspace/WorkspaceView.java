package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.editor.SourceTabs;
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
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
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

/**
 * The workspace window's content: menu, tree, opened files, problems, status bar. It binds to the view-model
 * and forwards gestures to it; what a gesture means is decided there.
 */
public final class WorkspaceView {
    private static final PseudoClass ERRORS = PseudoClass.getPseudoClass("errors");
    private static final PseudoClass WARNINGS = PseudoClass.getPseudoClass("warnings");

    private final WorkspaceViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final SourceTabs tabs = new SourceTabs();

    public WorkspaceView(WorkspaceViewModel viewModel) {
        this.viewModel = viewModel;
        root.setId("workspace-view");
        root.setTop(menuBar());
        root.setCenter(besideMatrix(content()));
        root.setBottom(statusBar());
        acceptDroppedFolders();
        viewModel.revisionProperty().addListener((o, before, now) -> tabs.refresh(viewModel::document));
    }

    public Parent root() {
        return root;
    }

    /** Opens a file of the workspace in a tab, caret on the location. Unknown paths are ignored. */
    public void open(SourceLocation at) {
        viewModel.document(at.file()).ifPresent(document -> tabs.show(document, at.line(), at.column()));
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
        MenuItem open = new MenuItem("Open Workspace…");
        open.setId("menu-open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(event -> chooseFolder());
        MenuItem reload = new MenuItem("Reload");
        reload.setId("menu-reload");
        reload.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        reload.disableProperty().bind(viewModel.rootProperty().isNull());
        reload.setOnAction(event -> viewModel.reload());
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menu-quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(event -> Platform.exit());
        Menu file = new Menu("File", null, open, reload, new SeparatorMenuItem(), quit);
        file.setId("menu-file");
        MenuBar bar = new MenuBar(file);
        bar.setId("menu-bar");
        return bar;
    }

    private SplitPane content() {
        Label empty = new Label();
        empty.setId("empty-message");
        empty.getStyleClass().add("empty-message");
        empty.textProperty().bind(viewModel.hintProperty());
        empty.visibleProperty().bind(Bindings.isEmpty(tabs.node().getTabs()));
        empty.setMouseTransparent(true);
        StackPane editors = new StackPane(tabs.node(), empty);
        editors.setId("editor-area");

        WorkspaceTree tree = new WorkspaceTree(viewModel.outlineProperty(), this::open);
        SplitPane top = new SplitPane(tree.node(), editors);
        top.setId("content-split");
        top.setDividerPositions(0.25);
        SplitPane.setResizableWithParent(tree.node(), false);

        SplitPane main = new SplitPane(top, problemsPane());
        main.setId("main-split");
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
        split.setDividerPositions(0.55);
        return split;
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
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.setText("");
        bar.getLeftItems().add(message);
        bar.getRightItems().add(summary);
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
        if (chosen != null) {
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
            event.setDropCompleted(event.getDragboard().hasFiles() && viewModel.openDropped(event.getDragboard().getFiles()));
            event.consume();
        });
    }
}
