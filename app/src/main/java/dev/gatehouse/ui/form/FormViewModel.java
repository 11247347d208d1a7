package dev.gatehouse.ui.form;

import dev.gatehouse.core.edit.ManifestEdits;
import dev.gatehouse.core.edit.ReadingDifferences;
import dev.gatehouse.core.edit.TextEdit;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.AgentSystem;
import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.McpServer;
import dev.gatehouse.core.model.Memory;
import dev.gatehouse.core.model.Meta;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Schemas;
import dev.gatehouse.core.model.Secret;
import dev.gatehouse.core.model.Task;
import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.Document;
import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.ManifestParser;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ParsedFile;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.parse.SourceFormat;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.ui.common.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The form of the resource at the editor's caret, and the text edits its controls make.
 *
 * <p>Use: {@code new FormViewModel(runner)}; call {@link #show(String, String, int, Workspace)} with the file's
 * workspace path, its text as the editor has it, the caret offset and the workspace last read (for the names the
 * pickers offer) whenever one of them changes: each validated text, each caret move. The text is read off the FX
 * thread through the runner; {@link #formProperty()} then holds the form of the document at the caret. The edit
 * methods ({@link #set}, {@link #add}, {@link #remove}, {@link #addEntry}, {@link #removeEntry}, {@link #addNode};
 * for maps {@link #put}, {@link #rename}, {@link #setEntry}, {@link #removeKey}; a field whose mappings are not
 * written yet is added with them) return the {@link EditorChange} to apply to the editor as one undoable edit,
 * computed by {@link ManifestEdits} (YAML or JSON, in the file's own format) on the text the form was read from,
 * so only the lines of that field change; the form reads the changed text at once, so feeding the same text back
 * later changes nothing. An edit that cannot be made returns empty and says why in {@link #messageProperty()}; a
 * field no edit may touch (an anchor, an alias, a value shaped otherwise) is read-only with the reason as its note.
 */
public final class FormViewModel {
    public static final String NOTHING = "No resource at the caret";
    public static final String UNREADABLE = "The text does not parse: the form is read-only until it does";
    public static final String NOT_A_MAPPING = "The document at the caret is not a mapping";
    public static final String NOT_EDITABLE = "The form cannot edit this document: edit it in the text";
    public static final String STALE = "The form is catching up with the text: try again";

    private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** Go's time.ParseDuration: a sequence of decimal numbers with a unit each, or a bare 0. */
    private static final Pattern DURATION = Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");
    /** Kinds whose YAML Orloj reads as a parser does (docs/semantics.md): a block scalar reads alike in any field. */
    private static final Set<Kind> NOT_EMULATED = Set.of(Kind.SECRET, Kind.MEMORY, Kind.MCP_SERVER, Kind.TASK_SCHEDULE,
            Kind.TASK_WEBHOOK, Kind.WORKER, Kind.TOOL_APPROVAL);

    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Form> form = new ReadOnlyObjectWrapper<>(this, "form", Form.none());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Request requested;
    private State state;
    private int generation;

    public FormViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    /** What the form was asked to show: a file's text, the caret in it, the workspace for the pickers. */
    private record Request(String path, String text, int caret, Workspace workspace, int[] separators) {
        /** The 0-based segment of the text (between {@code ---} lines) a 1-based line is in. */
        int segment(int line) {
            int n = 0;
            while (n < separators.length && separators[n] <= line) {
                n++;
            }
            return n;
        }

        int caretSegment() {
            return segment(new SourceText(new SourceId(path), text).lineOf(caret));
        }
    }

    /** A form as read, and what its edits need: the edits of the document's text and where that text starts. */
    private record State(Request request, Form form, Optional<ManifestEdits> edits, int base, SourceText slice, Optional<Kind> kind,
                         SourceFormat format) {}

    public ReadOnlyObjectProperty<Form> formProperty() {
        return form.getReadOnlyProperty();
    }

    /** Why the last edit was refused or a typed value is not valid; empty after an edit that was made. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Shows the form of the document at {@code caret} (a 0-based offset into {@code text}) of the file at
     * {@code path}. Nothing is read again when only the caret moved within the same document.
     */
    public void show(String path, String text, int caret, Workspace workspace) {
        int[] separators = requested != null && requested.text.equals(text) ? requested.separators : separators(text);
        Request next = new Request(path, text, Math.max(0, Math.min(caret, text.length())), workspace, separators);
        if (requested != null && requested.path.equals(path) && requested.text.equals(text) && requested.workspace == workspace
                && requested.caretSegment() == next.caretSegment()) {
            return;
        }
        message.set("");
        submit(next);
    }

    /** Why {@code value} cannot go into {@code field}, if it cannot: not a number, not a duration, not a choice. */
    public Optional<String> problem(FormField field, String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (field.editor()) {
            case INTEGER -> INTEGER.matcher(v).matches() ? Optional.empty() : Optional.of("`" + v + "` is not a whole number");
            case DURATION -> DURATION.matcher(v).matches() ? Optional.empty()
                    : Optional.of("`" + v + "` is not a duration such as `30s` or `1m30s`");
            case CHOICE -> field.choices().contains(v) ? Optional.empty()
                    : Optional.of("`" + v + "` is not one of " + field.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")));
            case CHECK -> v.equals("true") || v.equals("false") ? Optional.empty() : Optional.of("`" + v + "` is not true or false");
            case TEXT, TEXT_BLOCK, REFERENCE, LIST, MAP -> Optional.empty();
            case SECTION, ENTRIES, ENTRY, NODES, NODE, READ_ONLY -> Optional.of("`" + field.dotted() + "` is not edited in the form");
        };
    }

    /**
     * Sets a scalar field ({@code TEXT}, {@code TEXT_BLOCK}, {@code INTEGER}, {@code DURATION}, {@code CHOICE},
     * {@code REFERENCE}, {@code CHECK}): in place when written, added to its mapping when not, removed when
     * {@code value} is empty. A {@code TEXT_BLOCK} keeps its lines (and the final line breaks it had); with a line
     * break, YAML gets a block scalar, where both readers read one (an Agent's prompt, a value already written as a
     * block, a field Orloj's line reader does not read).
     */
    public Optional<EditorChange> set(FormField field, String value) {
        Optional<State> at = editable(field);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(field.path()).orElseThrow();
        if (now.editor() == FieldEditor.TEXT_BLOCK) {
            return setText(at.get(), now, value);
        }
        String v = value.strip();
        Optional<String> problem = problem(now, v);
        if (problem.isPresent()) {
            return refuse(problem.get());
        }
        if (!scalar(now.editor())) {
            return refuse("`" + now.dotted() + "` is not a single value");
        }
        if (v.equals(now.value()) && (now.present() || v.isEmpty())) {
            message.set("");
            return Optional.empty();
        }
        ManifestEdits edits = at.get().edits.orElseThrow();
        boolean typed = now.editor() == FieldEditor.INTEGER || now.editor() == FieldEditor.CHECK;
        Optional<TextEdit> edit = v.isEmpty() ? edits.clear(now.path()) : edits.setValue(now.path(), v, typed, before(at.get(), now.path()));
        return made(at.get(), edit, "`" + v + "` cannot be written so that both readers read it alike: edit it in the text");
    }

    /**
     * The keys a new scalar must be written before, so that Orloj's line reader reads it: after a ToolPermission's
     * first operation rule every key line joins the last rule; after a graph node's {@code edges:} a {@code next}
     * becomes the last edge's target.
     */
    private static List<String> before(State at, List<String> path) {
        Kind kind = at.kind.orElseThrow();
        if (kind == Kind.TOOL_PERMISSION && path.size() == 2 && path.get(0).equals("spec")) {
            return List.of("operation_rules", "operationRules");
        }
        if (kind == Kind.AGENT_SYSTEM && Reader.graphField(path, "next")) {
            return List.of("edges");
        }
        return List.of();
    }

    private static boolean scalar(FieldEditor e) {
        return switch (e) {
            case TEXT, TEXT_BLOCK, INTEGER, DURATION, CHOICE, REFERENCE, CHECK -> true;
            case LIST, MAP, SECTION, ENTRIES, ENTRY, NODES, NODE, READ_ONLY -> false;
        };
    }

    private Optional<EditorChange> setText(State at, FormField now, String value) {
        String typed = value.replace("\r\n", "\n").replace('\r', '\n');
        String body = withoutFinalBreaks(typed);
        ManifestEdits edits = at.edits.orElseThrow();
        if (body.isBlank()) {
            return now.present() ? made(at, edits.clear(now.path()), "`" + now.dotted() + "` cannot be removed here: edit it in the text")
                    : Optional.empty();
        }
        if (body.equals(now.value()) && now.present()) {
            message.set("");
            return Optional.empty();
        }
        Optional<ScalarNode> old = edits.node(now.path()).filter(n -> n instanceof ScalarNode s && !s.isNull()).map(n -> (ScalarNode) n);
        boolean block = old.filter(s -> s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED
                || s.text().contains("\n") || s.span().endLine() != s.span().line()).isPresent();
        String breaks = old.map(s -> s.text().substring(withoutFinalBreaks(s.text()).length())).orElse("");
        boolean yaml = at.format == SourceFormat.YAML;
        if (breaks.isEmpty() && yaml && !block && body.contains("\n")) {
            breaks = "\n";
        }
        String next = body + breaks;
        if (yaml && next.contains("\n") && !block && !blocksRead(at, now)) {
            return refuse("Orloj's reader reads a value of several lines only in an Agent's prompt: keep `" + now.dotted() + "` on one line");
        }
        boolean prompt = at.kind.orElseThrow() == Kind.AGENT && now.dotted().equals("spec.prompt");
        return made(at, edits.setText(now.path(), next, prompt),
                "this text cannot be written as a block both readers read alike (a first line starting with a space or a tab, "
                        + "a control character): edit it in the text");
    }

    private static String withoutFinalBreaks(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Whether Orloj reads a YAML block scalar in this field as a YAML parser does: an Agent's prompt (its one
     * block), a field its line reader does not read at all (JSON-only fields, kinds it reads as a parser does).
     */
    private static boolean blocksRead(State at, FormField field) {
        Kind kind = at.kind.orElseThrow();
        if (NOT_EMULATED.contains(kind) || (kind == Kind.AGENT && field.dotted().equals("spec.prompt"))) {
            return true;
        }
        return schemaOf(at, field.path()).filter(f -> f.flag() == Field.Flag.JSON_ONLY).isPresent();
    }

    /** Adds an item to a list field (its key is created when missing); to a graph node's edges, an edge {@code to} it. */
    public Optional<EditorChange> add(FormField field, String item) {
        Optional<Target> target = target(field, "a list", FieldEditor.LIST);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        State at = target.get().state();
        FormField now = target.get().field();
        String v = item.strip();
        if (v.isEmpty()) {
            return refuse("type or pick a value to add to `" + now.dotted() + "`");
        }
        if (now.items().contains(v)) {
            return refuse("`" + v + "` is already in `" + now.dotted() + "`");
        }
        if (now.closed() && !now.choices().contains(v)) {
            return refuse(now.choices().isEmpty() ? "nothing can be added to `" + now.dotted() + "`" + (edges(at, now.path())
                    ? ": every agent of `spec.agents` has an edge here already, or the system lists none" : "")
                    : "`" + v + "` is not one of " + now.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")));
        }
        ManifestEdits edits = target.get().edits();
        Optional<TextEdit> edit = edges(at, now.path()) ? edits.addNestedMapItem(now.path(), Map.of("to", v)) : edits.addNestedItem(now.path(), v);
        return made(at, edit, "`" + v + "` cannot be added here: edit it in the text");
    }

    /** Removes item {@code index} of a list field; the last item takes its key along. */
    public Optional<EditorChange> remove(FormField field, int index) {
        Optional<Target> target = target(field, "a list", FieldEditor.LIST);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        if (index < 0 || index >= now.items().size()) {
            return refuse("`" + now.dotted() + "` has no item " + (index + 1));
        }
        return made(target.get().state(), target.get().edits().removeListItem(now.path(), index),
                "`" + now.items().get(index) + "` cannot be removed here (a flow list?): edit it in the text");
    }

    /**
     * Adds an entry to a list of objects ({@code ENTRIES}), the list created when missing. Its fields of closed
     * values are written, each {@code deny} where it may be and else its first value, so that a new operation rule
     * denies until it is changed: the studio errs on the closed side.
     */
    public Optional<EditorChange> addEntry(FormField entries) {
        Optional<Target> target = target(entries, "a list of entries", FieldEditor.ENTRIES);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        Optional<Field> schema = schemaOf(target.get().state(), now.path());
        java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        schema.ifPresent(f -> f.children().stream().filter(c -> c.type() == Field.Type.ENUM && c.flag() == Field.Flag.NORMAL)
                .forEach(c -> fields.put(c.name(), c.values().contains("deny") ? "deny" : c.values().get(0))));
        if (fields.isEmpty()) {
            return refuse("an entry of `" + now.dotted() + "` has no field the form can fill: write it in the text");
        }
        return made(target.get().state(), target.get().edits().addNestedMapItem(now.path(), fields),
                "an entry cannot be added to `" + now.dotted() + "` here: edit it in the text");
    }

    /** Removes one entry ({@code ENTRY}) of a list of objects or one node ({@code NODE}) of a graph, all its lines. */
    public Optional<EditorChange> removeEntry(FormField entry) {
        Optional<Target> target = target(entry, "an entry of a list or a node of a graph", FieldEditor.ENTRY, FieldEditor.NODE);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        List<String> parent = now.path().subList(0, now.path().size() - 1);
        String last = now.path().get(now.path().size() - 1);
        ManifestEdits edits = target.get().edits();
        Optional<TextEdit> edit = now.editor() == FieldEditor.ENTRY ? edits.removeListItem(parent, Integer.parseInt(last))
                : edits.removeEntry(parent, last);
        return made(target.get().state(), edit, "`" + now.label() + "` cannot be removed here: edit it in the text");
    }

    /** Adds a node ({@code name}, one of the system's agents) with no edges yet to a graph ({@code NODES}). */
    public Optional<EditorChange> addNode(FormField nodes, String name) {
        Optional<Target> target = target(nodes, "a graph", FieldEditor.NODES);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        String v = name.strip();
        if (v.isEmpty()) {
            return refuse("pick an agent of `spec.agents` to add to `" + now.dotted() + "`");
        }
        if (!now.choices().contains(v)) {
            return refuse("`" + v + "` is not an agent of `spec.agents` without a node yet");
        }
        return made(target.get().state(), target.get().edits().addObject(now.path(), v), "`" + v + "` cannot be added here: edit it in the text");
    }

    // ------------------------------------------------------------------------------------------------ maps

    /** Adds {@code key: value} to a map field ({@code MAP}), the map created when missing. */
    public Optional<EditorChange> put(FormField map, String key, String value) {
        Optional<Target> target = target(map, "a map", FieldEditor.MAP);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        String k = key.strip();
        String v = value.strip();
        if (k.isEmpty()) {
            return refuse("type a key to add to `" + now.dotted() + "`");
        }
        if (now.entries().stream().anyMatch(e -> e.key().equals(k))) {
            return refuse("`" + k + "` is already in `" + now.dotted() + "`");
        }
        ManifestEdits edits = target.get().edits();
        return made(target.get().state(), edits.putEntry(now.path(), k, v), mapRefusal(edits, now, k, v));
    }

    /** Renames key {@code index} of a map field, keeping its value. */
    public Optional<EditorChange> rename(FormField map, int index, String key) {
        Optional<Target> target = target(map, "a map", FieldEditor.MAP);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        if (index < 0 || index >= now.entries().size()) {
            return refuse("`" + now.dotted() + "` has no entry " + (index + 1));
        }
        String old = now.entries().get(index).key();
        String k = key.strip();
        if (k.equals(old)) {
            message.set("");
            return Optional.empty();
        }
        if (k.isEmpty()) {
            return refuse("a key cannot be empty: remove the entry instead");
        }
        if (now.entries().stream().anyMatch(e -> e.key().equals(k))) {
            return refuse("`" + k + "` is already in `" + now.dotted() + "`");
        }
        ManifestEdits edits = target.get().edits();
        return made(target.get().state(), edits.renameEntry(now.path(), old, k), mapRefusal(edits, now, k, "x"));
    }

    /** Sets the value of entry {@code index} of a map field ("" writes an empty string). */
    public Optional<EditorChange> setEntry(FormField map, int index, String value) {
        Optional<Target> target = target(map, "a map", FieldEditor.MAP);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        if (index < 0 || index >= now.entries().size()) {
            return refuse("`" + now.dotted() + "` has no entry " + (index + 1));
        }
        FormField.Entry entry = now.entries().get(index);
        String v = value.strip();
        if (v.equals(entry.value())) {
            message.set("");
            return Optional.empty();
        }
        return made(target.get().state(), target.get().edits().setEntry(now.path(), entry.key(), v),
                "`" + v + "` cannot be written so that both readers read it alike: edit it in the text");
    }

    /** Removes entry {@code index} of a map field; in YAML the last one takes the map's key along. */
    public Optional<EditorChange> removeKey(FormField map, int index) {
        Optional<Target> target = target(map, "a map", FieldEditor.MAP);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        FormField now = target.get().field();
        if (index < 0 || index >= now.entries().size()) {
            return refuse("`" + now.dotted() + "` has no entry " + (index + 1));
        }
        String key = now.entries().get(index).key();
        return made(target.get().state(), target.get().edits().removeEntry(now.path(), key), "`" + key + "` cannot be removed here: edit it in the text");
    }

    /** A field to edit: the state it is edited in and the field as that state's form shows it. */
    private record Target(State state, FormField field) {
        ManifestEdits edits() {
            return state.edits.orElseThrow();
        }
    }

    /** {@link #editable}, with the field as the form shows it now, refused as not {@code kind} unless its editor is one of {@code editors}. */
    private Optional<Target> target(FormField field, String kind, FieldEditor... editors) {
        Optional<State> at = editable(field);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(field.path()).orElseThrow();
        if (!List.of(editors).contains(now.editor())) {
            refuse("`" + now.dotted() + "` is not " + kind);
            return Optional.empty();
        }
        return Optional.of(new Target(at.get(), now));
    }

    /** Why a key or value could not be written: the key is tried with a harmless value to tell which. */
    private static String mapRefusal(ManifestEdits edits, FormField map, String key, String value) {
        if (edits.putEntry(map.path(), key, "x").isEmpty() && edits.putEntry(map.path(), "x-gatehouse-probe", "x").isPresent()) {
            return "`" + key + "` cannot be written as a key that Orloj's reader and a YAML parser read alike (no quotes, `:`, "
                    + "` #`, flow or leading indicator characters, surrounding spaces, and not a number, boolean or null): edit it in the text";
        }
        return "`" + value + "` cannot be written so that both readers read it alike: edit it in the text";
    }

    /** Whether {@code path} is a graph node's {@code edges} of an AgentSystem: a list of agents, written {@code - to: <agent>}. */
    private static boolean edges(State at, List<String> path) {
        return at.kind.filter(k -> k == Kind.AGENT_SYSTEM).isPresent() && Reader.graphField(path, "edges");
    }

    /** The schema field at a path of the form's document, list indexes and graph node names stepped over. */
    private static Optional<Field> schemaOf(State state, List<String> path) {
        if (state.kind.isEmpty()) {
            return Optional.empty();
        }
        Field at = Schemas.of(state.kind.get());
        boolean keyed = false;
        for (String step : path) {
            if (step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
                continue;
            }
            if (keyed) {
                keyed = false;
                continue;
            }
            Optional<Field> next = at.children().stream().filter(c -> c.name().equals(step) || c.yamlAliases().contains(step)).findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
            keyed = at.type() == Field.Type.OBJECT_MAP;
        }
        return Optional.of(at);
    }

    // ------------------------------------------------------------------------------------------------ editing

    /** The state to edit {@code field} in: the form shows the latest text, is editable, and has the field editable. */
    private Optional<State> editable(FormField field) {
        if (state == null || requested == null || !state.request.text.equals(requested.text) || !state.request.path.equals(requested.path)) {
            refuse(STALE);
            return Optional.empty();
        }
        Optional<FormField> now = state.form.field(field.path());
        if (!state.form.editable() || state.edits.isEmpty()) {
            refuse(state.form.placeholder().orElse(NOT_EDITABLE));
            return Optional.empty();
        }
        if (now.isEmpty() || !now.get().editable()) {
            refuse(now.map(FormField::note).filter(n -> !n.isEmpty()).orElse("`" + field.dotted() + "` is not edited in the form"));
            return Optional.empty();
        }
        return Optional.of(state);
    }

    private Optional<EditorChange> refuse(String why) {
        message.set(why);
        return Optional.empty();
    }

    /** The change of an edit of the document's text, in offsets of the whole file; the form reads the result at once. */
    private Optional<EditorChange> made(State at, Optional<TextEdit> edit, String refusal) {
        if (edit.isEmpty()) {
            return refuse(refusal);
        }
        TextEdit e = edit.get();
        int start = WorkspaceEdit.offset(at.slice, e.span().line(), e.span().column());
        int end = WorkspaceEdit.offset(at.slice, e.span().endLine(), e.span().endColumn());
        if (start < 0 || end < start) {
            return refuse(NOT_EDITABLE);
        }
        String edited = at.slice.text().substring(0, start) + e.replacement() + at.slice.text().substring(end);
        Optional<String> differs = ReadingDifferences.added(at.slice.id(), at.slice.text(), edited);
        if (differs.isPresent()) {
            return refuse("Orloj would read this otherwise than a parser does (" + differs.get() + "): edit it in the text");
        }
        Request r = at.request;
        EditorChange change = new EditorChange(r.path, at.base + start, at.base + end, e.replacement());
        String next = change.applyTo(r.text);
        int caret = r.caret <= change.start() ? r.caret
                : r.caret >= change.end() ? r.caret + change.replacement().length() - (change.end() - change.start()) : change.start();
        message.set("");
        submit(new Request(r.path, next, caret, r.workspace, separators(next)));
        return Optional.of(change);
    }

    private void submit(Request r) {
        requested = r;
        int mine = ++generation;
        runner.run(() -> read(r), read -> {
            if (mine == generation) {
                state = read;
                form.set(read.form);
            }
        }, failure -> {
            if (mine == generation) {
                state = null;
                form.set(new Form(r.path, "", false, Optional.of("The form could not read the text: " + failure.getMessage()), List.of()));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ reading

    private static int[] separators(String text) {
        SourceText t = new SourceText(new SourceId(""), text);
        List<Integer> out = new ArrayList<>();
        for (int line = 1; line <= t.lineCount(); line++) {
            if (SEPARATOR.matcher(t.line(line)).matches()) {
                out.add(line);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Reads the text and builds the form of the document at the caret (off the FX thread). */
    private static State read(Request r) {
        SourceId id = new SourceId(r.path);
        SourceText whole = new SourceText(id, r.text);
        ParsedFile parsed = new ManifestParser().parse(id, r.text.getBytes(StandardCharsets.UTF_8));
        if (!parsed.readable()) {
            return placeholder(r, UNREADABLE);
        }
        if (parsed.documents().isEmpty()) {
            return placeholder(r, NOTHING);
        }
        Document doc = parsed.documents().get(0);
        int caretSegment = r.caretSegment();
        for (Document d : parsed.documents()) {
            if (r.segment(d.root().span().line()) <= caretSegment) {
                doc = d;
            }
        }
        if (!(doc.root() instanceof MapNode root)) {
            return placeholder(r, NOT_A_MAPPING);
        }
        Optional<Kind> kind = scalar(root, "kind").flatMap(Kind::fromOrloj);
        if (kind.isEmpty()) {
            return placeholder(r, scalar(root, "kind").map(k -> "Unknown kind `" + k + "`: the form knows the 15 orloj.dev/v1 kinds")
                    .orElse("The document at the caret has no kind"));
        }
        // The document's own text: the whole file, or its segment between `---` lines when the file holds several.
        int base = 0;
        String slice = r.text;
        if (parsed.format() == SourceFormat.YAML && parsed.documents().size() > 1) {
            int segment = r.segment(doc.root().span().line());
            int first = segment == 0 ? 1 : r.separators[segment - 1];
            int last = segment < r.separators.length ? r.separators[segment] - 1 : whole.lineCount();
            base = whole.lineStart(first);
            int end = last < whole.lineCount() ? whole.lineStart(last + 1) : r.text.length();
            slice = r.text.substring(base, end);
        }
        Optional<ManifestEdits> edits = ManifestEdits.of(id, slice);
        boolean editable = edits.isPresent();
        Optional<String> placeholder = editable ? Optional.empty() : Optional.of(NOT_EDITABLE);
        String namespace = scalar(root, "metadata", "namespace").filter(n -> !n.isBlank()).orElse(Meta.DEFAULT_NAMESPACE);
        String name = scalar(root, "metadata", "name").orElse("");
        Reader reader = new Reader(kind.get(), namespace, r.workspace, edits, parsed.format() == SourceFormat.JSON);
        List<FormField> fields = reader.fields(root);
        Form f = new Form(r.path, kind.get().wireName() + " " + namespace + "/" + name, editable, placeholder, fields);
        return new State(r, f, edits, base, new SourceText(id, slice), kind, parsed.format());
    }

    private static State placeholder(Request r, String why) {
        return new State(r, new Form(r.path, "", false, Optional.of(why), List.of()), Optional.empty(), 0,
                new SourceText(new SourceId(r.path), r.text), Optional.empty(), SourceFormat.YAML);
    }

    private static Optional<String> scalar(MapNode root, String... path) {
        Node at = root;
        for (String step : path) {
            if (!(at instanceof MapNode m) || m.get(step).isEmpty()) {
                return Optional.empty();
            }
            at = m.get(step).get();
        }
        return at instanceof ScalarNode s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
    }

    /** Walks a kind's schema over a document, one row per field, with the values written and the names to pick. */
    private static final class Reader {
        private final Kind kind;
        private final String namespace;
        private final Workspace workspace;
        private final Optional<ManifestEdits> edits;
        private final boolean editable;
        private final boolean json;
        private final Map<String, Class<? extends Resource>> references;
        private final List<FormField> out = new ArrayList<>();
        /** An AgentSystem's {@code spec.agents}: what its graph's nodes and edges may name. */
        private List<String> members = List.of();

        Reader(Kind kind, String namespace, Workspace workspace, Optional<ManifestEdits> edits, boolean json) {
            this.kind = kind;
            this.namespace = namespace;
            this.workspace = workspace;
            this.edits = edits;
            this.editable = edits.isPresent();
            this.json = json;
            this.references = references(kind);
        }

        List<FormField> fields(MapNode root) {
            Field schema = Schemas.of(kind);
            Field metadata = schema.child("metadata").orElseThrow();
            Optional<Node> meta = root.get("metadata");
            row(List.of("metadata"), metadata, meta, 0);
            Optional<MapNode> metaMap = meta.filter(n -> n instanceof MapNode).map(n -> (MapNode) n);
            for (String key : List.of("name", "namespace", "labels")) {
                child(List.of("metadata"), metadata.child(key).orElseThrow(), metaMap, 1);
            }
            Field spec = schema.child("spec").orElseThrow();
            Optional<Node> specNode = root.get("spec");
            if (kind == Kind.AGENT_SYSTEM && specNode.orElse(null) instanceof MapNode m && m.get("agents").orElse(null) instanceof ListNode l) {
                members = l.items().stream().filter(i -> i instanceof ScalarNode s && !s.isNull()).map(i -> ((ScalarNode) i).text())
                        .distinct().toList();
            }
            row(List.of("spec"), spec, specNode, 0);
            children(List.of("spec"), spec, specNode, 1);
            return out;
        }

        /** Why the field at {@code path} is not edited ("" when it is): the form is read-only, or the edits refuse it. */
        private String why(List<String> path) {
            if (!editable) {
                return "the form is read-only";
            }
            return edits.get().refusal(path).orElse("");
        }

        /** The rows of an object's fields, when its value is a mapping (or absent or empty, so its fields can be seen). */
        private void children(List<String> path, Field object, Optional<Node> node, int depth) {
            if (node.isPresent() && !(node.get() instanceof MapNode) && !(node.get() instanceof ScalarNode s && s.isNull())) {
                return;
            }
            Optional<MapNode> map = node.filter(n -> n instanceof MapNode).map(n -> (MapNode) n);
            for (Field f : object.children()) {
                child(path, f, map, depth);
            }
        }

        private void child(List<String> parentPath, Field f, Optional<MapNode> parent, int depth) {
            String key = f.name();
            Optional<Node> value = Optional.empty();
            String spelledOtherwise = "";
            if (parent.isPresent()) {
                for (String spelling : spellings(f)) {
                    if (parent.get().get(spelling).isPresent()) {
                        key = spelling;
                        value = parent.get().get(spelling);
                        break;
                    }
                }
                if (json && value.isEmpty()) {
                    // Go's decoder matches a key ignoring case: a form that added the field would write it twice
                    for (MapNode.Entry e : parent.get().entries()) {
                        if (e.name().equalsIgnoreCase(f.name())) {
                            key = e.name();
                            value = Optional.of(e.value());
                            spelledOtherwise = "written `" + e.name() + "`, which Orloj's JSON reader takes for `" + f.name()
                                    + "`: spell it `" + f.name() + "` in the text";
                            break;
                        }
                    }
                }
            }
            boolean shown = f.flag() == Field.Flag.NORMAL || (json && f.flag() == Field.Flag.JSON_ONLY);
            if (!shown && value.isEmpty()) {
                return;
            }
            List<String> path = new ArrayList<>(parentPath);
            path.add(key);
            if (kind == Kind.AGENT_SYSTEM && (graphField(path, "next") || graphField(path, "edges"))) {
                graphField(path, f, value, depth);
                return;
            }
            if (f.type() == Field.Type.OBJECT_MAP) {
                nodes(path, f, value, depth);
                return;
            }
            row(path, f, value, depth, spelledOtherwise);
            switch (f.type()) {
                case OBJECT -> children(path, f, value, depth + 1);
                case OBJECT_LIST -> {
                    if (value.isPresent() && value.get() instanceof ListNode list) {
                        for (int i = 0; i < list.items().size(); i++) {
                            List<String> itemPath = new ArrayList<>(path);
                            itemPath.add(String.valueOf(i));
                            Optional<Node> item = Optional.of(list.items().get(i));
                            String why = why(itemPath);
                            out.add(new FormField(itemPath, FieldEditor.ENTRY, f.name() + " " + (i + 1), depth + 1, "", List.of(),
                                    List.of(), false, true, why.isEmpty(), why));
                            if (item.get() instanceof MapNode) {
                                children(itemPath, f, item, depth + 2);
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }

        private List<String> spellings(Field f) {
            List<String> out = new ArrayList<>();
            out.add(f.name());
            if (!json) {
                out.addAll(f.yamlAliases());
            }
            return out;
        }

        /** Whether {@code path} is {@code spec.graph.<node>.<field>}. */
        static boolean graphField(List<String> path, String field) {
            return path.size() == 4 && path.get(0).equals("spec") && path.get(1).equals("graph") && path.get(3).equals(field);
        }

        /**
         * A graph ({@code spec.graph}): its heading offers the system's agents that have no node yet, then each node
         * with its fields ({@code next}, {@code edges}, {@code join}).
         */
        private void nodes(List<String> path, Field f, Optional<Node> value, int depth) {
            Optional<Node> written = value.filter(n -> !(n instanceof ScalarNode s && s.isNull()));
            String why = why(path);
            if (why.isEmpty() && written.isPresent() && !(written.get() instanceof MapNode)) {
                why = "written as " + written.get().shape() + ": edit it in the text";
            }
            List<String> names = written.orElse(null) instanceof MapNode m ? m.entries().stream().map(MapNode.Entry::name).toList() : List.of();
            List<String> choices = members.stream().filter(a -> !names.contains(a)).toList();
            out.add(new FormField(path, FieldEditor.NODES, path.get(path.size() - 1), depth, "", names, choices, true, value.isPresent(),
                    why.isEmpty(), why.isEmpty() ? f.doc() + "; a node for each agent of `spec.agents` that hands work on" : why));
            if (!(written.orElse(null) instanceof MapNode m)) {
                return;
            }
            for (MapNode.Entry e : m.entries()) {
                List<String> nodePath = new ArrayList<>(path);
                nodePath.add(e.name());
                Node v = e.value();
                boolean object = v instanceof MapNode || (v instanceof ScalarNode s && s.isNull());
                String nodeWhy = why(nodePath);
                if (nodeWhy.isEmpty() && !object) {
                    nodeWhy = "written as " + v.shape() + ": edit it in the text";
                }
                out.add(new FormField(nodePath, FieldEditor.NODE, e.name(), depth + 1, "", List.of(), List.of(), false, true,
                        nodeWhy.isEmpty(), nodeWhy.isEmpty() ? "the node of `" + e.name() + "`: where its output goes" : nodeWhy));
                if (object) {
                    children(nodePath, f, Optional.of(v), depth + 2);
                }
            }
        }

        /**
         * A graph node's {@code next} (a choice of the system's agents) or {@code edges} (a list of the system's
         * agents, each edge written {@code - to: <agent>}; its labels and policy, when written, as maps after it).
         */
        private void graphField(List<String> path, Field f, Optional<Node> value, int depth) {
            String label = path.get(path.size() - 1);
            Optional<Node> written = value.filter(n -> !(n instanceof ScalarNode s && s.isNull()));
            String why = why(path);
            if (label.equals("next")) {
                String text = written.orElse(null) instanceof ScalarNode s ? s.text() : "";
                if (why.isEmpty() && written.isPresent() && !(written.get() instanceof ScalarNode s && s.span().line() == s.span().endLine())) {
                    why = "written as " + written.get().shape() + " of several lines: edit it in the text";
                }
                List<String> choices = new ArrayList<>(members);
                if (!text.isEmpty() && !choices.contains(text)) {
                    choices.add(0, text);
                }
                out.add(new FormField(path, FieldEditor.CHOICE, label, depth, text, List.of(), choices, true, value.isPresent(),
                        why.isEmpty(), why.isEmpty() ? f.doc() + " (an agent of `spec.agents`)" : why));
                return;
            }
            List<String> targets = new ArrayList<>();
            List<MapNode> routes = new ArrayList<>();
            if (written.isPresent()) {
                if (written.get() instanceof ListNode l && !l.flow()) {
                    for (Node item : l.items()) {
                        if (item instanceof MapNode m && m.get("to").orElse(null) instanceof ScalarNode to && !to.isNull()
                                && m.entries().stream().allMatch(e -> List.of("to", "labels", "policy").contains(e.name()))) {
                            targets.add(to.text());
                            routes.add(m);
                        } else if (why.isEmpty()) {
                            why = "an edge is not written `- to: <agent>`: edit it in the text";
                        }
                    }
                } else if (why.isEmpty()) {
                    why = "written as " + (written.get() instanceof ListNode ? "a flow list" : written.get().shape()) + ": edit it in the text";
                }
            }
            List<String> choices = members.stream().filter(a -> !targets.contains(a)).toList();
            out.add(new FormField(path, FieldEditor.LIST, label, depth, "", targets, choices, true, written.isPresent(), why.isEmpty(),
                    why.isEmpty() ? "the agents this node hands its output to (agents of `spec.agents`)" : why));
            if (!why.isEmpty()) {
                return;
            }
            Field route = f.children().stream().filter(c -> c.name().equals("edges")).findFirst().orElse(f);
            for (int i = 0; i < routes.size(); i++) {
                for (String map : List.of("labels", "policy")) {
                    Optional<Node> m = routes.get(i).get(map);
                    if (m.isPresent()) {
                        List<String> mapPath = new ArrayList<>(path);
                        mapPath.add(String.valueOf(i));
                        mapPath.add(map);
                        Field mf = route.child(map).orElse(f);
                        int before = out.size();
                        row(mapPath, mf, m, depth + 1, "");
                        FormField r = out.remove(before);
                        out.add(new FormField(r.path(), r.editor(), "edge to " + targets.get(i) + ": " + map, r.depth(), r.value(), r.items(),
                                r.choices(), r.closed(), r.present(), r.editable(), r.note(), r.entries()));
                    }
                }
            }
        }

        private void row(List<String> path, Field f, Optional<Node> value, int depth) {
            row(path, f, value, depth, "");
        }

        private void row(List<String> path, Field f, Optional<Node> value, int depth, String spelledOtherwise) {
            String label = path.get(path.size() - 1);
            // looked up by the schema's name, so that a field spelled by an alias (`modelRef`) keeps its editor
            List<String> named = new ArrayList<>(path.subList(0, path.size() - 1));
            named.add(f.name());
            String dotted = String.join(".", named);
            String doc = f.flag() == Field.Flag.NORMAL ? f.doc() : f.doc() + " (" + f.flag().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
            Optional<Node> written = value.filter(n -> !(n instanceof ScalarNode s && s.isNull()));
            boolean present = value.isPresent();
            String why = spelledOtherwise.isEmpty() ? why(path) : spelledOtherwise;
            switch (f.type()) {
                case STRING, INT, BOOL, DURATION, ENUM -> {
                    FieldEditor editor = switch (f.type()) {
                        case INT -> FieldEditor.INTEGER;
                        case BOOL -> FieldEditor.CHECK;
                        case DURATION -> FieldEditor.DURATION;
                        case ENUM -> FieldEditor.CHOICE;
                        default -> references.containsKey(dotted(named)) ? FieldEditor.REFERENCE
                                : prose(dotted) ? FieldEditor.TEXT_BLOCK : FieldEditor.TEXT;
                    };
                    String text = "";
                    if (written.isPresent()) {
                        if (written.get() instanceof ScalarNode s) {
                            text = s.text();
                            boolean lines = s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED
                                    || s.span().endLine() != s.span().line() || s.text().contains("\n");
                            if (lines && (editor == FieldEditor.TEXT || editor == FieldEditor.TEXT_BLOCK)) {
                                editor = FieldEditor.TEXT_BLOCK;
                            } else if (lines && why.isEmpty()) {
                                why = "a block of several lines: edit it in the text";
                            }
                        } else if (why.isEmpty()) {
                            why = "written as " + written.get().shape() + ": edit it in the text";
                        }
                    }
                    if (editor == FieldEditor.TEXT_BLOCK) {
                        text = withoutFinalBreaks(text);
                    }
                    List<String> choices = List.of();
                    if (editor == FieldEditor.CHOICE) {
                        choices = new ArrayList<>(f.values());
                        if (!text.isEmpty() && !choices.contains(text)) {
                            choices.add(0, text);
                        }
                    } else if (editor == FieldEditor.REFERENCE) {
                        choices = names(references.get(dotted(named)));
                    }
                    out.add(new FormField(path, editor, label, depth, text, List.of(), choices, editor == FieldEditor.CHOICE, present,
                            why.isEmpty(), why.isEmpty() ? doc : why));
                }
                case STRING_LIST, ENUM_LIST -> {
                    List<String> items = new ArrayList<>();
                    if (written.isPresent()) {
                        if (written.get() instanceof ListNode list && list.items().stream().allMatch(i -> i instanceof ScalarNode)) {
                            list.items().forEach(i -> items.add(((ScalarNode) i).text()));
                        } else if (why.isEmpty()) {
                            why = "written as " + written.get().shape() + " of other values: edit it in the text";
                        }
                    }
                    List<String> offered = f.type() == Field.Type.ENUM_LIST ? f.values()
                            : references.containsKey(dotted(named)) ? names(references.get(dotted(named)))
                            : grants(dotted(named)) ? permissions() : List.of();
                    List<String> choices = offered.stream().filter(c -> !items.contains(c)).toList();
                    out.add(new FormField(path, FieldEditor.LIST, label, depth, "", items, choices, f.type() == Field.Type.ENUM_LIST,
                            written.isPresent(), why.isEmpty(), why.isEmpty() ? doc : why));
                }
                case STRING_MAP -> {
                    List<FormField.Entry> entries = new ArrayList<>();
                    if (written.isPresent()) {
                        if (written.get() instanceof MapNode m) {
                            for (MapNode.Entry e : m.entries()) {
                                if (!(e.value() instanceof ScalarNode s)) {
                                    why = why.isEmpty() ? "the value of `" + e.name() + "` is " + e.value().shape() + ": edit it in the text" : why;
                                } else if (s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED
                                        || s.span().line() != s.span().endLine() || s.text().contains("\n")) {
                                    why = why.isEmpty() ? "the value of `" + e.name() + "` has several lines: edit it in the text" : why;
                                } else {
                                    entries.add(new FormField.Entry(e.name(), s.isNull() ? "" : s.text()));
                                }
                            }
                        } else if (why.isEmpty()) {
                            why = "written as " + written.get().shape() + ": edit it in the text";
                        }
                    }
                    out.add(new FormField(path, FieldEditor.MAP, label, depth, "", List.of(), List.of(), false, present, why.isEmpty(),
                            why.isEmpty() ? doc : why, entries));
                }
                case OBJECT -> out.add(new FormField(path, FieldEditor.SECTION, label, depth, "", List.of(), List.of(),
                        false, present, false, doc));
                case OBJECT_LIST -> {
                    boolean entries = written.isEmpty() || (written.get() instanceof ListNode l && !l.flow()
                            && l.items().stream().allMatch(i -> i instanceof MapNode));
                    String note = !why.isEmpty() ? why : entries ? doc : "written as " + written.get().shape() + " of other values: edit it in the text";
                    out.add(new FormField(path, FieldEditor.ENTRIES, label, depth, "", List.of(), List.of(), false, present,
                            why.isEmpty() && entries, note));
                }
                case OBJECT_MAP, ANY -> out.add(new FormField(path, FieldEditor.READ_ONLY, label, depth, summary(written),
                        List.of(), List.of(), false, present, false, doc + "; edit it in the text"));
            }
        }

        /** Free text that often runs over several lines: written as a text area even when it is one line yet. */
        private boolean prose(String dotted) {
            return (kind == Kind.AGENT && dotted.equals("spec.prompt")) || (kind == Kind.TOOL && dotted.equals("spec.description"));
        }

        /** The dotted path with list indexes dropped: what the reference table is keyed by. */
        private static String dotted(List<String> path) {
            return path.stream().filter(s -> s.isEmpty() || !s.chars().allMatch(Character::isDigit)).collect(Collectors.joining("."));
        }

        private static String summary(Optional<Node> node) {
            if (node.isEmpty()) {
                return "";
            }
            if (node.get() instanceof MapNode m) {
                return m.entries().stream().map(e -> e.name() + ": " + (e.value() instanceof ScalarNode s ? s.text() : "…"))
                        .collect(Collectors.joining(", "));
            }
            if (node.get() instanceof ScalarNode s) {
                return s.text();
            }
            return "a list of " + ((ListNode) node.get()).items().size();
        }

        /** Whether a list holds permission strings: an AgentRole's grants, a ToolPermission's requirements. */
        private boolean grants(String dotted) {
            return (kind == Kind.AGENT_ROLE && dotted.equals("spec.permissions"))
                    || (kind == Kind.TOOL_PERMISSION && dotted.equals("spec.required_permissions"));
        }

        /**
         * The permissions the namespace's tools ask for by default ({@code tool:<name>:invoke}, then each
         * {@code capability:<c>}), sorted: what a role grants and a rule requires, offered but not imposed.
         */
        private List<String> permissions() {
            java.util.TreeSet<String> tools = new java.util.TreeSet<>();
            java.util.TreeSet<String> capabilities = new java.util.TreeSet<>();
            for (Tool t : workspace.all(Tool.class)) {
                if (t.namespace().equals(namespace)) {
                    tools.add("tool:" + t.name() + ":invoke");
                    t.capabilities().forEach(c -> capabilities.add("capability:" + c.value()));
                }
            }
            List<String> out = new ArrayList<>(tools);
            out.addAll(capabilities);
            return out;
        }

        /** The names of one kind's resources in the form's namespace, sorted. */
        private List<String> names(Class<? extends Resource> type) {
            return workspace.all(type).stream().filter(r -> r.namespace().equals(namespace)).map(Resource::name)
                    .distinct().sorted().toList();
        }

        /** Which fields of a kind name another resource (SEMANTICS.md references; ORLOJ.md §2). */
        private static Map<String, Class<? extends Resource>> references(Kind kind) {
            return switch (kind) {
                case AGENT -> Map.of("spec.model_ref", ModelEndpoint.class, "spec.roles", AgentRole.class,
                        "spec.tools", Tool.class, "spec.allowed_tools", Tool.class,
                        "spec.execution.tool_sequence", Tool.class, "spec.memory.ref", Memory.class);
                case AGENT_SYSTEM -> Map.of("spec.agents", dev.gatehouse.core.model.Agent.class);
                case TOOL_PERMISSION -> Map.of("spec.tool_ref", Tool.class, "spec.target_agents", dev.gatehouse.core.model.Agent.class);
                case AGENT_POLICY -> Map.of("spec.blocked_tools", Tool.class, "spec.target_systems", AgentSystem.class,
                        "spec.target_tasks", Task.class);
                case TASK -> Map.of("spec.system", AgentSystem.class);
                case TASK_SCHEDULE, TASK_WEBHOOK -> Map.of("spec.task_ref", Task.class);
                case TOOL -> Map.of("spec.auth.secretRef", Secret.class, "spec.mcp_server_ref", McpServer.class);
                case MODEL_ENDPOINT -> Map.of("spec.auth.secretRef", Secret.class);
                case MEMORY -> Map.of("spec.embedding_model", ModelEndpoint.class);
                case SECRET, AGENT_ROLE, TOOL_APPROVAL, WORKER, MCP_SERVER -> Map.of();
            };
        }
    }
}
