package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * resources/manifest_parser_ext.go#ParseAgentPolicyManifest, YAML branch. Nothing ever closes a list inside
 * {@code spec}, so block items after an unknown or commented header join the list opened last, and
 * {@code max_tokens_per_run}/{@code apply_mode} are read at any depth of {@code spec}. No camelCase aliases.
 */
final class AgentPolicyReader {
    private static final List<String> SPEC = List.of("max_tokens_per_run", "allowed_models", "blocked_tools",
            "apply_mode", "target_systems", "target_tasks");
    private static final List<String> LISTS = List.of("allowed_models", "blocked_tools", "target_systems",
            "target_tasks");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private Span sectionKey;
    private Span subsectionKey;

    private AgentPolicyReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new AgentPolicyReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
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
                        || (LISTS.contains(key) && section.equals("spec"))) {
                    subsection = key;
                    subsectionKey = line.headerKeySpan();
                }
                continue;
            }

            if (section.equals("spec") && item && LISTS.contains(subsection)) {
                ScanLine.Located it = line.item();
                out.spec(sectionKey, SPEC).list(subsection, subsectionKey)
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
            } else if (section.equals("spec") && key.equals("max_tokens_per_run")) {
                OptionalLong v = GoStrings.atoi(value);
                if (v.isEmpty()) {
                    return ScanOutcome.failed("invalid spec.max_tokens_per_run value " + GoStrings.quote(value), line);
                }
                out.spec(sectionKey, SPEC).put(key, kv.keySpan(), Long.toString(v.getAsLong()), kv.valueSpan());
            } else if (section.equals("spec") && key.equals("apply_mode")) {
                out.spec(sectionKey, SPEC).put(key, kv.keySpan(), value, kv.valueSpan());
            }
        }
        return ScanOutcome.of(out.build());
    }
}
