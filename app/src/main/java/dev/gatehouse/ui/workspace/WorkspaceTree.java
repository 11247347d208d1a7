package dev.gatehouse.ui.workspace;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The left pane: "Files" as folders and "Resources" by kind. Rebuilt on each read; what the user had expanded
 * stays expanded, so F5 does not fold the tree away.
 */
final class WorkspaceTree {
    private final TreeView<NavigationNode> tree = new TreeView<>();

    WorkspaceTree(ObservableValue<NavigationNode> outline, Consumer<SourceLocation> open) {
        tree.setId("workspace-tree");
        tree.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        tree.setShowRoot(false);
        tree.setCellFactory(view -> new NodeCell(open));
        tree.setOnKeyPressed(event -> {
            TreeItem<NavigationNode> selected = tree.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && selected != null) {
                selected.getValue().target().ifPresent(open);
            }
        });
        show(outline.getValue());
        outline.addListener((o, before, now) -> show(now));
    }

    TreeView<NavigationNode> node() {
        return tree;
    }

    private void show(NavigationNode outline) {
        Set<List<String>> expanded = new HashSet<>();
        if (tree.getRoot() != null) {
            collectExpanded(tree.getRoot(), List.of(), expanded);
        }
        TreeItem<NavigationNode> root = item(outline, List.of(), expanded);
        root.setExpanded(true);
        tree.setRoot(root);
    }

    private static TreeItem<NavigationNode> item(NavigationNode node, List<String> parentPath, Set<List<String>> expanded) {
        List<String> path = append(parentPath, node.label());
        TreeItem<NavigationNode> item = new TreeItem<>(node);
        // Sections start open so both are visible at once; below them the user decides.
        item.setExpanded(node.type() == NavigationNode.Type.SECTION || expanded.contains(path));
        node.children().forEach(child -> item.getChildren().add(item(child, path, expanded)));
        return item;
    }

    private static void collectExpanded(TreeItem<NavigationNode> item, List<String> parentPath, Set<List<String>> into) {
        List<String> path = append(parentPath, item.getValue().label());
        if (item.isExpanded()) {
            into.add(path);
        }
        item.getChildren().forEach(child -> collectExpanded(child, path, into));
    }

    private static List<String> append(List<String> path, String label) {
        return Stream.concat(path.stream(), Stream.of(label)).toList();
    }

    /** Label, then a muted count for groups and a coloured count of findings. */
    private static final class NodeCell extends TreeCell<NavigationNode> {
        private final Label label = new Label();
        private final Label count = new Label();
        private final Label problems = new Label();
        private final HBox box = new HBox(label, count, problems);

        NodeCell(Consumer<SourceLocation> open) {
            box.getStyleClass().add("nav-cell");
            count.getStyleClass().add("nav-count");
            problems.getStyleClass().add("nav-problems");
            setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && getItem() != null) {
                    getItem().target().ifPresent(open);
                }
            });
        }

        @Override
        protected void updateItem(NavigationNode node, boolean empty) {
            super.updateItem(node, empty);
            getStyleClass().removeIf(c -> c.startsWith("nav-"));
            problems.getStyleClass().removeIf(c -> c.startsWith("level-"));
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            getStyleClass().add(node.styleClass());
            label.setText(node.label());
            count.setText(node.count() > 0 ? String.valueOf(node.count()) : "");
            count.setVisible(node.count() > 0);
            count.setManaged(node.count() > 0);
            problems.setText(node.problems() > 0 ? String.valueOf(node.problems()) : "");
            problems.setVisible(node.problems() > 0);
            problems.setManaged(node.problems() > 0);
            node.worst().ifPresent(level -> problems.getStyleClass().add(level.styleClass()));
            setText(null);
            setGraphic(box);
        }
    }
}
