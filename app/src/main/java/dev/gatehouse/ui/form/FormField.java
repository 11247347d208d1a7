package dev.gatehouse.ui.form;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One row of the form. {@code path} is the keys from the document root ({@code spec}, {@code runtime},
 * {@code isolation_mode}; a number steps into a list); {@code value} is the scalar as written ("" when absent; a
 * text block without its final line breaks), {@code items} a list's items, {@code entries} a map's entries,
 * {@code choices} the values a choice box or picker offers (for a list, those not in it yet), {@code closed} whether
 * a value must be one of them (enums, a graph's agents) or may be typed (names, free text). {@code present} whether
 * the key is written. {@code editable} is false when the form cannot write the field (read-only form, a value
 * shaped otherwise, an anchor or alias); {@code note} then says why, else it is the schema's documentation.
 */
public record FormField(List<String> path, FieldEditor editor, String label, int depth, String value, List<String> items,
                        List<String> choices, boolean closed, boolean present, boolean editable, String note, List<Entry> entries) {
    public FormField {
        path = List.copyOf(path);
        items = List.copyOf(items);
        choices = List.copyOf(choices);
        entries = List.copyOf(entries);
    }

    public FormField(List<String> path, FieldEditor editor, String label, int depth, String value, List<String> items,
                     List<String> choices, boolean closed, boolean present, boolean editable, String note) {
        this(path, editor, label, depth, value, items, choices, closed, present, editable, note, List.of());
    }

    /** One key and its value, as written ("" for no value). */
    public record Entry(String key, String value) {}

    /** The id of the field's control: {@code form-field-spec-model_ref}, {@code form-field-spec-operation_rules-0-verdict}. */
    public String id() {
        return "form-field-" + key();
    }

    /**
     * The path joined by '-': {@code spec-runtime-isolation_mode}. A character of a written key (a graph node
     * {@code billing.agent}) that a CSS id cannot hold is replaced by '_'.
     */
    public String key() {
        return path.stream().map(s -> s.replaceAll("[^A-Za-z0-9_-]", "_")).collect(Collectors.joining("-"));
    }

    /** The path as YAML people write it: {@code spec.runtime.isolation_mode}. */
    public String dotted() {
        return String.join(".", path);
    }
}
