package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * resources/manifest_parser.go#ParseAgentManifest, YAML branch. Unlike the other readers it unquotes each value
 * where it assigns it (so the max_steps error quotes the value as written), reads a {@code prompt: |} block, and
 * drops out of a list when a non-item line at indentation 2 or less (4 or less for nested lists) appears: that is
 * why a commented header ({@code roles:  # x}) loses its items here while other kinds keep them.
 */
final class AgentReader {
    private static final List<String> SPEC = List.of("model_ref", "prompt", "tools", "allowed_tools", "roles",
            "memory", "execution", "limits");
    private static final List<String> MEMORY = List.of("ref", "type", "provider", "allow");
    private static final List<String> EXECUTION = List.of("profile", "tool_sequence", "required_output_markers",
            "duplicate_tool_call_policy", "on_contract_violation", "tool_use_behavior");
    private static final List<String> LIMITS = List.of("max_steps", "timeout");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private Span sectionKey;
    private Span subsectionKey;
    private Span nestedKey;

    private boolean inPromptBlock;
    private int promptIndent;
    private final List<String> promptLines = new ArrayList<>();
    private Span promptKey;
    private Span promptFirst;
    private Span promptLast;

    private AgentReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
        this.nestedKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new AgentReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
        for (ScanLine line : lines) {
            String trimmed = line.trimmed();
            int indent = line.indent();

            if (inPromptBlock) {
                if (indent > promptIndent) {
                    // promptLines = append(promptLines, line[textStart:]): a byte slice of the raw line, so a
                    // line indented by promptIndent+1 loses the first byte of its text.
                    int textStart = promptIndent + 2;
                    if (line.raw().getBytes(StandardCharsets.UTF_8).length > textStart) {
                        promptLines.add(GoStrings.byteSuffix(line.raw(), textStart));
                    } else {
                        promptLines.add(GoStrings.trimSpace(line.raw()));
                    }
                    promptLast = line.trimmedSpan();
                    continue;
                }
                assignPrompt();
            }

            boolean item = line.isItem();
            boolean header = line.isHeader();
            if (section.equals("spec") && indent <= 2 && !item && !header) {
                subsection = "";
            }
            if (section.equals("metadata") && indent <= 2 && !item && !header) {
                subsection = "";
            }
            if (section.equals("spec")
                    && (subsection.equals("memory_allow") || subsection.equals("execution_tool_sequence")
                    || subsection.equals("execution_required_output_markers"))
                    && indent <= 4 && !item && !header) {
                subsection = subsection.equals("memory_allow") ? "memory" : "execution";
            }

            if (header) {
                header(line);
                continue;
            }

            if (section.equals("spec") && item) {
                String list = switch (subsection) {
                    case "tools" -> "tools";
                    case "roles" -> "roles";
                    case "memory_allow" -> "allow";
                    case "execution_tool_sequence" -> "tool_sequence";
                    case "execution_required_output_markers" -> "required_output_markers";
                    default -> "";
                };
                if (!list.isEmpty()) {
                    ScanLine.Located it = line.item();
                    listFor(list).add(GoStrings.stripQuotes(it.text()), it.span());
                    continue;
                }
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
        if (inPromptBlock) {
            assignPrompt();
        }
        return ScanOutcome.of(out.build());
    }

    private void header(ScanLine line) {
        Span key = line.headerKeySpan();
        switch (line.headerKey()) {
            case "metadata" -> {
                section = "metadata";
                subsection = "";
                sectionKey = key;
            }
            case "spec" -> {
                section = "spec";
                subsection = "";
                sectionKey = key;
            }
            case "labels" -> {
                if (section.equals("metadata")) {
                    openSubsection("labels", key);
                }
            }
            case "tools", "roles", "memory", "limits", "execution" -> {
                if (section.equals("spec")) {
                    openSubsection(line.headerKey(), key);
                }
            }
            case "allow" -> {
                if (section.equals("spec") && subsection.equals("memory")) {
                    subsection = "memory_allow";
                    nestedKey = key;
                }
            }
            case "tool_sequence", "required_output_markers" -> {
                if (section.equals("spec") && (subsection.equals("execution")
                        || subsection.equals("execution_tool_sequence")
                        || subsection.equals("execution_required_output_markers"))) {
                    subsection = "execution_" + line.headerKey();
                    nestedKey = key;
                }
            }
            default -> {
                // An unknown header leaves the subsection open: its block items land in the list above.
            }
        }
    }

    private void openSubsection(String name, Span key) {
        subsection = name;
        subsectionKey = key;
    }

    private DraftList listFor(String list) {
        DraftMap spec = out.spec(sectionKey, SPEC);
        return switch (list) {
            case "allow" -> spec.map("memory", subsectionKey, MEMORY).list("allow", nestedKey);
            case "tool_sequence", "required_output_markers" ->
                    spec.map("execution", subsectionKey, EXECUTION).list(list, nestedKey);
            default -> spec.list(list, subsectionKey);
        };
    }

    private Optional<OrlojError> keyValue(ScanLine line, ScanLine.KeyValue kv) {
        String key = kv.key();
        String value = GoStrings.trimSpace(kv.value());
        String unquoted = GoStrings.stripQuotes(value);
        boolean spec = section.equals("spec");
        if (key.equals("apiVersion") || key.equals("kind")) {
            out.typeField(key, kv, unquoted);
        } else if (section.equals("metadata") && subsection.equals("labels") && line.indent() >= 4) {
            out.label(sectionKey, subsectionKey, kv, unquoted);
        } else if (section.equals("metadata")) {
            return out.metaField(sectionKey, line, kv, unquoted);
        } else if (spec && subsection.isEmpty() && key.equals("model")) {
            return Optional.of(new OrlojError("spec.model has been removed; use spec.model_ref", line.lineSpan()));
        } else if (spec && subsection.isEmpty() && (key.equals("model_ref") || key.equals("modelRef"))) {
            specField("model_ref", kv, unquoted);
        } else if (spec && subsection.isEmpty() && key.equals("prompt")) {
            if (value.equals("|") || value.equals("|-") || value.equals("|+")) {
                inPromptBlock = true;
                promptIndent = line.indent();
                promptKey = kv.keySpan();
                promptFirst = kv.valueSpan();
                promptLast = kv.valueSpan();
            } else {
                specField("prompt", kv, unquoted);
            }
        } else if (spec && subsection.equals("memory") && (key.equals("type") || key.equals("provider")
                || key.equals("ref"))) {
            out.spec(sectionKey, SPEC).map("memory", subsectionKey, MEMORY)
                    .put(key, kv.keySpan(), unquoted, kv.valueSpan());
        } else if (spec && subsection.equals("limits") && key.equals("max_steps")) {
            OptionalLong maxSteps = GoStrings.atoi(unquoted);
            if (maxSteps.isEmpty()) {
                // The message quotes the value before stripQuotes.
                return Optional.of(new OrlojError(
                        "invalid spec.limits.max_steps value " + GoStrings.quote(value), line.lineSpan()));
            }
            limits().put("max_steps", kv.keySpan(), Long.toString(maxSteps.getAsLong()), kv.valueSpan());
        } else if (spec && subsection.equals("limits") && key.equals("timeout")) {
            limits().put("timeout", kv.keySpan(), unquoted, kv.valueSpan());
        } else if (spec && subsection.equals("execution")) {
            String tag = switch (key) {
                case "profile" -> "profile";
                case "duplicate_tool_call_policy", "duplicateToolCallPolicy" -> "duplicate_tool_call_policy";
                case "on_contract_violation", "onContractViolation" -> "on_contract_violation";
                case "tool_use_behavior", "toolUseBehavior" -> "tool_use_behavior";
                default -> "";
            };
            if (!tag.isEmpty()) {
                out.spec(sectionKey, SPEC).map("execution", subsectionKey, EXECUTION)
                        .put(tag, kv.keySpan(), unquoted, kv.valueSpan());
            }
        }
        return Optional.empty();
    }

    private void specField(String tag, ScanLine.KeyValue kv, String value) {
        out.spec(sectionKey, SPEC).put(tag, kv.keySpan(), value, kv.valueSpan());
    }

    private DraftMap limits() {
        return out.spec(sectionKey, SPEC).map("limits", subsectionKey, LIMITS);
    }

    /** agent.Spec.Prompt = strings.TrimRight(strings.Join(promptLines, "\n"), "\n"). */
    private void assignPrompt() {
        String text = String.join("\n", promptLines);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        out.spec(sectionKey, SPEC).put("prompt", promptKey, text.substring(0, end), promptFirst.to(promptLast));
        inPromptBlock = false;
        promptLines.clear();
    }
}
