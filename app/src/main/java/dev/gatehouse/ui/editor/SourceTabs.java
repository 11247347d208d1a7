package dev.gatehouse.ui.editor;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The opened files, one tab each (titled by file name, the path in its tooltip), at most one tab per file. */
public final class SourceTabs {
    private final TabPane tabPane = new TabPane();

    public SourceTabs() {
        tabPane.setId("source-tabs");
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    }

    public TabPane node() {
        return tabPane;
    }

    /** Opens the document (or brings its tab forward) and reveals a 1-based line and column. */
    public void show(SourceDocument document, int line, int column) {
        SourceViewer viewer = viewer(document.file()).orElseGet(() -> open(document));
        viewer.show(document);
        tabPane.getSelectionModel().select(tabOf(viewer));
        viewer.reveal(line, column);
    }

    /**
     * After the workspace was read again: shows each open file's new text, closes tabs whose file is gone or
     * belongs to another workspace now.
     */
    public void refresh(Function<String, Optional<SourceDocument>> documents) {
        for (Tab tab : List.copyOf(tabPane.getTabs())) {
            SourceViewer viewer = (SourceViewer) tab.getUserData();
            Optional<SourceDocument> now = documents.apply(viewer.document().path())
                    .filter(d -> d.file().equals(viewer.document().file()));
            now.ifPresentOrElse(viewer::show, () -> tabPane.getTabs().remove(tab));
        }
    }

    private SourceViewer open(SourceDocument document) {
        SourceViewer viewer = new SourceViewer(document);
        Tab tab = new Tab(document.name(), viewer.node());
        tab.setId("tab-" + SourceViewer.slug(document.path()));
        tab.setTooltip(new Tooltip(document.path()));
        tab.setUserData(viewer);
        tabPane.getTabs().add(tab);
        return viewer;
    }

    private Optional<SourceViewer> viewer(Path file) {
        return viewers().stream().filter(v -> v.document().file().equals(file)).findFirst();
    }

    private List<SourceViewer> viewers() {
        return tabPane.getTabs().stream().map(t -> (SourceViewer) t.getUserData()).toList();
    }

    private Tab tabOf(SourceViewer viewer) {
        return tabPane.getTabs().stream().filter(t -> t.getUserData() == viewer).findFirst().orElseThrow();
    }
}
