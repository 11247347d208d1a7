package dev.gatehouse.core.lang;

import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Schemas;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Completion on raw text: the YAML path at the caret from the lines above it ({@link YamlLines}), what may be
 * written there from the kind's schema ({@link Schemas}), and the names of existing resources from the last
 * workspace that was read. Offers only what Orloj's YAML reader reads: no removed, JSON-only or seed-form fields.
 */
final class Completer {
    private static final String API_VERSION = "orloj.dev/v1";
    private static final Pattern KEY_AFTER_CARET = Pattern.compile("^[\\w.-]*\\s*:.*");

    /** A reference field: the kind it names and how. */
    private record Target(Kind kind, Match match) {
    }

    /** The reference fields of each kind, by dotted path ({@code *} for a graph node's name). */
    private static final Map<String, Target> REFERENCES = Map.ofEntries(
            ref(Kind.AGENT, "spec.model_ref", Kind.MODEL_ENDPOINT, Match.EXACT),
            ref(Kind.AGENT, "spec.tools", Kind.TOOL, Match.EXACT),
            ref(Kind.AGENT, "spec.allowed_tools", Kind.TOOL, Match.IGNORE_CASE),
            ref(Kind.AGENT, "spec.roles", Kind.AGENT_ROLE, Match.EXACT),
            ref(Kind.AGENT, "spec.memory.ref", Kind.MEMORY, Match.EXACT),
            ref(Kind.AGENT, "spec.execution.tool_sequence", Kind.TOOL, Match.IGNORE_CASE),
            ref(Kind.AGENT_SYSTEM, "spec.agents", Kind.AGENT, Match.EXACT),
            ref(Kind.AGENT_SYSTEM, "spec.graph", Kind.AGENT, Match.EXACT),
            ref(Kind.AGENT_SYSTEM, "spec.graph.*.next", Kind.AGENT, Match.EXACT),
            ref(Kind.AGENT_SYSTEM, "spec.graph.*.edges.to", Kind.AGENT, Match.EXACT),
            ref(Kind.TASK, "spec.system", Kind.AGENT_SYSTEM, Match.EXACT),
            ref(Kind.TOOL_PERMISSION, "spec.tool_ref", Kind.TOOL, Match.IGNORE_CASE),
            ref(Kind.TOOL_PERMISSION, "spec.target_agents", Kind.AGENT, Match.IGNORE_CASE),
            ref(Kind.AGENT_POLICY, "spec.target_systems", Kind.AGENT_SYSTEM, Match.IGNORE_CASE_ANY_NAMESPACE),
            ref(Kind.AGENT_POLICY, "spec.target_tasks", Kind.TASK, Match.IGNORE_CASE_ANY_NAMESPACE),
            ref(Kind.AGENT_POLICY, "spec.blocked_tools", Kind.TOOL, Match.IGNORE_CASE_ANY_NAMESPACE),
            ref(Kind.AGENT_POLICY, "spec.allowed_models", Kind.MODEL_ENDPOINT, Match.MODEL_ID),
            ref(Kind.TOOL, "spec.auth.secretRef", Kind.SECRET, Match.EXACT),
            ref(Kind.TOOL, "spec.mcp_server_ref", Kind.MCP_SERVER, Match.EXACT),
            ref(Kind.MODEL_ENDPOINT, "spec.auth.secretRef", Kind.SECRET, Match.EXACT),
            ref(Kind.MEMORY, "spec.embedding_model", Kind.MODEL_ENDPOINT, Match.EXACT),
            ref(Kind.MEMORY, "spec.auth.secretRef", Kind.SECRET, Match.EXACT),
            ref(Kind.MCP_SERVER, "spec.env.secretRef", Kind.SECRET, Match.EXACT),
            ref(Kind.MCP_SERVER, "spec.auth.secretRef", Kind.SECRET, Match.EXACT),
            ref(Kind.TASK_SCHEDULE, "spec.task_ref", Kind.TASK, Match.EXACT),
            ref(Kind.TASK_WEBHOOK, "spec.task_ref", Kind.TASK, Match.EXACT),
            ref(Kind.TASK_WEBHOOK, "spec.auth.secret_ref", Kind.SECRET, Match.EXACT));

    private static Map.Entry<String, Target> ref(Kind owner, String path, Kind kind, Match match) {
        return Map.entry(owner.name() + "|" + path, new Target(kind, match));
    }

    /** A place in a kind's schema: the field (an object, a list, or an object map whose keys are being written). */
    private record Level(Field field, boolean mapKeys, String path) {
        String child(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }

    private final SymbolIndex index;

    Completer(SymbolIndex index) {
        this.index = index;
    }

    List<Completion> complete(SourceText text, int offset) {
        if (text.text().stripLeading().startsWith("{") || text.text().stripLeading().startsWith("[")) {
            return List.of();
        }
        int at = Math.max(0, Math.min(offset, text.text().length()));
        int line = text.lineOf(at);
        String full = text.line(line);
        int column = Math.min(text.columnOf(at), full.length() + 1);
        String before = full.substring(0, column - 1);
        String after = full.substring(column - 1);
        if (before.stripLeading().startsWith("#")) {
            return List.of();
        }
        YamlLines doc = new YamlLines(text, line, true);
        Optional<Kind> kind = doc.topLevel("kind").flatMap(Kind::fromOrloj);
        String namespace = doc.metadata("namespace").map(String::strip).filter(s -> !s.isEmpty()).orElse("default");
        Context cx = new Context(text, at, kind, namespace, after);
        YamlLines.Content c = YamlLines.Content.of(before);

        int colon = keyColon(c.text());
        if (colon >= 0) {
            String key = c.text().substring(0, colon).strip();
            String typed = c.text().substring(colon + 1);
            Optional<List<String>> path = c.item() ? doc.path(line, c.indent(), true) : doc.path(line, c.indent(), false);
            return path.flatMap(p -> level(kind, p)).map(l -> value(cx, l, key, typed)).orElse(List.of());
        }
        if (c.item()) {
            Optional<Level> list = doc.path(line, c.indent(), true).flatMap(p -> level(kind, p));
            if (list.isEmpty()) {
                return List.of();
            }
            String typed = before.endsWith("-") ? "" : c.text();
            String space = before.endsWith("-") ? " " : "";
            if (list.get().field().type() == Field.Type.OBJECT_LIST) {
                return fields(cx, list.get(), typed, space, doc.keysAt(doc.before(line), c.contentIndent()));
            }
            List<String> written = doc.itemsAt(doc.parent(line, c.indent(), true), c.indent());
            return values(cx, list.get().field(), list.get().path(), typed, space, written);
        }
        Optional<Level> level = doc.path(line, c.indent(), false).flatMap(p -> level(kind, p));
        if (level.isEmpty()) {
            return List.of();
        }
        List<String> written = doc.keysAt(doc.parent(line, c.indent(), false), c.indent());
        if (level.get().mapKeys()) {
            return names(cx, level.get().path(), c.text(), "", written).stream()
                    .map(n -> new Completion(n.label(), n.insert() + (KEY_AFTER_CARET.matcher(after).matches() ? "" : ":"), n.replace(), n.type(), n.detail()))
                    .toList();
        }
        return fields(cx, level.get(), c.text(), "", written);
    }

    /** What completion needs of the caret: the text, where the caret is, the document's kind and namespace, the rest of the line. */
    private record Context(SourceText text, int offset, Optional<Kind> kind, String namespace, String after) {
        Span replacing(String typed) {
            return text.span(offset - typed.length(), offset);
        }
    }

    /** The index of the colon ending a key in a line's content, or -1 while the key is still being typed. */
    private static int keyColon(String content) {
        if (content.startsWith("\"") || content.startsWith("'")) {
            return -1;
        }
        for (int i = 0; i < content.length(); i++) {
            char ch = content.charAt(i);
            if (ch == '#') {
                return -1;
            }
            if (ch == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /** The schema level a path leads to, for a kind (any kind for the envelope); empty off the schema. */
    private static Optional<Level> level(Optional<Kind> kind, List<String> path) {
        if (kind.isEmpty() && !path.isEmpty() && path.get(0).equals("spec")) {
            return Optional.empty();
        }
        Field f = Schemas.of(kind.orElse(Kind.AGENT));
        boolean mapKeys = false;
        List<String> dotted = new ArrayList<>();
        for (String seg : path) {
            if (seg.equals("[]")) {
                if (f.type() != Field.Type.OBJECT_LIST && f.type() != Field.Type.STRING_LIST && f.type() != Field.Type.ENUM_LIST) {
                    return Optional.empty();
                }
                continue;
            }
            if (mapKeys) {
                mapKeys = false;
                dotted.add("*");
                continue;
            }
            Optional<Field> child = find(f, seg);
            if (child.isEmpty()) {
                return Optional.empty();
            }
            f = child.get();
            dotted.add(f.name());
            mapKeys = f.type() == Field.Type.OBJECT_MAP;
        }
        return Optional.of(new Level(f, mapKeys, String.join(".", dotted)));
    }

    /** A child by its name or one of the YAML aliases Orloj's reader accepts. */
    private static Optional<Field> find(Field parent, String key) {
        for (Field f : parent.children()) {
            if (f.name().equals(key) || f.yamlAliases().contains(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean offered(Field f, String path) {
        return f.flag() == Field.Flag.NORMAL && !(path.isEmpty() && f.name().equals("status"));
    }

    /** Field names at a level, not those already written there. */
    private static List<Completion> fields(Context cx, Level level, String typed, String space, List<String> written) {
        if (!level.field().isObject() && !level.path().isEmpty()) {
            return List.of();
        }
        boolean keyFollows = KEY_AFTER_CARET.matcher(cx.after()).matches();
        List<Completion> out = new ArrayList<>();
        for (Field f : level.field().children()) {
            if (!offered(f, level.path()) || written.contains(f.name()) || f.yamlAliases().stream().anyMatch(written::contains)
                    || !startsWith(f.name(), typed)) {
                continue;
            }
            boolean container = f.isObject() || f.type() == Field.Type.STRING_LIST || f.type() == Field.Type.ENUM_LIST
                    || f.type() == Field.Type.STRING_MAP;
            String insert = space + f.name() + (keyFollows ? "" : container ? ":" : ": ");
            out.add(new Completion(f.name(), insert, cx.replacing(typed), Completion.Type.FIELD, f.doc()));
        }
        return out;
    }

    /** Values after {@code key:} at a level; a space is inserted when none follows the colon yet. */
    private List<Completion> value(Context cx, Level level, String key, String afterColon) {
        if (level.mapKeys()) {
            return List.of();
        }
        String lead = afterColon.isEmpty() ? " " : "";
        String typed = afterColon.stripLeading();
        if (level.path().isEmpty() && key.equals("kind")) {
            List<String> kinds = Arrays.stream(Kind.values()).map(Kind::wireName).toList();
            return scalars(cx, typed, lead, kinds, "kind", Completion.Type.VALUE, List.of());
        }
        if (level.path().isEmpty() && key.equals("apiVersion")) {
            return scalars(cx, typed, lead, List.of(API_VERSION), "api version", Completion.Type.VALUE, List.of());
        }
        Optional<Field> f = find(level.field(), key);
        return f.map(field -> values(cx, field, level.child(field.name()), typed, lead, List.of())).orElse(List.of());
    }

    /** Enum values, booleans, or resource names for a field (a list field: for its items). */
    private List<Completion> values(Context cx, Field f, String path, String typed, String space, List<String> written) {
        String k = cx.kind().map(Kind::name).orElse("");
        if (REFERENCES.containsKey(k + "|" + path)) {
            return names(cx, path, typed, space, written);
        }
        List<String> values = switch (f.type()) {
            case ENUM, ENUM_LIST -> f.values();
            case BOOL -> List.of("true", "false");
            case STRING_LIST -> path.equals("spec.memory.allow") && k.equals(Kind.AGENT.name()) ? Schemas.MEMORY_OPERATIONS : List.of();
            default -> List.of();
        };
        return scalars(cx, typed, space, values, f.name(), Completion.Type.VALUE, written);
    }

    /** Names of existing resources for a reference field, or the model ids endpoints serve. */
    private List<Completion> names(Context cx, String path, String typed, String space, List<String> written) {
        Target t = REFERENCES.get(cx.kind().map(Kind::name).orElse("") + "|" + path);
        if (t == null) {
            return List.of();
        }
        TreeMap<String, String> found = new TreeMap<>();
        if (t.match() == Match.MODEL_ID) {
            for (ModelEndpoint e : index.workspace().all(ModelEndpoint.class)) {
                e.defaultModel().ifPresent(m -> found.putIfAbsent(m.value(), "model id served by ModelEndpoint `" + e.namespace() + "/" + e.name() + "`"));
            }
        } else {
            for (Definition d : index.definitions()) {
                if (d.kind() == t.kind() && (t.match() == Match.IGNORE_CASE_ANY_NAMESPACE || d.namespace().equals(cx.namespace()))) {
                    found.putIfAbsent(d.name(), t.kind().wireName() + " in namespace `" + d.namespace() + "`");
                }
            }
        }
        List<Completion> out = new ArrayList<>();
        for (Completion c : scalars(cx, typed, space, List.copyOf(found.keySet()), "", Completion.Type.NAME, written)) {
            out.add(new Completion(c.label(), c.insert(), c.replace(), c.type(), found.get(c.label())));
        }
        return out;
    }

    /**
     * Scalars matching what is typed. An opening quote typed stays, and the closing one is added unless it follows the
     * caret; a value YAML would not read as plain text ({@code *}) is quoted.
     */
    private static List<Completion> scalars(Context cx, String typed, String lead, List<String> values, String detail,
                                            Completion.Type type, List<String> written) {
        char quote = !typed.isEmpty() && (typed.charAt(0) == '"' || typed.charAt(0) == '\'') ? typed.charAt(0) : 0;
        String prefix = quote == 0 ? typed : typed.substring(1);
        String close = quote != 0 && !cx.after().startsWith(String.valueOf(quote)) ? String.valueOf(quote) : "";
        List<Completion> out = new ArrayList<>();
        for (String v : values) {
            if (written.contains(v) || !startsWith(v, prefix)) {
                continue;
            }
            String insert = quote != 0 ? v + close : plainSafe(v) ? v : "\"" + v + "\"";
            out.add(new Completion(v, lead + insert, cx.replacing(prefix), type, detail));
        }
        return out;
    }

    private static boolean plainSafe(String v) {
        return !v.isEmpty() && "*&!|>'\"%@`#,[]{}".indexOf(v.charAt(0)) < 0;
    }

    private static boolean startsWith(String candidate, String typed) {
        return candidate.toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT));
    }
}
