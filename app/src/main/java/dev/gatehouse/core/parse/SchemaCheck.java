package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Suggestions;
import dev.gatehouse.core.model.Field;
import dev.gatehouse.core.model.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks the shape of a document against its kind's schema: unknown fields (F24), values of the wrong shape,
 * JSON scalars of the wrong JSON type, keys Orloj's JSON reader matches differently, and the seed forms.
 * Values themselves (enums, integers, durations) are checked by the binder, which normalises them.
 */
final class SchemaCheck {
    private final Kind kind;
    private final SourceFormat format;
    private final Findings findings;

    SchemaCheck(Kind kind, SourceFormat format, Findings findings) {
        this.kind = kind;
        this.format = format;
        this.findings = findings;
    }

    void check(MapNode root, Field schema) {
        object(root, schema, "");
    }

    private void object(MapNode map, Field schema, String path) {
        for (MapNode.Entry e : map.entries()) {
            String key = e.key().text();
            String at = path.isEmpty() ? key : path + "." + key;
            Field f = match(schema, key);
            if (f == null) {
                unknown(e, schema, at);
                continue;
            }
            if (f.flag() == Field.Flag.SEED) {
                findings.strict(Diagnostic.of(Code.GH210, e.key().span(),
                        "orloj does not enforce the seed form `" + at + "` (S1); gatehouse does",
                        "express it with AgentRoles, ToolPermissions and AgentPolicies for Orloj to enforce it"));
            } else if (f.flag() == Field.Flag.JSON_ONLY && format == SourceFormat.YAML && !kind.orlojLineReader()) {
                findings.strictGoverned(Diagnostic.of(Code.GH502, e.key().span(),
                        "orloj's yaml reader drops `" + at + "`: it is read from json only",
                        "write this manifest as json to keep the field"));
            }
            value(e.value(), f, at);
        }
    }

    private Field match(Field schema, String key) {
        for (Field f : schema.children()) {
            if (f.name().equals(key) || (format == SourceFormat.YAML && f.yamlAliases().contains(key))) {
                return f;
            }
        }
        return null;
    }

    private void unknown(MapNode.Entry e, Field schema, String at) {
        String key = e.key().text();
        if (format == SourceFormat.JSON) {
            for (Field f : schema.children()) {
                if (f.name().equalsIgnoreCase(key)) {
                    findings.strictGoverned(Diagnostic.of(Code.GH507, e.key().span(),
                            "orloj's json reader matches `" + key + "` to `" + f.name() + "` ignoring case",
                            "write the key exactly as `" + f.name() + "`"));
                    value(e.value(), f, at);
                    return;
                }
                if (f.yamlAliases().contains(key)) {
                    findings.strictGoverned(Diagnostic.of(Code.GH507, e.key().span(),
                            "orloj ignores `" + key + "` in json: only its yaml reader accepts this spelling",
                            "write `" + f.name() + "`"));
                    return;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Field f : schema.children()) {
            names.add(f.name());
            if (format == SourceFormat.YAML) {
                names.addAll(f.yamlAliases());
            }
        }
        String where = schema.name().isEmpty() ? kind.wireName() : "`" + parent(at) + "`";
        Diagnostic d = Diagnostic.of(Code.GH201, e.key().span(),
                "unknown field `" + at + "` in " + where + ": orloj silently ignores it (F24)");
        d = Suggestions.hint(key, names).map(d::withHelp).orElse(d.withHelp("known fields: " + String.join(", ", names)));
        findings.strictGoverned(d);
    }

    private static String parent(String at) {
        int dot = at.lastIndexOf('.');
        return dot < 0 ? at : at.substring(0, dot);
    }

    private void value(Node v, Field f, String at) {
        if (v instanceof ScalarNode s && s.isNull()) {
            return;
        }
        switch (f.type()) {
            case ANY -> {
            }
            case OBJECT -> {
                if (v instanceof MapNode m) {
                    object(m, f, at);
                } else {
                    shape(v, "a mapping", at);
                }
            }
            case OBJECT_MAP -> {
                if (v instanceof MapNode m) {
                    for (MapNode.Entry e : m.entries()) {
                        String child = at + "." + e.key().text();
                        if (e.value() instanceof MapNode cm) {
                            object(cm, f, child);
                        } else if (!(e.value() instanceof ScalarNode s && s.isNull())) {
                            shape(e.value(), "a mapping", child);
                        }
                    }
                } else {
                    shape(v, "a mapping", at);
                }
            }
            case OBJECT_LIST -> {
                if (v instanceof ListNode l) {
                    int i = 0;
                    for (Node item : l.items()) {
                        String child = at + "[" + i++ + "]";
                        if (item instanceof MapNode m) {
                            object(m, f, child);
                        } else {
                            shape(item, "a mapping", child);
                        }
                    }
                } else {
                    shape(v, "a list", at);
                }
            }
            case STRING_LIST, ENUM_LIST -> {
                if (v instanceof ListNode l) {
                    int i = 0;
                    for (Node item : l.items()) {
                        scalar(item, Field.Type.STRING, at + "[" + i++ + "]");
                    }
                } else {
                    shape(v, "a list", at);
                }
            }
            case STRING_MAP -> {
                if (v instanceof MapNode m) {
                    for (MapNode.Entry e : m.entries()) {
                        scalar(e.value(), Field.Type.STRING, at + "." + e.key().text());
                    }
                } else {
                    shape(v, "a mapping", at);
                }
            }
            default -> scalar(v, f.type(), at);
        }
    }

    private void scalar(Node v, Field.Type type, String at) {
        if (!(v instanceof ScalarNode s)) {
            shape(v, "a scalar", at);
            return;
        }
        if (format != SourceFormat.JSON || s.isNull()) {
            return;
        }
        boolean ok = switch (type) {
            case INT -> s.style() == ScalarStyle.JSON_NUMBER;
            case BOOL -> s.style() == ScalarStyle.JSON_BOOLEAN;
            default -> s.style() == ScalarStyle.JSON_STRING;
        };
        if (!ok) {
            String want = switch (type) {
                case INT -> "a json number";
                case BOOL -> "true or false";
                default -> "a json string";
            };
            String got = switch (s.style()) {
                case JSON_NUMBER -> "number";
                case JSON_BOOLEAN -> "bool";
                default -> "string";
            };
            findings.orloj(Diagnostic.of(Code.GH202, s.span(), "`" + at + "` must be " + want),
                    "failed to decode JSON manifest: json: cannot unmarshal " + got + " into field " + at);
        } else if (type == Field.Type.INT && !s.text().matches("-?[0-9]+")) {
            findings.orloj(Diagnostic.of(Code.GH205, s.span(), "`" + at + "` must be a whole number, not `" + s.text() + "`"),
                    "failed to decode JSON manifest: json: cannot unmarshal number " + s.text() + " into field " + at);
        }
    }

    private void shape(Node v, String expected, String at) {
        String message = "`" + at + "` must be " + expected + ", not " + v.shape();
        findings.orloj(Diagnostic.of(Code.GH202, v.span(), message),
                "failed to decode JSON manifest: json: cannot unmarshal " + v.shape().replace("a ", "") + " into field " + at.toLowerCase(Locale.ROOT));
    }
}
