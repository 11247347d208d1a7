package dev.gatehouse.ui.form;

/** Which control edits a field: the view makes one control per constant, the view-model decides which applies. */
public enum FieldEditor {
    /** A free text value. */
    TEXT,
    /** Free text of several lines (a prompt, a block scalar): a text area, written back as a block scalar in YAML. */
    TEXT_BLOCK,
    /** An integer (text field, checked). */
    INTEGER,
    /** A Go duration such as {@code 30s} or {@code 1m30s} (text field, checked). */
    DURATION,
    /** One of a closed set of values (choice box; the empty choice removes the field). */
    CHOICE,
    /** The name of another resource: a picker of the names the workspace has, which also takes a typed name. */
    REFERENCE,
    /** true or false (check box). */
    CHECK,
    /** A list of strings: remove any item, add one (typed, or picked from {@code choices} when there are any). */
    LIST,
    /** A map of strings to strings (labels, a task's input): edit any key or value, remove an entry, add one. */
    MAP,
    /** A heading for an object's fields, which follow it one level deeper. */
    SECTION,
    /** A heading for a list of objects (operation rules): an entry can be added. */
    ENTRIES,
    /** A heading for one object of such a list, its fields following: it can be removed. */
    ENTRY,
    /** A heading for a map of objects keyed by name (a system's graph): a key picked from {@code choices} can be added. */
    NODES,
    /** A heading for one object of such a map (a graph node), its fields following: it can be removed. */
    NODE,
    /** Shown, not edited here: free-form values (a JSON schema, a status). */
    READ_ONLY
}
