package dev.gatehouse.core.lang;

import dev.gatehouse.core.edit.TextEdit;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Permissions;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.parse.Document;
import dev.gatehouse.core.parse.ManifestParser;
import dev.gatehouse.core.parse.ParsedFile;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.sandbox.ScenarioReference;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rename: find what is at the caret, check the new name, rewrite the definition, every reference and the names
 * scenario files write for it, or refuse.
 */
final class Renamer {
    /** Letters, digits, {@code -}, {@code _} and {@code .}, a letter or digit at both ends: the same in every reader and quoting style. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?");
    private static final Pattern YAML_NUMBER = Pattern.compile(
            "[-+]?(0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|\\.[0-9_]+([eE][-+]?[0-9]+)?)");
    private static final Set<String> YAML_BOOLEANS = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final Set<String> YAML_NULLS = Set.of("null", "Null", "NULL");

    private final SymbolIndex index;

    Renamer(SymbolIndex index) {
        this.index = index;
    }

    /** Why a name cannot be a resource name, if it cannot. */
    static Optional<String> invalidName(String name) {
        if (name.isEmpty()) {
            return Optional.of("a name cannot be empty");
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("`" + name + "` is not a valid name: use letters, digits, `-`, `_` and `.`, "
                    + "starting and ending with a letter or digit, at most 253 characters");
        }
        if (YAML_BOOLEANS.contains(name)) {
            return Optional.of("`" + name + "` is not a valid name: a yaml 1.1 reader reads it as a boolean");
        }
        if (YAML_NULLS.contains(name)) {
            return Optional.of("`" + name + "` is not a valid name: a yaml reader reads it as null");
        }
        if (YAML_NUMBER.matcher(name).matches()) {
            return Optional.of("`" + name + "` is not a valid name: a yaml reader reads it as a number");
        }
        return Optional.empty();
    }

    RenameResult rename(Caret caret, String newName) {
        Optional<SymbolIndex.Named> at = index.definitionAt(caret);
        Definition target;
        if (at.isPresent()) {
            target = at.get().definition();
        } else {
            Optional<SymbolIndex.Site> site = index.siteAt(caret);
            if (site.isEmpty()) {
                return index.modelIdAt(caret).<RenameResult>map(Renamer::modelId)
                        .orElse(new RenameResult.Refused("no resource name at " + caret.file().path() + ":" + caret.line() + ":" + caret.column()));
            }
            Reference ref = site.get().reference();
            if (ref.match() == Match.MODEL_ID) {
                return modelId(ref.name());
            }
            List<Definition> targets = index.targets(ref);
            if (targets.isEmpty()) {
                return new RenameResult.Refused("`" + ref.name() + "` names no " + ref.kind().wireName() + " in namespace `"
                        + ref.namespace() + "`: there is nothing to rename");
            }
            if (targets.size() > 1) {
                return new RenameResult.Refused("`" + ref.name() + "` names " + targets.size() + " resources ("
                        + targets.stream().map(Definition::label).collect(Collectors.joining(", ")) + "): renaming one changes what it names");
            }
            target = targets.get(0);
        }
        Optional<String> invalid = invalidName(newName);
        if (invalid.isPresent()) {
            return new RenameResult.Refused(invalid.get());
        }
        if (newName.equals(target.name())) {
            return new RenameResult.Refused(target.label() + " is already named `" + newName + "`");
        }
        for (SymbolIndex.Named n : index.named()) {
            Definition d = n.definition();
            if (d.kind() == target.kind() && d.namespace().equals(target.namespace()) && !d.equals(target)
                    && d.name().equalsIgnoreCase(newName)) {
                return new RenameResult.Refused("name `" + newName + "` is taken by " + d.label()
                        + (d.name().equals(newName) ? "" : ", and some references match names ignoring case"));
            }
        }
        SymbolIndex.Named definition = index.named().stream().filter(n -> n.definition().equals(target)).findFirst().orElseThrow();

        List<TextEdit> edits = new ArrayList<>();
        Optional<RenameResult.Refused> refused = rewrite(definition.written(), definition.value(), 0, target.name().length(), newName, edits);
        if (refused.isPresent()) {
            return refused.get();
        }
        for (SymbolIndex.Site s : index.sitesOf(target)) {
            List<Definition> others = index.targets(s.reference()).stream().filter(d -> !d.equals(target)).toList();
            if (!others.isEmpty()) {
                return new RenameResult.Refused("`" + s.reference().field() + "` entry `" + s.reference().name() + "` at "
                        + s.reference().span().location() + " also names " + others.stream().map(Definition::label).collect(Collectors.joining(", "))
                        + ": renaming it would change what it names");
            }
            refused = rewrite(s.written(), s.value(), s.nameFrom(), s.nameTo(), newName, edits);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        List<RenameResult.Note> notes = new ArrayList<>();
        if (target.kind() == Kind.TOOL_PERMISSION) {
            refused = keepGovernedTool(definition, edits);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        if (target.kind() == Kind.TOOL) {
            refused = implicitToolRefs(target, newName, edits, notes);
            if (refused.isPresent()) {
                return refused.get();
            }
            permissionNotes(target, newName, notes);
            refused = seedPolicies(target, newName, notes);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        captured(target, newName, notes);
        refused = scenarios(target, newName, edits, notes);
        if (refused.isPresent()) {
            return refused.get();
        }
        notes.sort(Comparator.comparing(RenameResult.Note::span));
        String title = "rename " + target.kind().wireName() + " `" + target.name() + "` to `" + newName + "`";
        return new RenameResult.Renamed(new WorkspaceEdit(title, edits), notes);
    }

    private static RenameResult modelId(String id) {
        return new RenameResult.Refused("`" + id + "` is a model id, not a resource name: change the endpoint's `default_model` and the "
                + "`allowed_models` entries by hand");
    }

    /** The edit writing {@code newName} over characters {@code from..to} of a value, in the value's own quoting style. */
    private static Optional<RenameResult.Refused> rewrite(Written w, Located<String> value, int from, int to, String newName, List<TextEdit> edits) {
        Optional<Span> exact = w.part(from, to);
        if (exact.isPresent()) {
            edits.add(new TextEdit(exact.get(), newName));
            return Optional.empty();
        }
        if (w.text().isEmpty()) {
            return Optional.of(new RenameResult.Refused("the text of `" + value.span().file().path() + "` is not available"));
        }
        if (w.quoted()) {
            String v = value.value();
            edits.add(new TextEdit(w.whole(), w.requote(v.substring(0, from) + newName + v.substring(to))));
            return Optional.empty();
        }
        return Optional.of(new RenameResult.Refused("`" + value.value() + "` at " + value.span().location() + " cannot be rewritten exactly"));
    }

    /**
     * A ToolPermission without {@code tool_ref} governs the tool of its own name. Renaming the tool writes the old
     * default out as {@code tool_ref: <new>} right under {@code spec:} (before any {@code operation_rules}, where Orloj's
     * reader would swallow it), so the rule keeps governing the tool.
     */
    private Optional<RenameResult.Refused> implicitToolRefs(Definition tool, String newName, List<TextEdit> edits, List<RenameResult.Note> notes) {
        for (ToolPermission p : index.workspace().all(ToolPermission.class)) {
            if (!SymbolIndex.implicitToolRef(p) || !p.namespace().equals(tool.namespace())) {
                continue;
            }
            if (p.name().strip().equalsIgnoreCase(newName)) {
                notes.add(new RenameResult.Note(p.meta().name().span(), "ToolPermission `" + p.name()
                        + "` has no tool_ref and will govern the renamed tool `" + newName + "` by its name"));
            } else if (p.name().strip().equalsIgnoreCase(tool.name())) {
                Optional<RenameResult.Refused> refused = writeToolRef(p, newName, edits);
                if (refused.isPresent()) {
                    return refused;
                }
            }
        }
        return Optional.empty();
    }

    /** Renaming a ToolPermission without {@code tool_ref} would move it to another tool: its tool is written out. */
    private Optional<RenameResult.Refused> keepGovernedTool(SymbolIndex.Named definition, List<TextEdit> edits) {
        if (definition.resource() instanceof ToolPermission p && SymbolIndex.implicitToolRef(p)) {
            return writeToolRef(p, p.toolRef().value(), edits);
        }
        return Optional.empty();
    }

    /** Writes {@code tool_ref: <tool>} as the first line of a ToolPermission's {@code spec:} block. */
    private Optional<RenameResult.Refused> writeToolRef(ToolPermission p, String tool, List<TextEdit> edits) {
        Optional<SourceText> text = index.text(p.meta().file());
        Optional<Integer> specLine = text.flatMap(t -> specHeader(t, p.meta().span()));
        if (specLine.isEmpty()) {
            return Optional.of(new RenameResult.Refused("ToolPermission `" + p.name() + "` governs `" + p.toolRef().value()
                    + "` by its own name and has no `spec:` block to write `tool_ref` in: add `tool_ref: " + p.toolRef().value() + "` to it first"));
        }
        SourceText t = text.get();
        int line = specLine.get();
        edits.add(new TextEdit(Span.point(t.id(), line, t.line(line).length() + 1),
                "\n" + " ".repeat(childIndent(t, line, p.meta().span().endLine())) + "tool_ref: " + tool));
        return Optional.empty();
    }

    /** The line of a YAML document's top-level {@code spec:} header. */
    private static Optional<Integer> specHeader(SourceText t, Span document) {
        for (int l = document.line(); l <= Math.min(document.endLine(), t.lineCount()); l++) {
            if (t.line(l).stripTrailing().equals("spec:")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static int childIndent(SourceText t, int header, int last) {
        for (int l = header + 1; l <= Math.min(last, t.lineCount()); l++) {
            String s = t.line(l);
            if (s.isBlank() || s.strip().startsWith("#")) {
                continue;
            }
            int indent = s.length() - s.stripLeading().length();
            return indent > 0 ? indent : 2;
        }
        return 2;
    }

    /**
     * Permission strings are not names (ORLOJ.md §3.5: normalised with perm(), matched against
     * {@code tool:<tok(t)>:<action>}, and one string may grant several spellings). They are left as written and each
     * one that grants the old tool is noted with the string that would grant the new one.
     */
    private void permissionNotes(Definition tool, String newName, List<RenameResult.Note> notes) {
        String granted = "tool:" + Permissions.tok(tool.name()) + ":";
        List<Located<String>> strings = new ArrayList<>();
        for (AgentRole r : index.workspace().all(AgentRole.class)) {
            strings.addAll(r.permissions());
        }
        for (ToolPermission p : index.workspace().all(ToolPermission.class)) {
            if (p.namespace().equals(tool.namespace())) {
                strings.addAll(p.requiredPermissions());
            }
        }
        for (Located<String> s : strings) {
            String v = s.value();
            if (!Permissions.perm(v).startsWith(granted)) {
                continue;
            }
            int first = v.indexOf(':');
            int second = v.indexOf(':', first + 1);
            String rewritten = second > first ? v.substring(0, first + 1) + newName + v.substring(second) : v;
            notes.add(new RenameResult.Note(s.span(), "permission `" + v + "` is not renamed: it is a permission string, not a name; `"
                    + rewritten + "` would grant the renamed tool"));
        }
    }

    /**
     * Seed-form policies name tools by pattern (SEMANTICS.md "Seed-form globs"), so they are not rewritten. A deny
     * that matches the old name and not the new one would be lifted by the rename: refused. An allow that stops
     * matching only denies more: noted.
     */
    private Optional<RenameResult.Refused> seedPolicies(Definition tool, String newName, List<RenameResult.Note> notes) {
        for (Agent a : index.workspace().all(Agent.class)) {
            if (!a.namespace().equals(tool.namespace())) {
                continue;
            }
            for (Agent.SeedPolicy p : a.seedPolicies()) {
                String pattern = p.resource().value();
                boolean before = glob(pattern, !p.allows()).matcher(tool.name()).matches();
                boolean after = glob(pattern, !p.allows()).matcher(newName).matches();
                if (before && !after && !p.allows()) {
                    return Optional.of(new RenameResult.Refused("seed policy `deny " + pattern + "` of agent `" + a.name() + "` matches `"
                            + tool.name() + "` but not `" + newName + "`: the rename would lift the deny"));
                }
                if (before && !after) {
                    notes.add(new RenameResult.Note(p.resource().span(), "seed policy `allow " + pattern + "` of agent `" + a.name()
                            + "` is a pattern, not a name, and no longer matches the renamed tool"));
                }
            }
        }
        return Optional.empty();
    }

    /** A seed-form resource glob: {@code *} within a path segment, {@code **} across, the rest literal. */
    private static Pattern glob(String glob, boolean ignoreCase) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    }

    /**
     * Scenario files (docs/sandbox.md) name agents, systems, tasks, tools and model endpoints too, each exactly and in
     * the scenario's namespace ({@link ScenarioReader#references}): every one naming the target is rewritten in its
     * own quoting, one naming the new name is noted (it will name the renamed resource). A scenario file that cannot
     * be read is left as written, noted when its text holds the old name; a scenario stubbing both the old and the
     * new tool name refuses the rename, which would give it two stubs of one tool.
     */
    private Optional<RenameResult.Refused> scenarios(Definition target, String newName, List<TextEdit> edits, List<RenameResult.Note> notes) {
        for (SourceText t : index.texts()) {
            if (!t.text().contains(ScenarioFiles.API_VERSION)) {
                continue;
            }
            byte[] bytes = t.text().getBytes(StandardCharsets.UTF_8);
            if (!ScenarioFiles.isScenario(new SourceInput(t.id(), bytes))) {
                continue;
            }
            ParsedFile parsed = new ManifestParser().parse(t.id(), bytes);
            if (!parsed.readable()) {
                if (t.text().contains(target.name())) {
                    notes.add(new RenameResult.Note(Span.fileStart(t.id()), "scenario file `" + t.id().path()
                            + "` cannot be read and is left as written: rename `" + target.name() + "` in it by hand where it names the "
                            + target.kind().wireName()));
                }
                continue;
            }
            for (Document doc : parsed.documents()) {
                List<ScenarioReference> refs = ScenarioReader.references(doc.root()).stream()
                        .filter(r -> r.kind() == target.kind() && r.namespace().equals(target.namespace())).toList();
                if (refs.stream().anyMatch(r -> r.field().equals("spec.tools") && r.name().value().equals(newName))
                        && refs.stream().anyMatch(r -> r.field().equals("spec.tools") && r.name().value().equals(target.name()))) {
                    return Optional.of(new RenameResult.Refused("scenario file `" + t.id().path() + "` stubs both `" + target.name()
                            + "` and `" + newName + "` in `spec.tools`: the rename would give it two stubs of one tool"));
                }
                for (ScenarioReference r : refs) {
                    if (r.name().value().equals(target.name())) {
                        Optional<RenameResult.Refused> refused = rewrite(Written.of(r.name(), Optional.of(t)), r.name(), 0,
                                target.name().length(), newName, edits);
                        if (refused.isPresent()) {
                            return refused;
                        }
                    } else if (r.name().value().equals(newName)) {
                        notes.add(new RenameResult.Note(r.name().span(), "scenario `" + r.field() + "` entry `" + newName
                                + "` will name the renamed " + target.kind().wireName() + " `" + target.namespace() + "/" + newName + "`"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** References that name nothing of that kind now and will name the renamed resource. */
    private void captured(Definition target, String newName, List<RenameResult.Note> notes) {
        for (SymbolIndex.Site s : index.sites()) {
            Reference r = s.reference();
            if (r.kind() != target.kind() || r.match() == Match.MODEL_ID || index.targets(r).contains(target)) {
                continue;
            }
            boolean will = switch (r.match()) {
                case EXACT -> r.namespace().equals(target.namespace()) && r.name().equals(newName);
                case IGNORE_CASE -> r.namespace().equals(target.namespace()) && r.name().equalsIgnoreCase(newName);
                case IGNORE_CASE_ANY_NAMESPACE -> r.name().equalsIgnoreCase(newName);
                case MODEL_ID -> false;
            };
            if (will) {
                notes.add(new RenameResult.Note(r.span(), "`" + r.field() + "` entry `" + r.name() + "` will name the renamed "
                        + target.kind().wireName() + " `" + target.namespace() + "/" + newName + "`"));
            }
        }
    }
}
