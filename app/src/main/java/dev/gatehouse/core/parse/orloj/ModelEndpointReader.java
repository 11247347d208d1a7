package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;

/**
 * resources/manifest_parser_model_endpoint.go#ParseModelEndpointManifest, YAML branch. Option keys are read at
 * indentation 4 or more and lowercased; {@code auth} reads only the secret reference.
 */
final class ModelEndpointReader {
    private static final List<String> SPEC = List.of("provider", "base_url", "default_model", "options", "auth");
    private static final List<String> AUTH = List.of("secretRef");

    private ModelEndpointReader() {
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        DraftResource out = new DraftResource(file);
        String section = "";
        String subsection = "";
        Span sectionKey = out.fileStart();
        Span subsectionKey = out.fileStart();
        for (ScanLine line : lines) {
            boolean header = line.isHeader();
            if ((section.equals("spec") || section.equals("metadata")) && line.indent() <= 2 && !header
                    && !line.isItem()) {
                subsection = "";
            }
            if (header) {
                String key = line.headerKey();
                if (key.equals("metadata") || key.equals("spec")) {
                    section = key;
                    sectionKey = line.headerKeySpan();
                    subsection = "";
                } else if ((key.equals("labels") && section.equals("metadata"))
                        || ((key.equals("auth") || key.equals("options")) && section.equals("spec"))) {
                    subsection = key;
                    subsectionKey = line.headerKeySpan();
                }
                continue;
            }

            Optional<ScanLine.KeyValue> parsed = line.keyValue();
            if (parsed.isEmpty()) {
                continue;
            }
            ScanLine.KeyValue kv = parsed.get();
            String key = kv.key();
            String value = GoStrings.stripQuotes(kv.value());
            boolean spec = section.equals("spec");
            if (key.equals("apiVersion") || key.equals("kind")) {
                out.typeField(key, kv, value);
            } else if (section.equals("metadata") && subsection.equals("labels") && line.indent() >= 4) {
                out.label(sectionKey, subsectionKey, kv, value);
            } else if (section.equals("metadata")) {
                Optional<OrlojError> error = out.metaField(sectionKey, line, kv, value);
                if (error.isPresent()) {
                    return ScanOutcome.failed(error.get());
                }
            } else if (spec && subsection.isEmpty() && key.equals("provider")) {
                out.spec(sectionKey, SPEC).put("provider", kv.keySpan(), value, kv.valueSpan());
            } else if (spec && subsection.isEmpty() && (key.equals("base_url") || key.equals("baseURL"))) {
                out.spec(sectionKey, SPEC).put("base_url", kv.keySpan(), value, kv.valueSpan());
            } else if (spec && subsection.isEmpty() && (key.equals("default_model") || key.equals("defaultModel"))) {
                out.spec(sectionKey, SPEC).put("default_model", kv.keySpan(), value, kv.valueSpan());
            } else if (spec && subsection.equals("options") && line.indent() >= 4) {
                // Options[strings.ToLower(strings.TrimSpace(key))] = value
                out.spec(sectionKey, SPEC).map("options", subsectionKey, List.of())
                        .put(GoStrings.toLower(GoStrings.trimSpace(key)), kv.keySpan(), value, kv.valueSpan());
            } else if (spec && subsection.equals("auth") && (key.equals("secretRef") || key.equals("secret_ref"))) {
                out.spec(sectionKey, SPEC).map("auth", subsectionKey, AUTH)
                        .put("secretRef", kv.keySpan(), value, kv.valueSpan());
            }
        }
        return ScanOutcome.of(out.build());
    }
}
