package dev.gatehouse.ui.editor;

import dev.gatehouse.ui.common.DialogService;
import dev.gatehouse.ui.common.DialogService.UnsavedChoice;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The opened files, one editor tab each (titled by file name with a dot while unsaved, the path in its tooltip),
 * at most one tab per file. Closing a tab with unsaved changes asks first.
 */
public final class SourceTabs {
    /** What the tabs tell the window: typing, saving, throwing edits away. */
    public interface Owner {
        /** The text of a file after a pause in typing: validate it (off the FX thread). */
        void edited(String path, String text);

        /** Save this text of the file; call {@code done} on the FX thread once it is on disk. */
        void save(String path, String text, Runnable done);

        /**
         * Save this text of the file before going on (the window is closing): true once it is on disk, false
         * when it could not be written, which keeps the window open.
         */
        boolean saveNow(String path, String text);

        /** The unsaved edits of a file are dropped (its tab closed without saving). */
        void discarded(String path);

        /** What the editors ask about names at the caret. */
        default LanguageActions language() {
            return LanguageActions.NONE;
        }
    }

    /** An owner that keeps nothing: for a tab pane shown on its own. */
    public static final Owner DETACHED = new Owner() {
        @Override
        public void edited(String path, String text) {
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
    };

    private final TabPane tabPane = new TabPane();
    private final Owner owner;
    private final DialogService dialogs;
    private final ReadOnlyObjectWrapper<Optional<SourceEditor>> selected = new ReadOnlyObjectWrapper<>(this, "selected", Optional.empty());

    public SourceTabs(Owner owner, DialogService dialogs) {
        this.owner = owner;
        this.dialogs = dialogs;
        tabPane.setId("source-tabs");
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabPane.getSelectionModel().selectedItemProperty().addListener((o, before, now) ->
                selected.set(Optional.ofNullable(now).map(t -> (SourceEditor) t.getUserData())));
    }

    public SourceTabs() {
        this(DETACHED, DialogService.answering(UnsavedChoice.DISCARD, true));
    }

    public TabPane node() {
        return tabPane;
    }

    /** The editor of the selected tab, if any. */
    public ReadOnlyObjectProperty<Optional<SourceEditor>> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Opens the document (or brings its tab forward) and reveals a 1-based line and column. */
    public void show(SourceDocument document, int line, int column) {
        SourceEditor editor = editor(document.file()).orElseGet(() -> open(document));
        editor.show(document);
        tabPane.getSelectionModel().select(tabOf(editor));
        editor.reveal(line, column);
    }

    /**
     * After the workspace was validated again: shows each open file's new text and marks, closes tabs whose file
     * is gone or belongs to another workspace now.
     */
    public void refresh(Function<String, Optional<SourceDocument>> documents) {
        for (Tab tab : List.copyOf(tabPane.getTabs())) {
            SourceEditor editor = (SourceEditor) tab.getUserData();
            Optional<SourceDocument> now = documents.apply(editor.document().path())
                    .filter(d -> d.file().equals(editor.document().file()));
            now.ifPresentOrElse(editor::show, () -> tabPane.getTabs().remove(tab));
        }
    }

    /** Every editor, in tab order. */
    public List<SourceEditor> editors() {
        return tabPane.getTabs().stream().map(t -> (SourceEditor) t.getUserData()).toList();
    }

    /** Saves the selected editor's text, if it has unsaved changes. */
    public void saveSelected() {
        selected.get().filter(e -> e.dirtyProperty().get()).ifPresent(this::save);
    }

    /** Saves every editor with unsaved changes. */
    public void saveAll() {
        editors().stream().filter(e -> e.dirtyProperty().get()).forEach(this::save);
    }

    /** Closes the selected tab, asking first when it has unsaved changes. */
    public void closeSelected() {
        Optional.ofNullable(tabPane.getSelectionModel().getSelectedItem()).ifPresent(tab -> {
            if (mayClose((SourceEditor) tab.getUserData())) {
                tabPane.getTabs().remove(tab);
            }
        });
    }

    /**
     * Before the window closes or another workspace opens: asks once about every unsaved file; true when the
     * changes were saved or discarded, false when the user cancelled.
     */
    public boolean mayCloseAll() {
        List<SourceEditor> unsaved = editors().stream().filter(e -> e.dirtyProperty().get()).toList();
        if (unsaved.isEmpty()) {
            return true;
        }
        String what = unsaved.size() == 1 ? unsaved.get(0).document().name() : unsaved.size() + " files";
        switch (dialogs.askUnsaved(what)) {
            case SAVE -> {
                for (SourceEditor e : unsaved) {
                    String text = e.text();
                    if (!owner.saveNow(e.document().path(), text)) {
                        return false;
                    }
                    e.saved(text);
                }
            }
            case DISCARD -> unsaved.forEach(e -> owner.discarded(e.document().path()));
            case CANCEL -> {
                return false;
            }
        }
        return true;
    }

    private boolean mayClose(SourceEditor editor) {
        if (!editor.dirtyProperty().get()) {
            return true;
        }
        switch (dialogs.askUnsaved(editor.document().name())) {
            case SAVE -> save(editor);
            case DISCARD -> owner.discarded(editor.document().path());
            case CANCEL -> {
                return false;
            }
        }
        return true;
    }

    private void save(SourceEditor editor) {
        String text = editor.text();
        owner.save(editor.document().path(), text, () -> editor.saved(text));
    }

    private SourceEditor open(SourceDocument document) {
        SourceEditor editor = new SourceEditor(document, text -> owner.edited(document.path(), text), next -> {
            boolean reload = dialogs.askReloadChanged(next.name());
            if (reload) {
                owner.discarded(next.path());
            }
            return reload;
        }, owner.language());
        Tab tab = new Tab(document.name(), editor.node());
        tab.setId("tab-" + SourceEditor.slug(document.path()));
        tab.setTooltip(new Tooltip(document.path()));
        tab.setUserData(editor);
        // A dot before the name while the file has unsaved changes, as desktop editors mark them.
        tab.textProperty().bind(javafx.beans.binding.Bindings.when(editor.dirtyProperty())
                .then("● " + document.name()).otherwise(document.name()));
        tab.setOnCloseRequest(event -> {
            if (!mayClose(editor)) {
                event.consume();
            }
        });
        tabPane.getTabs().add(tab);
        return editor;
    }

    private Optional<SourceEditor> editor(Path file) {
        return editors().stream().filter(e -> e.document().file().equals(file)).findFirst();
    }

    private Tab tabOf(SourceEditor editor) {
        return tabPane.getTabs().stream().filter(t -> t.getUserData() == editor).findFirst().orElseThrow();
    }
}
