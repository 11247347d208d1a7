package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part every kind's struct shares (TypeMeta fields and ObjectMeta), and the root of the tree a reader fills.
 * The field lists are the Go JSON tags in declaration order ({@code resources/agent.go#ObjectMeta}).
 */
final class DraftResource {
    private static final List<String> ENVELOPE = List.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final List<String> OBJECT_META = List.of("name", "namespace", "labels", "annotations",
            "resourceVersion", "generation", "createdAt");

    private final Span fileStart;
    private final DraftMap root;

    DraftResource(SourceId file) {
        this.fileStart = Span.point(file, 1, 1);
        this.root = DraftMap.root(fileStart, ENVELOPE);
    }

    /** The start of the file: the placeholder for a header no line has set yet. */
    Span fileStart() {
        return fileStart;
    }

    /** {@code case key == "apiVersion"} / {@code case key == "kind"}: a top-level field set from any line. */
    void typeField(String tag, ScanLine.KeyValue kv, String value) {
        root.put(tag, kv.keySpan(), value, kv.valueSpan());
    }

    DraftMap metadata(Span header) {
        return root.map("metadata", header, OBJECT_META);
    }

    DraftMap spec(Span header, List<String> fieldOrder) {
        return root.map("spec", header, fieldOrder);
    }

    /** {@code Metadata.Labels[key] = value}. */
    void label(Span metadataHeader, Span labelsHeader, ScanLine.KeyValue kv, String value) {
        metadata(metadataHeader).map("labels", labelsHeader, List.of()).put(kv.key(), kv.keySpan(), value, kv.valueSpan());
    }

    /**
     * manifest_parser.go#applyObjectMetaField: five known keys (two with snake_case aliases), everything else
     * ignored; a generation that strconv.ParseInt rejects is the reader's error.
     */
    Optional<OrlojError> metaField(Span metadataHeader, ScanLine line, ScanLine.KeyValue kv, String value) {
        String tag;
        String text = value;
        switch (kv.key()) {
            case "name" -> tag = "name";
            case "namespace" -> tag = "namespace";
            case "resourceVersion", "resource_version" -> tag = "resourceVersion";
            case "createdAt", "created_at" -> tag = "createdAt";
            case "generation" -> {
                OptionalLong v = GoStrings.atoi(value);
                if (v.isEmpty()) {
                    return Optional.of(new OrlojError(
                            "invalid metadata.generation value " + GoStrings.quote(value), line.lineSpan()));
                }
                tag = "generation";
                text = Long.toString(v.getAsLong());
            }
            default -> {
                return Optional.empty();
            }
        }
        metadata(metadataHeader).put(tag, kv.keySpan(), text, kv.valueSpan());
        return Optional.empty();
    }

    MapNode build() {
        return root.build();
    }
}
