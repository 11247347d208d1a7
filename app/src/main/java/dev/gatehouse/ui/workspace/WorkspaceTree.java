package dev.gatehouse.ui.workspace;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.gatehouse.ui.common.FindingLevel;
import dev.gatehouse.ui.common.StyleClasses;
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
 * The left pane: "Files" as folders and "Resources" by kind. Updated in place on each read; what the user had
 * expanded stays expanded, so F5 does not fold the tree away.
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

    /**
     * Shows an outline: the items of the tree shown are brought to it in place (a keystroke changes the counts of
     * a file, a resource and the groups above them), and only a list of children whose labels changed is built
     * anew; what the user had expanded stays expanded.
     */
    private void show(NavigationNode outline) {
        if (tree.getRoot() == null) {
            TreeItem<NavigationNode> root = item(outline, List.of(), Set.of());
            root.setExpanded(true);
            tree.setRoot(root);
            return;
        }
        update(tree.getRoot(), outline);
    }

    /** Makes the item's subtree show {@code now}; whether it showed an equal subtree already (then nothing was set). */
    private static boolean update(TreeItem<NavigationNode> item, NavigationNode now) {
        NavigationNode was = item.getValue();
        boolean same = was.type() == now.type() && was.label().equals(now.label()) && was.count() == now.count()
                && was.problems() == now.problems() && was.worst().equals(now.worst()) && was.target().equals(now.target());
        javafx.collections.ObservableList<TreeItem<NavigationNode>> children = item.getChildren();
        if (sameLabels(children, now.children())) {
            for (int i = 0; i < children.size(); i++) {
                boolean child = update(children.get(i), now.children().get(i));
                same = same && child;
            }
        } else {
            // The labels from the root down (this item's own is the same as before): what is expanded is kept by path.
            List<String> path = new java.util.ArrayList<>();
            for (TreeItem<NavigationNode> at = item; at != null; at = at.getParent()) {
                path.add(0, at.getValue().label());
            }
            Set<List<String>> expanded = new HashSet<>();
            children.forEach(c -> collectExpanded(c, List.copyOf(path), expanded));
            children.setAll(now.children().stream().map(c -> item(c, List.copyOf(path), expanded)).toList());
            same = false;
        }
        if (!same) {
            item.setValue(now);
        }
        return same;
    }

    private static boolean sameLabels(List<TreeItem<NavigationNode>> items, List<NavigationNode> nodes) {
        if (items.size() != nodes.size()) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!items.get(i).getValue().label().equals(nodes.get(i).label())) {
                return false;
            }
        }
        return true;
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
            boolean none = empty || node == null;
            StyleClasses.onlyOfPrefix(getStyleClass(), "nav-", none ? null : node.styleClass());
            StyleClasses.onlyOfPrefix(problems.getStyleClass(), "level-", none ? null : node.worst().map(FindingLevel::styleClass).orElse(null));
            if (none) {
                setText(null);
                setGraphic(null);
                return;
            }
            label.setText(node.label());
            count.setText(node.count() > 0 ? String.valueOf(node.count()) : "");
            count.setVisible(node.count() > 0);
            count.setManaged(node.count() > 0);
            problems.setText(node.problems() > 0 ? String.valueOf(node.problems()) : "");
            problems.setVisible(node.problems() > 0);
            problems.setManaged(node.problems() > 0);
            setText(null);
            setGraphic(box);
        }
    }
}
