package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;

/**
 * resources/manifest_parser_ext.go#ParseAgentRoleManifest, YAML branch: {@code permissions} items and
 * {@code description} (read at any depth of {@code spec}); the permissions list is never closed.
 */
final class AgentRoleReader {
    private static final List<String> SPEC = List.of("description", "permissions");

    private AgentRoleReader() {
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        DraftResource out = new DraftResource(file);
        String section = "";
        String subsection = "";
        Span sectionKey = out.fileStart();
        Span subsectionKey = out.fileStart();
        for (ScanLine line : lines) {
            boolean item = line.isItem();
            if (section.equals("metadata") && line.indent() <= 2 && !line.isHeader() && !item) {
                subsection = "";
            }
            if (line.isHeader()) {
                String key = line.headerKey();
                if (key.equals("metadata") || key.equals("spec")) {
                    section = key;
                    sectionKey = line.headerKeySpan();
                    subsection = "";
                } else if ((key.equals("labels") && section.equals("metadata"))
                        || (key.equals("permissions") && section.equals("spec"))) {
                    subsection = key;
                    subsectionKey = line.headerKeySpan();
                }
                continue;
            }

            if (section.equals("spec") && subsection.equals("permissions") && item) {
                ScanLine.Located it = line.item();
                out.spec(sectionKey, SPEC).list("permissions", subsectionKey)
                        .add(GoStrings.stripQuotes(it.text()), it.span());
                continue;
            }

            Optional<ScanLine.KeyValue> parsed = line.keyValue();
            if (parsed.isEmpty()) {
                continue;
            }
            ScanLine.KeyValue kv = parsed.get();
            String key = kv.key();
            String value = GoStrings.stripQuotes(kv.value());
            if (key.equals("apiVersion") || key.equals("kind")) {
                out.typeField(key, kv, value);
            } else if (section.equals("metadata") && subsection.equals("labels") && line.indent() >= 4) {
                out.label(sectionKey, subsectionKey, kv, value);
            } else if (section.equals("metadata")) {
                Optional<OrlojError> error = out.metaField(sectionKey, line, kv, value);
                if (error.isPresent()) {
                    return ScanOutcome.failed(error.get());
                }
            } else if (section.equals("spec") && key.equals("description")) {
                out.spec(sectionKey, SPEC).put(key, kv.keySpan(), value, kv.valueSpan());
            }
        }
        return ScanOutcome.of(out.build());
    }
}
