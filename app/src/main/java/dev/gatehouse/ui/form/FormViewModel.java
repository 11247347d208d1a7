package dev.gatehouse.ui.form;

import dev.gatehouse.core.edit.TextEdit;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.edit.YamlEdits;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The form of the resource at the editor's caret, and the text edits its controls make.
 *
 * <p>Use: {@code new FormViewModel(runner)}; call {@link #show(String, String, int, Workspace)} with the file's
 * workspace path, its text as the editor has it, the caret offset and the workspace last read (for the names the
 * pickers offer) whenever one of them changes: each validated text, each caret move. The text is read off the FX
 * thread through the runner; {@link #formProperty()} then holds the form of the document at the caret. The edit
 * methods ({@link #set}, {@link #add}, {@link #remove}, {@link #addEntry}, {@link #removeEntry}; a field whose mappings are not written yet is added with them) return the {@link EditorChange} to apply to the editor as
 * one undoable edit, computed by {@link YamlEdits} on the text the form was read from, so only the lines of that
 * field change; the form reads the changed text at once, so feeding the same text back later changes nothing.
 * An edit that cannot be made returns empty and says why in {@link #messageProperty()}.
 */
public final class FormViewModel {
    public static final String NOTHING = "No resource at the caret";
    public static final String UNREADABLE = "The text does not parse: the form is read-only until it does";
    public static final String JSON = "A JSON manifest: the form is read-only, edit it in the text";
    public static final String NOT_A_MAPPING = "The document at the caret is not a mapping";
    public static final String NOT_EDITABLE = "The form cannot edit this document: edit it in the text";
    public static final String STALE = "The form is catching up with the text: try again";

    private static final Pattern SEPARATOR = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** Go's time.ParseDuration: a sequence of decimal numbers with a unit each, or a bare 0. */
    private static final Pattern DURATION = Pattern.compile("[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");

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
    private record State(Request request, Form form, Optional<YamlEdits> edits, int base, SourceText slice, Optional<Kind> kind) {}

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
            case TEXT, REFERENCE, LIST -> Optional.empty();
            case SECTION, ENTRIES, ENTRY, READ_ONLY -> Optional.of("`" + field.dotted() + "` is not edited in the form");
        };
    }

    /**
     * Sets a scalar field ({@code TEXT}, {@code INTEGER}, {@code DURATION}, {@code CHOICE}, {@code REFERENCE},
     * {@code CHECK}): in place when written, added to its mapping when not, removed when {@code value} is empty.
     */
    public Optional<EditorChange> set(FormField field, String value) {
        Optional<State> at = editable(field);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(field.dotted()).orElseThrow();
        String v = value.strip();
        Optional<String> problem = problem(now, v);
        if (problem.isPresent()) {
            return refuse(problem.get());
        }
        if (now.editor() == FieldEditor.LIST || now.editor() == FieldEditor.SECTION || now.editor() == FieldEditor.ENTRIES
                || now.editor() == FieldEditor.ENTRY || now.editor() == FieldEditor.READ_ONLY) {
            return refuse("`" + now.dotted() + "` is not a single value");
        }
        if (v.equals(now.value()) && (now.present() || v.isEmpty())) {
            message.set("");
            return Optional.empty();
        }
        YamlEdits edits = at.get().edits.orElseThrow();
        boolean typed = now.editor() == FieldEditor.INTEGER || now.editor() == FieldEditor.CHECK;
        List<String> path = now.path();
        Optional<TextEdit> edit;
        if (v.isEmpty()) {
            edit = edits.removeField(path);
        } else if (now.present()) {
            edit = typed ? edits.setTyped(path, v) : edits.setScalar(path, v);
        } else {
            List<String> parent = path.subList(0, path.size() - 1);
            String key = path.get(path.size() - 1);
            edit = edits.addNestedField(parent, key, v, typed);
        }
        return made(at.get(), edit, "`" + v + "` cannot be written so that both readers read it alike: edit it in the text");
    }

    /** Adds an item to a list field (its key is created when missing). */
    public Optional<EditorChange> add(FormField field, String item) {
        Optional<State> at = editable(field);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(field.dotted()).orElseThrow();
        String v = item.strip();
        if (now.editor() != FieldEditor.LIST) {
            return refuse("`" + now.dotted() + "` is not a list");
        }
        if (v.isEmpty()) {
            return refuse("type or pick a value to add to `" + now.dotted() + "`");
        }
        if (now.items().contains(v)) {
            return refuse("`" + v + "` is already in `" + now.dotted() + "`");
        }
        if (now.closed() && !now.choices().contains(v)) {
            return refuse("`" + v + "` is not one of " + now.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")));
        }
        return made(at.get(), at.get().edits.orElseThrow().addNestedItem(now.path(), v),
                "`" + v + "` cannot be added here: edit it in the text");
    }

    /** Removes item {@code index} of a list field; the last item takes its key along. */
    public Optional<EditorChange> remove(FormField field, int index) {
        Optional<State> at = editable(field);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(field.dotted()).orElseThrow();
        if (now.editor() != FieldEditor.LIST || index < 0 || index >= now.items().size()) {
            return refuse("`" + now.dotted() + "` has no item " + (index + 1));
        }
        return made(at.get(), at.get().edits.orElseThrow().removeItemAt(now.path(), index),
                "`" + now.items().get(index) + "` cannot be removed here (a flow list?): edit it in the text");
    }

    /**
     * Adds an entry to a list of objects ({@code ENTRIES}), the list created when missing. Its fields of closed
     * values are written, each {@code deny} where it may be and else its first value, so that a new operation rule
     * denies until it is changed: the studio errs on the closed side.
     */
    public Optional<EditorChange> addEntry(FormField entries) {
        Optional<State> at = editable(entries);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(entries.dotted()).orElseThrow();
        if (now.editor() != FieldEditor.ENTRIES) {
            return refuse("`" + now.dotted() + "` is not a list of entries");
        }
        Optional<Field> schema = schemaOf(at.get(), now.path());
        java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        schema.ifPresent(f -> f.children().stream().filter(c -> c.type() == Field.Type.ENUM && c.flag() == Field.Flag.NORMAL)
                .forEach(c -> fields.put(c.name(), c.values().contains("deny") ? "deny" : c.values().get(0))));
        if (fields.isEmpty()) {
            return refuse("an entry of `" + now.dotted() + "` has no field the form can fill: write it in the text");
        }
        return made(at.get(), at.get().edits.orElseThrow().addNestedMapItem(now.path(), fields),
                "an entry cannot be added to `" + now.dotted() + "` here: edit it in the text");
    }

    /** Removes one entry ({@code ENTRY}) of a list of objects, all its lines; the last one takes the list's key along. */
    public Optional<EditorChange> removeEntry(FormField entry) {
        Optional<State> at = editable(entry);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        FormField now = at.get().form.field(entry.dotted()).orElseThrow();
        if (now.editor() != FieldEditor.ENTRY) {
            return refuse("`" + now.dotted() + "` is not an entry of a list");
        }
        List<String> list = now.path().subList(0, now.path().size() - 1);
        int index = Integer.parseInt(now.path().get(now.path().size() - 1));
        return made(at.get(), at.get().edits.orElseThrow().removeItemAt(list, index),
                "`" + now.label() + "` cannot be removed here: edit it in the text");
    }

    /** The schema field at a path of the form's document, list indexes stepped over. */
    private static Optional<Field> schemaOf(State state, List<String> path) {
        if (state.kind.isEmpty()) {
            return Optional.empty();
        }
        Field at = Schemas.of(state.kind.get());
        for (String step : path) {
            if (step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
                continue;
            }
            Optional<Field> next = at.children().stream().filter(c -> c.name().equals(step) || c.yamlAliases().contains(step)).findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
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
        Optional<FormField> now = state.form.field(field.dotted());
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
        Optional<YamlEdits> edits = parsed.format() == SourceFormat.YAML ? YamlEdits.of(id, slice) : Optional.empty();
        boolean editable = edits.isPresent();
        Optional<String> placeholder = parsed.format() == SourceFormat.JSON ? Optional.of(JSON)
                : editable ? Optional.empty() : Optional.of(NOT_EDITABLE);
        String namespace = scalar(root, "metadata", "namespace").filter(n -> !n.isBlank()).orElse(Meta.DEFAULT_NAMESPACE);
        String name = scalar(root, "metadata", "name").orElse("");
        Reader reader = new Reader(kind.get(), namespace, r.workspace, editable);
        List<FormField> fields = reader.fields(root);
        Form f = new Form(r.path, kind.get().wireName() + " " + namespace + "/" + name, editable, placeholder, fields);
        return new State(r, f, edits, base, new SourceText(id, slice), kind);
    }

    private static State placeholder(Request r, String why) {
        return new State(r, new Form(r.path, "", false, Optional.of(why), List.of()), Optional.empty(), 0,
                new SourceText(new SourceId(r.path), r.text), Optional.empty());
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
        private final boolean editable;
        private final Map<String, Class<? extends Resource>> references;
        private final List<FormField> out = new ArrayList<>();

        Reader(Kind kind, String namespace, Workspace workspace, boolean editable) {
            this.kind = kind;
            this.namespace = namespace;
            this.workspace = workspace;
            this.editable = editable;
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
            row(List.of("spec"), spec, specNode, 0);
            children(List.of("spec"), spec, specNode, 1);
            return out;
        }

        /** The rows of an object's fields, when its value is a mapping (or absent, so its fields can be seen). */
        private void children(List<String> path, Field object, Optional<Node> node, int depth) {
            if (node.isPresent() && !(node.get() instanceof MapNode)) {
                return;
            }
            Optional<MapNode> map = node.map(n -> (MapNode) n);
            for (Field f : object.children()) {
                child(path, f, map, depth);
            }
        }

        private void child(List<String> parentPath, Field f, Optional<MapNode> parent, int depth) {
            String key = f.name();
            Optional<Node> value = Optional.empty();
            if (parent.isPresent()) {
                for (String spelling : spellings(f)) {
                    if (parent.get().get(spelling).isPresent()) {
                        key = spelling;
                        value = parent.get().get(spelling);
                        break;
                    }
                }
            }
            if (f.flag() != Field.Flag.NORMAL && value.isEmpty()) {
                return;
            }
            List<String> path = new ArrayList<>(parentPath);
            path.add(key);
            row(path, f, value, depth);
            switch (f.type()) {
                case OBJECT -> children(path, f, value, depth + 1);
                case OBJECT_LIST -> {
                    if (value.isPresent() && value.get() instanceof ListNode list) {
                        for (int i = 0; i < list.items().size(); i++) {
                            List<String> itemPath = new ArrayList<>(path);
                            itemPath.add(String.valueOf(i));
                            Optional<Node> item = Optional.of(list.items().get(i));
                            out.add(new FormField(itemPath, FieldEditor.ENTRY, f.name() + " " + (i + 1), depth + 1, "", List.of(),
                                    List.of(), false, true, editable, editable ? "" : "the form is read-only"));
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

        private static List<String> spellings(Field f) {
            List<String> out = new ArrayList<>();
            out.add(f.name());
            out.addAll(f.yamlAliases());
            return out;
        }

        private void row(List<String> path, Field f, Optional<Node> value, int depth) {
            String label = path.get(path.size() - 1);
            String dotted = String.join(".", path);
            String doc = f.flag() == Field.Flag.NORMAL ? f.doc() : f.doc() + " (" + f.flag().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
            Optional<Node> written = value.filter(n -> !(n instanceof ScalarNode s && s.isNull()));
            boolean present = value.isPresent();
            String why = editable ? "" : "the form is read-only";
            switch (f.type()) {
                case STRING, INT, BOOL, DURATION, ENUM -> {
                    FieldEditor editor = switch (f.type()) {
                        case INT -> FieldEditor.INTEGER;
                        case BOOL -> FieldEditor.CHECK;
                        case DURATION -> FieldEditor.DURATION;
                        case ENUM -> FieldEditor.CHOICE;
                        default -> references.containsKey(dotted(path)) ? FieldEditor.REFERENCE : FieldEditor.TEXT;
                    };
                    String text = "";
                    if (written.isPresent()) {
                        if (written.get() instanceof ScalarNode s) {
                            text = s.text();
                            if (why.isEmpty() && (s.style() == ScalarStyle.LITERAL || s.style() == ScalarStyle.FOLDED
                                    || s.span().endLine() != s.span().line())) {
                                why = "a block of several lines: edit it in the text";
                            }
                        } else if (why.isEmpty()) {
                            why = "written as " + written.get().shape() + ": edit it in the text";
                        }
                    }
                    List<String> choices = List.of();
                    if (editor == FieldEditor.CHOICE) {
                        choices = new ArrayList<>(f.values());
                        if (!text.isEmpty() && !choices.contains(text)) {
                            choices.add(0, text);
                        }
                    } else if (editor == FieldEditor.REFERENCE) {
                        choices = names(references.get(dotted(path)));
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
                            : references.containsKey(dotted(path)) ? names(references.get(dotted(path)))
                            : grants(dotted(path)) ? permissions() : List.of();
                    List<String> choices = offered.stream().filter(c -> !items.contains(c)).toList();
                    out.add(new FormField(path, FieldEditor.LIST, label, depth, "", items, choices, f.type() == Field.Type.ENUM_LIST,
                            written.isPresent(), why.isEmpty(), why.isEmpty() ? doc : why));
                }
                case OBJECT -> out.add(new FormField(path, FieldEditor.SECTION, label, depth, "", List.of(), List.of(),
                        false, present, false, doc));
                case OBJECT_LIST -> {
                    boolean entries = written.isEmpty() || (written.get() instanceof ListNode l && !l.flow()
                            && l.items().stream().allMatch(i -> i instanceof MapNode));
                    String note = !editable ? why : entries ? doc : "written as " + written.get().shape() + " of other values: edit it in the text";
                    out.add(new FormField(path, FieldEditor.ENTRIES, label, depth, "", List.of(), List.of(), false, present,
                            editable && entries, note));
                }
                case STRING_MAP, OBJECT_MAP, ANY -> out.add(new FormField(path, FieldEditor.READ_ONLY, label, depth, summary(written),
                        List.of(), List.of(), false, present, false, doc + "; edit it in the text"));
            }
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
