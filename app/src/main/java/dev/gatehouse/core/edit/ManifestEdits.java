package dev.gatehouse.core.edit;

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
 */
interface ManifestEdits {
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

    /** The root mapping of a file's text when it is one readable document of {@code format} with a map at its root. */
    static Optional<MapNode> singleMap(SourceId file, String text,
                                                                SourceFormat format) {
        ParsedFile parsed = new ManifestParser()
                .parse(file, text.getBytes(StandardCharsets.UTF_8));
        if (parsed.format() != format || !parsed.readable() || parsed.documents().size() != 1
                || !(parsed.documents().get(0).root() instanceof MapNode m)) {
            return Optional.empty();
        }
        return Optional.of(m);
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
