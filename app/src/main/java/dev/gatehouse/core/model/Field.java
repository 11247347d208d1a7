package dev.gatehouse.core.model;

import java.util.List;
import java.util.Optional;

/**
 * One field of a kind's schema: its JSON tag ({@code name}, exactly as Orloj's Go struct), the spellings Orloj's
 * YAML reader also accepts ({@code yamlAliases}), its type and, for objects, its children. The schema drives the
 * strict field checks, Orloj's JSON reading, completion in the editor and the JSON schemas in resources/.
 */
public record Field(String name, List<String> yamlAliases, Type type, List<String> values, List<Field> children,
                    Flag flag, String doc) {

    public enum Type { STRING, INT, BOOL, DURATION, ENUM, STRING_LIST, ENUM_LIST, STRING_MAP, OBJECT, OBJECT_LIST, OBJECT_MAP, ANY }

    /** Where Orloj stands on the field. */
    public enum Flag {
        /** Read by both of Orloj's readers. */
        NORMAL,
        /** Orloj's YAML reader cannot read it; only JSON reaches it (ORLOJ.md §1.5 table). */
        JSON_ONLY,
        /** A seed form: read and enforced by Gatehouse, ignored by Orloj (S1). */
        SEED,
        /** Removed from Orloj: its presence makes Orloj reject the manifest. */
        REMOVED
    }

    public Field {
        yamlAliases = List.copyOf(yamlAliases);
        values = List.copyOf(values);
        children = List.copyOf(children);
    }

    public Optional<Field> child(String key) {
        for (Field f : children) {
            if (f.name.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public boolean isObject() {
        return type == Type.OBJECT || type == Type.OBJECT_LIST || type == Type.OBJECT_MAP;
    }

    // ----- builders used by Schemas

    static Field str(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.STRING, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field integer(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.INT, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field bool(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.BOOL, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field duration(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.DURATION, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field enumOf(String name, List<String> values, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.ENUM, values, List.of(), Flag.NORMAL, doc);
    }

    static Field list(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.STRING_LIST, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field enumList(String name, List<String> values, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.ENUM_LIST, values, List.of(), Flag.NORMAL, doc);
    }

    static Field map(String name, String doc, String... aliases) {
        return new Field(name, List.of(aliases), Type.STRING_MAP, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field any(String name, String doc) {
        return new Field(name, List.of(), Type.ANY, List.of(), List.of(), Flag.NORMAL, doc);
    }

    static Field object(String name, String doc, Field... children) {
        return new Field(name, List.of(), Type.OBJECT, List.of(), List.of(children), Flag.NORMAL, doc);
    }

    static Field objectList(String name, String doc, Field... children) {
        return new Field(name, List.of(), Type.OBJECT_LIST, List.of(), List.of(children), Flag.NORMAL, doc);
    }

    static Field objectMap(String name, String doc, Field... children) {
        return new Field(name, List.of(), Type.OBJECT_MAP, List.of(), List.of(children), Flag.NORMAL, doc);
    }

    Field flagged(Flag f) {
        return new Field(name, yamlAliases, type, values, children, f, doc);
    }

    Field aliases(String... a) {
        return new Field(name, List.of(a), type, values, children, flag, doc);
    }
}
