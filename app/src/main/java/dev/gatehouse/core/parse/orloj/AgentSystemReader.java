package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * resources/manifest_parser_ext.go#ParseAgentSystemManifest, YAML branch. Inside {@code graph:} every header at
 * indentation 4 or more that is not a recognised {@code edges:}/{@code join:} (6+) or edge {@code labels:}/
 * {@code policy:} (8+) names a new graph node, whatever its text.
 */
final class AgentSystemReader {
    private static final List<String> SPEC = List.of("agents", "graph");
    private static final List<String> GRAPH_EDGE = List.of("next", "edges", "join");
    private static final List<String> ROUTE = List.of("to", "labels", "policy");
    private static final List<String> JOIN = List.of("mode", "quorum_count", "quorum_percent", "on_failure");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private String currentGraphNode = "";
    private String graphNodeSection = "";
    private String edgeNestedSection = "";
    private int currentGraphEdgeIndex = -1;

    private Span sectionKey;
    private Span subsectionKey;
    private Span graphNodeSectionKey;
    private Span edgeNestedSectionKey;

    private AgentSystemReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
        this.graphNodeSectionKey = out.fileStart();
        this.edgeNestedSectionKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new AgentSystemReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
        for (ScanLine line : lines) {
            int indent = line.indent();
            boolean item = line.isItem();
            boolean header = line.isHeader();

            if (section.equals("spec") && indent <= 2 && !header && !item) {
                subsection = "";
                leaveGraphNode();
            }
            if (section.equals("metadata") && indent <= 2 && !header && !item) {
                subsection = "";
            }
            if (section.equals("spec") && subsection.equals("graph") && indent <= 4 && !header && !item) {
                graphNodeSection = "";
                edgeNestedSection = "";
                currentGraphEdgeIndex = -1;
            }

            if (header) {
                header(line);
                continue;
            }

            if (section.equals("spec") && subsection.equals("agents") && item) {
                ScanLine.Located it = line.item();
                spec().list("agents", subsectionKey).add(GoStrings.stripQuotes(it.text()), it.span());
                continue;
            }
            if (section.equals("spec") && subsection.equals("graph") && !currentGraphNode.isEmpty()
                    && graphNodeSection.equals("edges") && item) {
                edgeItem(line);
                continue;
            }

            Optional<ScanLine.KeyValue> parsed = line.keyValue();
            if (parsed.isEmpty()) {
                continue;
            }
            Optional<OrlojError> error = keyValue(line, parsed.get());
            if (error.isPresent()) {
                return ScanOutcome.failed(error.get());
            }
        }
        return ScanOutcome.of(out.build());
    }

    private void leaveGraphNode() {
        currentGraphNode = "";
        graphNodeSection = "";
        edgeNestedSection = "";
        currentGraphEdgeIndex = -1;
    }

    private void header(ScanLine line) {
        String key = line.headerKey();
        Span keySpan = line.headerKeySpan();
        int indent = line.indent();
        if (key.equals("metadata") || key.equals("spec")) {
            section = key;
            sectionKey = keySpan;
            subsection = "";
            leaveGraphNode();
        } else if (section.equals("spec") && (key.equals("agents") || key.equals("graph"))) {
            subsection = key;
            subsectionKey = keySpan;
            leaveGraphNode();
        } else if (section.equals("metadata") && key.equals("labels")) {
            subsection = "labels";
            subsectionKey = keySpan;
            currentGraphNode = "";
        } else if (section.equals("spec") && subsection.equals("graph") && indent >= 4) {
            if (!currentGraphNode.isEmpty() && indent >= 6 && (key.equals("edges") || key.equals("join"))) {
                graphNodeSection = key;
                graphNodeSectionKey = keySpan;
                edgeNestedSection = "";
                currentGraphEdgeIndex = -1;
                return;
            }
            if (!currentGraphNode.isEmpty() && graphNodeSection.equals("edges") && indent >= 8
                    && (key.equals("labels") || key.equals("policy"))) {
                edgeNestedSection = key;
                edgeNestedSectionKey = keySpan;
                return;
            }
            // currentGraphNode = stripQuotes(key); the node is created (empty) if it is new.
            currentGraphNode = GoStrings.stripQuotes(key);
            graphNodeSection = "";
            edgeNestedSection = "";
            currentGraphEdgeIndex = -1;
            DraftMap graph = spec().map("graph", subsectionKey, List.of());
            if (!graph.has(currentGraphNode)) {
                graph.map(currentGraphNode, keySpan, GRAPH_EDGE).touch(keySpan);
            }
        }
    }

    /** A {@code - } line under a node's {@code edges:}: always a new route; {@code - to: x}, {@code - next: x} or {@code - x}. */
    private void edgeItem(ScanLine line) {
        ScanLine.Located it = line.item();
        DraftList edges = node().list("edges", graphNodeSectionKey);
        DraftMap route = edges.addMap(it.span(), ROUTE);
        Optional<ScanLine.KeyValue> kv = line.itemKeyValue();
        if (kv.isPresent()) {
            ScanLine.KeyValue p = kv.get();
            if (p.key().equals("to") || p.key().equals("next")) {
                route.put("to", p.keySpan(), GoStrings.stripQuotes(p.value()), p.valueSpan());
            }
        } else {
            route.put("to", it.span(), GoStrings.stripQuotes(it.text()), it.span());
        }
        currentGraphEdgeIndex = edges.size() - 1;
        edgeNestedSection = "";
    }

    private Optional<OrlojError> keyValue(ScanLine line, ScanLine.KeyValue kv) {
        String key = kv.key();
        String value = GoStrings.stripQuotes(kv.value());
        if (key.equals("apiVersion") || key.equals("kind")) {
            out.typeField(key, kv, value);
        } else if (section.equals("metadata") && subsection.equals("labels") && line.indent() >= 4) {
            out.label(sectionKey, subsectionKey, kv, value);
        } else if (section.equals("metadata")) {
            return out.metaField(sectionKey, line, kv, value);
        } else if (section.equals("spec") && subsection.equals("graph") && !currentGraphNode.isEmpty()) {
            return graphField(line, kv, value);
        }
        return Optional.empty();
    }

    private Optional<OrlojError> graphField(ScanLine line, ScanLine.KeyValue kv, String value) {
        String key = kv.key();
        if (graphNodeSection.equals("join")) {
            String tag = switch (key) {
                case "mode" -> "mode";
                case "on_failure", "onFailure" -> "on_failure";
                case "quorum_count", "quorumCount" -> "quorum_count";
                case "quorum_percent", "quorumPercent" -> "quorum_percent";
                default -> "";
            };
            if (tag.isEmpty()) {
                return Optional.empty();
            }
            String text = value;
            if (tag.startsWith("quorum_")) {
                OptionalLong v = GoStrings.atoi(value);
                if (v.isEmpty()) {
                    return Optional.of(new OrlojError("invalid spec.graph." + currentGraphNode + ".join." + tag
                            + " value " + GoStrings.quote(value), line.lineSpan()));
                }
                text = Long.toString(v.getAsLong());
            }
            node().map("join", graphNodeSectionKey, JOIN).put(tag, kv.keySpan(), text, kv.valueSpan());
        } else if (graphNodeSection.equals("edges")) {
            DraftList edges = node().list("edges", graphNodeSectionKey);
            if (currentGraphEdgeIndex < 0) {
                // A key line with no open route appends a new (empty) route first.
                edges.addMap(kv.keySpan(), ROUTE);
                currentGraphEdgeIndex = edges.size() - 1;
            }
            DraftMap route = edges.mapAt(currentGraphEdgeIndex);
            switch (edgeNestedSection) {
                case "labels", "policy" -> route.map(edgeNestedSection, edgeNestedSectionKey, List.of())
                        .put(key, kv.keySpan(), value, kv.valueSpan());
                default -> {
                    if (key.equals("to") || key.equals("next")) {
                        route.put("to", kv.keySpan(), value, kv.valueSpan());
                    }
                }
            }
        } else if (key.equals("next")) {
            node().put("next", kv.keySpan(), value, kv.valueSpan());
        }
        return Optional.empty();
    }

    private DraftMap spec() {
        return out.spec(sectionKey, SPEC);
    }

    private DraftMap node() {
        return spec().map("graph", subsectionKey, List.of()).map(currentGraphNode, subsectionKey, GRAPH_EDGE);
    }
}
