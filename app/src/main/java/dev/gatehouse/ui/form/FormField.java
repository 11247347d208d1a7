package dev.gatehouse.ui.form;

import java.util.List;

/**
 * One row of the form. {@code path} is the keys from the document root ({@code spec}, {@code runtime},
 * {@code isolation_mode}; a number steps into a list); {@code value} is the scalar as written ("" when absent),
 * {@code items} a list's items, {@code choices} the values a choice box or picker offers (for a list, those not in
 * it yet), {@code closed} whether a value must be one of them (enums) or may be typed (names, free text).
 * {@code present} whether the key is written. {@code editable} is false when the form cannot write the field (read-only form, a value shaped
 * otherwise, a block of several lines); {@code note} then says why, else it is the schema's documentation.
 */
public record FormField(List<String> path, FieldEditor editor, String label, int depth, String value, List<String> items,
                        List<String> choices, boolean closed, boolean present, boolean editable, String note) {
    public FormField {
        path = List.copyOf(path);
        items = List.copyOf(items);
        choices = List.copyOf(choices);
    }

    /** The id of the field's control: {@code form-field-spec-model_ref}, {@code form-field-spec-operation_rules-0-verdict}. */
    public String id() {
        return "form-field-" + key();
    }

    /** The path joined by '-': {@code spec-runtime-isolation_mode}. */
    public String key() {
        return String.join("-", path);
    }

    /** The path as YAML people write it: {@code spec.runtime.isolation_mode}. */
    public String dotted() {
        return String.join(".", path);
    }
}
