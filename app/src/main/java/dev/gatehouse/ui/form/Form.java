package dev.gatehouse.ui.form;

import java.util.List;
import java.util.Optional;

/**
 * The form of the resource at the caret: a title ({@code Agent custops/support-agent}), its rows, whether it can be
 * edited, and a placeholder sentence when there is nothing to edit (no resource, a text that does not parse).
 */
public record Form(String path, String title, boolean editable, Optional<String> placeholder, List<FormField> fields) {
    public Form {
        fields = List.copyOf(fields);
    }

    /** Before any text was given. */
    public static Form none() {
        return new Form("", "", false, Optional.of(FormViewModel.NOTHING), List.of());
    }

    /** The row at a dotted path ({@code spec.risk_level}), if the form has one. */
    public Optional<FormField> field(String dotted) {
        return fields.stream().filter(f -> f.dotted().equals(dotted)).findFirst();
    }

    /** The row at a path: what edits look fields up by, since a written key may itself hold a dot. */
    public Optional<FormField> field(List<String> path) {
        return fields.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
