package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Fix;
import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what a YAML parser reads (strict) with what Orloj's line reader reads, field by field over the
 * kind's schema, and reports every field whose value differs (GH5xx), naming the field and showing both
 * readings. Seed forms and fields Orloj removed are not compared: they have their own findings.
 */
final class ReadingComparison {
    private final List<Diagnostic> out = new ArrayList<>();
    private final Span fallback;

    private ReadingComparison(Span fallback) {
        this.fallback = fallback;
    }

    /**
     * A field's dotted path ({@code spec.tools[2]}), spelled out only when a difference is reported: the walk
     * visits every field of every manifest and almost never reports one.
     */
    private record FieldPath(FieldPath parent, String name, int index) {
        static final FieldPath ROOT = new FieldPath(null, "", -1);

        FieldPath child(String field) {
            return new FieldPath(this, field, -1);
        }

        FieldPath item(int i) {
            return new FieldPath(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            String head = parent.toString();
            return name == null ? head + "[" + index + "]" : head.isEmpty() ? name : head + "." + name;
        }
    }

    static List<Diagnostic> compare(Field schema, MapNode strict, MapNode orloj) {
        ReadingComparison c = new ReadingComparison(strict.span());
        c.object(schema, Optional.of(strict), Optional.of(orloj), FieldPath.ROOT);
        return c.out;
    }

    private static Optional<Node> get(Optional<? extends Node> node, Field f, boolean aliases) {
        if (node.isEmpty() || !(node.get() instanceof MapNode m)) {
            return Optional.empty();
        }
        for (MapNode.Entry e : m.entries()) {
            String k = e.key().text();
            if (k.equals(f.name()) || (aliases && f.yamlAliases().contains(k))) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    private void object(Field schema, Optional<? extends Node> strict, Optional<? extends Node> orloj, FieldPath path) {
        for (Field f : schema.children()) {
            if (f.flag() == Field.Flag.SEED || f.flag() == Field.Flag.REMOVED || f.type() == Field.Type.ANY) {
                continue;
            }
            FieldPath at = path.child(f.name());
            field(f, get(strict, f, true), get(orloj, f, false), at);
        }
    }

    private void field(Field f, Optional<Node> s, Optional<Node> o, FieldPath at) {
        switch (f.type()) {
            case OBJECT -> object(f, s.filter(MapNode.class::isInstance), o.filter(MapNode.class::isInstance), at);
            case OBJECT_LIST -> {
                List<Node> si = items(s);
                List<Node> oi = items(o);
                if (si.size() != oi.size()) {
                    report(s, o, at, render(s), render(o), oi.size() > si.size() ? Code.GH503 : Code.GH502);
                    return;
                }
                for (int i = 0; i < si.size(); i++) {
                    object(f, Optional.of(si.get(i)), Optional.of(oi.get(i)), at.item(i));
                }
            }
            case OBJECT_MAP -> {
                Set<String> keys = new LinkedHashSet<>();
                s.filter(MapNode.class::isInstance).ifPresent(m -> ((MapNode) m).entries().forEach(e -> keys.add(e.key().text())));
                o.filter(MapNode.class::isInstance).ifPresent(m -> ((MapNode) m).entries().forEach(e -> keys.add(e.key().text())));
                for (String k : keys) {
                    Optional<Node> sv = s.filter(MapNode.class::isInstance).flatMap(m -> ((MapNode) m).get(k));
                    Optional<Node> ov = o.filter(MapNode.class::isInstance).flatMap(m -> ((MapNode) m).get(k));
                    if (sv.isEmpty() || ov.isEmpty()) {
                        report(sv.or(() -> s), ov.or(() -> o), at.child(k), sv.isPresent() ? "a node" : "nothing", ov.isPresent() ? "a node" : "nothing",
                                ov.isEmpty() ? Code.GH502 : Code.GH503);
                        continue;
                    }
                    object(f, sv, ov, at.child(k));
                }
            }
            case STRING_LIST, ENUM_LIST -> {
                List<String> sv = texts(s);
                List<String> ov = texts(o);
                if (!sv.equals(ov)) {
                    Code code = ov.isEmpty() ? Code.GH502 : sv.isEmpty() || (ov.size() > sv.size() && ov.containsAll(sv)) ? Code.GH503 : Code.GH501;
                    // Same length: point at the first entry the readers disagree on, where the author must look.
                    Optional<? extends Node> where = s;
                    if (sv.size() == ov.size() && s.isPresent() && s.get() instanceof ListNode l && !l.flow()) {
                        for (int i = 0; i < sv.size(); i++) {
                            if (!sv.get(i).equals(ov.get(i))) {
                                where = Optional.of(l.items().get(i));
                                break;
                            }
                        }
                    }
                    report(where, o, at, list(sv), list(ov), code);
                }
            }
            case STRING_MAP -> {
                String sv = mapText(s);
                String ov = mapText(o);
                if (!sv.equals(ov)) {
                    report(s, o, at, sv, ov, ov.equals("{}") ? Code.GH502 : Code.GH501);
                }
            }
            default -> {
                String sv = scalar(s);
                String ov = scalar(o);
                if ("prompt".equals(at.name()) && at.toString().equals("spec.prompt")) {
                    // Free text with no governance effect: a block scalar's final newline is no difference, and
                    // the blank and '#' lines Orloj drops from it change what the model reads, not who may do what.
                    sv = sv.replaceAll("\\n+$", "");
                    ov = ov.replaceAll("\\n+$", "");
                    if (!sv.equals(ov)) {
                        report(s, o, at, excerpt(sv), excerpt(ov), Code.GH501);
                        Diagnostic last = out.remove(out.size() - 1);
                        out.add(last.withSeverity(dev.gatehouse.core.diag.Severity.WARNING)
                                .withHelp("orloj drops blank lines and lines starting with `#` inside a prompt block"));
                    }
                    return;
                }
                if (!same(f.type(), sv, ov)) {
                    report(s, o, at, quote(sv), quote(ov), ov.isEmpty() ? Code.GH502 : Code.GH501);
                }
            }
        }
    }

    private static boolean same(Field.Type type, String s, String o) {
        if (s.equals(o)) {
            return true;
        }
        if (type == Field.Type.INT) {
            return GoValues.atoi(s.strip()).equals(GoValues.atoi(o.strip())) && GoValues.atoi(s.strip()).isPresent();
        }
        if (type == Field.Type.BOOL) {
            return yamlBool(s).equals(o.strip().toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /** How a YAML 1.1 parser reads a boolean; anything else stays as written. */
    private static String yamlBool(String s) {
        String l = s.strip().toLowerCase(Locale.ROOT);
        return switch (l) {
            case "true", "yes", "on", "y" -> "true";
            case "false", "no", "off", "n" -> "false";
            default -> l;
        };
    }

    private void report(Optional<? extends Node> s, Optional<? extends Node> o, FieldPath at, String strictText, String orlojText, Code code) {
        Span span = s.map(Node::span).or(() -> o.map(Node::span)).orElse(fallback);
        String message = switch (code) {
            case GH502 -> "orloj's reader drops `" + at + "`: a yaml parser reads " + strictText + ", orloj reads " + orlojText;
            case GH503 -> "orloj's reader reads `" + at + "` as " + orlojText + ", a yaml parser as " + strictText;
            default -> "orloj's reader reads `" + at + "` as " + orlojText + ", a yaml parser as " + strictText;
        };
        Diagnostic d = Diagnostic.of(code, span, message);
        Optional<String> help = cause(s, o);
        d = d.withHelp(help.orElse("write it in the block style both readers agree on"));
        Optional<Fix> fix = s.flatMap(ReadingComparison::blockListFix);
        if (fix.isPresent()) {
            d = d.withFix(fix.get());
        }
        out.add(d);
    }

    /** A likely cause, from the shape of the strict node and Orloj's text. */
    private static Optional<String> cause(Optional<? extends Node> s, Optional<? extends Node> o) {
        if (s.isPresent() && (s.get() instanceof ListNode l && l.flow() || s.get() instanceof MapNode m && m.flow())) {
            return Optional.of("orloj's reader does not understand flow collections (`[a, b]`, `{k: v}`): write one `- item` per line (F19, F20, F22, F30)");
        }
        if (s.isPresent() && s.get() instanceof ListNode l && l.items().stream().anyMatch(i -> i instanceof MapNode m && m.flow())) {
            return Optional.of("orloj's reader does not understand flow mappings in a list: write each key on its own line (F22)");
        }
        String ot = o.map(ReadingComparison::anyText).orElse("");
        if (ot.contains("#")) {
            return Optional.of("orloj keeps inline comments in values: move the comment to a line of its own (F23)");
        }
        if (s.isPresent() && o.isEmpty()) {
            return Optional.of("orloj's reader did not see this field: a header with a trailing comment, a key after `operation_rules`, a quoted key or a field orloj reads from json only (F21, F31)");
        }
        return Optional.empty();
    }

    /** For a flow list of plain scalars, the block list that both readers read the same way. */
    private static Optional<Fix> blockListFix(Node n) {
        if (!(n instanceof ListNode l) || !l.flow() || l.span().line() != l.span().endLine()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (Node item : l.items()) {
            if (!(item instanceof ScalarNode s) || s.text().contains("#") || s.text().contains(":")) {
                return Optional.empty();
            }
            b.append("\n").append(" ".repeat(Math.max(0, l.span().column() - 1))).append("- ").append(s.text());
        }
        return Optional.of(new Fix("write the list in block style", l.span(), b.toString().stripLeading().isEmpty() ? "[]" : b.toString()));
    }

    private static String anyText(Node n) {
        if (n instanceof ScalarNode s) {
            return s.text();
        }
        if (n instanceof ListNode l) {
            StringBuilder b = new StringBuilder();
            l.items().forEach(i -> b.append(anyText(i)).append(' '));
            return b.toString();
        }
        return "";
    }

    private static List<Node> items(Optional<Node> n) {
        return n.filter(ListNode.class::isInstance).map(l -> ((ListNode) l).items()).orElse(List.of());
    }

    private static List<String> texts(Optional<Node> n) {
        List<String> out = new ArrayList<>();
        for (Node item : items(n)) {
            if (item instanceof ScalarNode s) {
                out.add(s.isNull() ? "" : s.text().strip());
            } else {
                out.add(item instanceof MapNode ? "{…}" : "[…]");
            }
        }
        return out;
    }

    private static String scalar(Optional<Node> n) {
        if (n.isEmpty()) {
            return "";
        }
        if (n.get() instanceof ScalarNode s) {
            return s.isNull() ? "" : s.text().strip();
        }
        return n.get() instanceof ListNode ? "[…]" : "{…}";
    }

    private static String mapText(Optional<Node> n) {
        StringBuilder b = new StringBuilder("{");
        n.filter(MapNode.class::isInstance).ifPresent(m -> {
            for (MapNode.Entry e : ((MapNode) m).entries()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(e.key().text()).append(": ").append(scalar(Optional.of(e.value())));
            }
        });
        return b.append("}").toString();
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "nothing" : "`[" + String.join(", ", items) + "]`";
    }

    /** The first line of a long text, for messages that stay on one line. */
    private static String excerpt(String s) {
        String first = s.lines().findFirst().orElse("");
        long lines = s.lines().count();
        return "`" + (first.length() > 60 ? first.substring(0, 60) + "…" : first) + "`" + (lines > 1 ? " (" + lines + " lines)" : "");
    }

    private static String quote(String s) {
        return s.isEmpty() ? "nothing" : "`" + s + "`";
    }

    private static String render(Optional<Node> n) {
        return n.map(x -> x instanceof ListNode l ? l.items().size() + " entries" : x.shape()).orElse("nothing");
    }
}
