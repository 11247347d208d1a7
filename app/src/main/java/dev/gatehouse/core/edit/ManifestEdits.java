package dev.gatehouse.core.edit;

import dev.gatehouse.core.parse.Document;
import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.ManifestParser;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.Node;
import dev.gatehouse.core.parse.ParsedFile;
import dev.gatehouse.core.parse.SourceFormat;
import dev.gatehouse.core.source.SourceId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Structural edits of one manifest's text, whichever format it is written in ({@link YamlEdits}, {@link JsonEdits}).
 * A path is the keys from the document root; a number steps into a list. Each edit is empty when the path does not
 * lead where it must or the value cannot be written so that both of Orloj's readers and a parser read it alike.
 *
 * <p>The form's edits (the nested adds, maps, text, graph nodes) are also read back before they are returned: the
 * edited text must read as the old tree with exactly the intended change ({@link ReadBack}), else the edit is empty.
 */
public interface ManifestEdits {
    /** The edits of a file's text in its own format; empty when it is not one readable document holding a mapping. */
    static Optional<ManifestEdits> of(SourceId file, String text) {
        Optional<ManifestEdits> yaml = YamlEdits.of(file, text).map(e -> e);
        return yaml.isPresent() ? yaml : JsonEdits.of(file, text).map(e -> e);
    }

    SourceId file();

    Optional<Node> node(List<String> path);

    Optional<TextEdit> setScalar(List<String> path, String value);

    Optional<TextEdit> addField(List<String> mapPath, String key, String value);

    /**
     * Adds {@code key: value} to the mapping at {@code mapPath} where a reader that cares about order reads it
     * (first, in YAML), creating the mappings of the path that are missing.
     */
    Optional<TextEdit> addFirstField(List<String> mapPath, String key, String value);

    Optional<TextEdit> addItem(List<String> listPath, String item);

    /** As {@link #addItem(List, String)}; a list key that must be created goes before the first key named in {@code before}. */
    Optional<TextEdit> addItem(List<String> listPath, String item, List<String> before);

    Optional<TextEdit> addMapItem(List<String> listPath, Map<String, String> fields);

    Optional<TextEdit> removeItem(List<String> listPath, String item);

    Optional<TextEdit> removeItemAt(List<String> listPath, int index);

    Optional<TextEdit> removeField(List<String> path);

    // ------------------------------------------------------------------------------------------------ the form's edits

    /**
     * Why the value at {@code path} must not be edited structurally, if it must not: it is, holds or sits under an
     * anchor, alias or tag (an edit would change every place that shares it, or drop the tag), its key is written
     * twice or as an explicit {@code ? } key. Empty when nothing stands in the way (also when nothing is written there).
     */
    Optional<String> refusal(List<String> path);

    /**
     * Sets the scalar at {@code path}, in place when written (keeping its quoting), else added with the mappings
     * above it that are missing. {@code typed}: the field reads a number or a boolean, so an integer or true/false is
     * written as one.
     */
    Optional<TextEdit> setValue(List<String> path, String value, boolean typed);

    /**
     * As {@link #setValue(List, String, boolean)}; a key that must be added to a written mapping goes before the
     * first of its keys named in {@code before} (and the comment lines just above it), where a line reader that would
     * swallow it after that key reads it (a ToolPermission's {@code operation_rules}, a graph node's {@code edges}).
     * JSON is read structurally: there it changes nothing.
     */
    default Optional<TextEdit> setValue(List<String> path, String value, boolean typed, List<String> before) {
        return setValue(path, value, typed);
    }

    /** Removes the field at {@code path} with its whole value. */
    Optional<TextEdit> clear(List<String> path);

    /** Removes item {@code index} of the list at {@code listPath}; in YAML the last item takes the list's key along. */
    Optional<TextEdit> removeListItem(List<String> listPath, int index);

    /**
     * Adds {@code key: value} to the mapping at {@code mapPath}, first creating the mappings of that path that are
     * missing; {@code typed} writes an integer or true/false as a number or boolean.
     */
    Optional<TextEdit> addNestedField(List<String> mapPath, String key, String value, boolean typed);

    /** As {@link #addItem(List, String)}, first creating the mappings above the list that are missing. */
    Optional<TextEdit> addNestedItem(List<String> listPath, String item);

    /** As {@link #addMapItem(List, Map)}; a missing or empty list is created with this first item (and its mappings). */
    Optional<TextEdit> addNestedMapItem(List<String> listPath, Map<String, String> fields);

    /** Adds {@code key: value} to the string map at {@code mapPath} (created when missing); empty when the key is there. */
    Optional<TextEdit> putEntry(List<String> mapPath, String key, String value);

    /** Sets the value of {@code key} in the string map at {@code mapPath}. */
    Optional<TextEdit> setEntry(List<String> mapPath, String key, String value);

    /** Renames {@code key} of the map at {@code mapPath} to {@code newKey}, keeping its value and place. */
    Optional<TextEdit> renameEntry(List<String> mapPath, String key, String newKey);

    /** Removes {@code key} from the map at {@code mapPath}; in YAML the last key takes the map's own key along. */
    Optional<TextEdit> removeEntry(List<String> mapPath, String key);

    /** Adds {@code key} with an empty mapping to the map at {@code mapPath} (created when missing): a graph node. */
    Optional<TextEdit> addObject(List<String> mapPath, String key);

    /**
     * Sets the string at {@code path} to {@code value}, which may hold line breaks: in YAML a block scalar (or one
     * line when the value has no line break and was not a block), in JSON a string. Added when missing.
     */
    Optional<TextEdit> setText(List<String> path, String value);

    /** As {@link #setText(List, String)}; {@code literal}: a YAML block is always written {@code |} (never folded). */
    default Optional<TextEdit> setText(List<String> path, String value, boolean literal) {
        return setText(path, value);
    }

    /** The document a file's text holds when it is one readable document of {@code format} with a map at its root. */
    static Optional<Document> singleDocument(SourceId file, String text, SourceFormat format) {
        ParsedFile parsed = new ManifestParser().parse(file, text.getBytes(StandardCharsets.UTF_8));
        if (parsed.format() != format || !parsed.readable() || parsed.documents().size() != 1
                || !(parsed.documents().get(0).root() instanceof MapNode)) {
            return Optional.empty();
        }
        return Optional.of(parsed.documents().get(0));
    }

    /** The root mapping of a file's text when it is one readable document of {@code format} with a map at its root. */
    static Optional<MapNode> singleMap(SourceId file, String text, SourceFormat format) {
        return singleDocument(file, text, format).map(d -> (MapNode) d.root());
    }

    /** The node at {@code path} below {@code root}. */
    static Optional<Node> at(Node root, List<String> path) {
        Node at = root;
        for (String step : path) {
            if (at instanceof MapNode m) {
                Optional<Node> next = m.get(step);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                at = next.get();
            } else if (at instanceof ListNode l && !step.isEmpty() && step.chars().allMatch(Character::isDigit)
                    && step.length() < 9 && Integer.parseInt(step) < l.items().size()) {
                at = l.items().get(Integer.parseInt(step));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }
}
