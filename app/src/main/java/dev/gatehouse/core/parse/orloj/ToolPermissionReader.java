package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;

/**
 * resources/manifest_parser_ext.go#ParseToolPermissionManifest, YAML branch. Once {@code operation_rules:} is
 * open and holds a rule, every non-item line belongs to the last rule until a recognised header switches the
 * subsection: {@code tool_ref}, {@code apiVersion}, {@code kind} and the rest are swallowed there.
 */
final class ToolPermissionReader {
    private static final List<String> SPEC = List.of("tool_ref", "action", "required_permissions", "match_mode",
            "apply_mode", "target_agents", "operation_rules");
    private static final List<String> RULE = List.of("operation_class", "verdict");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private Span sectionKey;
    private Span subsectionKey;
    private DraftList rules;

    private ToolPermissionReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new ToolPermissionReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
        for (ScanLine line : lines) {
            boolean item = line.isItem();
            if (section.equals("metadata") && line.indent() <= 2 && !line.isHeader() && !item) {
                subsection = "";
            }
            if (line.isHeader()) {
                header(line);
                continue;
            }

            boolean inRules = section.equals("spec") && subsection.equals("operation_rules");
            if (section.equals("spec") && item
                    && (subsection.equals("required_permissions") || subsection.equals("target_agents"))) {
                ScanLine.Located it = line.item();
                spec().list(subsection, subsectionKey).add(GoStrings.stripQuotes(it.text()), it.span());
                continue;
            }
            if (inRules && item) {
                // Every item appends a rule, even one whose text is not k: v (a flow map gives an empty rule).
                DraftMap rule = rules().addMap(line.item().span(), RULE);
                line.itemKeyValue().ifPresent(kv -> ruleField(rule, kv));
                continue;
            }
            if (inRules && rules != null && rules.size() > 0) {
                DraftMap rule = rules.mapAt(rules.size() - 1);
                line.keyValue().ifPresent(kv -> ruleField(rule, kv));
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
            } else if (spec) {
                String tag = switch (key) {
                    case "tool_ref", "toolRef" -> "tool_ref";
                    case "action" -> "action";
                    case "match_mode", "matchMode" -> "match_mode";
                    case "apply_mode", "applyMode" -> "apply_mode";
                    default -> "";
                };
                if (!tag.isEmpty()) {
                    spec().put(tag, kv.keySpan(), value, kv.valueSpan());
                }
            }
        }
        return ScanOutcome.of(out.build());
    }

    private void header(ScanLine line) {
        String key = line.headerKey();
        String name = switch (key) {
            case "required_permissions", "requiredPermissions" -> "required_permissions";
            case "target_agents", "targetAgents" -> "target_agents";
            case "operation_rules", "operationRules" -> "operation_rules";
            default -> key;
        };
        if (name.equals("metadata") || name.equals("spec")) {
            section = name;
            sectionKey = line.headerKeySpan();
            subsection = "";
        } else if ((name.equals("labels") && section.equals("metadata"))
                || (section.equals("spec") && (name.equals("required_permissions") || name.equals("target_agents")
                || name.equals("operation_rules")))) {
            subsection = name;
            subsectionKey = line.headerKeySpan();
        }
    }

    /** OperationRules[last].OperationClass / .Verdict = stripQuotes(v); other keys are dropped. */
    private static void ruleField(DraftMap rule, ScanLine.KeyValue kv) {
        String tag = switch (kv.key()) {
            case "operation_class", "operationClass" -> "operation_class";
            case "verdict" -> "verdict";
            default -> "";
        };
        if (!tag.isEmpty()) {
            rule.put(tag, kv.keySpan(), GoStrings.stripQuotes(kv.value()), kv.valueSpan());
        }
    }

    private DraftMap spec() {
        return out.spec(sectionKey, SPEC);
    }

    private DraftList rules() {
        rules = spec().list("operation_rules", subsectionKey);
        return rules;
    }
}
