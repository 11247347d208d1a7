package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.common.FindingLevel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of the workspace tree: a section, folder, file, kind or resource. {@code count} is how many entries
 * a section or kind groups (0 for the others), {@code problems} how many findings lie in it, {@code worst} the
 * worst of them, {@code target} where double-clicking leads.
 */
public record NavigationNode(Type type, String label, int count, int problems, Optional<FindingLevel> worst,
                             Optional<SourceLocation> target, List<NavigationNode> children) {
    public enum Type { SECTION, FOLDER, FILE, KIND, RESOURCE }

    public NavigationNode {
        children = List.copyOf(children);
    }

    /** The child with this label, if any. */
    public Optional<NavigationNode> child(String label) {
        return children.stream().filter(c -> c.label.equals(label)).findFirst();
    }

    public String styleClass() {
        return "nav-" + type.name().toLowerCase(Locale.ROOT);
    }
}
