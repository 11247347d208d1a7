package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * resources/manifest_parser_ext.go#ParseToolManifest, YAML branch. It never reads {@code description},
 * {@code input_schema}, {@code mcp_server_ref} or {@code mcp_tool_name}; {@code runtimeSubsection} doubles as the
 * {@code auth.scopes} marker.
 */
final class ToolReader {
    private static final List<String> SPEC = List.of("type", "endpoint", "description", "input_schema",
            "mcp_server_ref", "mcp_tool_name", "capabilities", "operation_classes", "risk_level", "runtime", "auth");
    private static final List<String> RUNTIME = List.of("timeout", "isolation_mode", "retry");
    private static final List<String> RETRY = List.of("max_attempts", "backoff", "max_backoff", "jitter");
    private static final List<String> AUTH = List.of("profile", "secretRef", "headerName", "tokenURL", "scopes");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private String runtimeSubsection = "";
    private Span sectionKey;
    private Span subsectionKey;
    private Span runtimeSubsectionKey;

    private ToolReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
        this.runtimeSubsectionKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new ToolReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
        for (ScanLine line : lines) {
            int indent = line.indent();
            boolean item = line.isItem();
            boolean header = line.isHeader();
            if (section.equals("spec") && indent <= 2 && !header && !item) {
                subsection = "";
                runtimeSubsection = "";
            }
            if (section.equals("metadata") && indent <= 2 && !header && !item) {
                subsection = "";
                runtimeSubsection = "";
            }
            if (section.equals("spec") && subsection.equals("runtime") && indent <= 4 && !header && !item) {
                runtimeSubsection = "";
            }

            if (header) {
                header(line);
                continue;
            }

            if (section.equals("spec") && item) {
                ScanLine.Located it = line.item();
                String text = GoStrings.stripQuotes(it.text());
                if (subsection.equals("capabilities") || subsection.equals("operation_classes")) {
                    spec().list(subsection, subsectionKey).add(text, it.span());
                    continue;
                }
                if (subsection.equals("auth") && runtimeSubsection.equals("scopes")) {
                    auth().list("scopes", runtimeSubsectionKey).add(text, it.span());
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
        return ScanOutcome.of(out.build());
    }

    private void header(ScanLine line) {
        Span key = line.headerKeySpan();
        switch (line.headerKey()) {
            case "metadata", "spec" -> {
                section = line.headerKey();
                sectionKey = key;
                subsection = "";
                runtimeSubsection = "";
            }
            case "labels" -> {
                if (section.equals("metadata")) {
                    openSubsection("labels", key);
                }
            }
            case "auth", "capabilities", "runtime" -> {
                if (section.equals("spec")) {
                    openSubsection(line.headerKey(), key);
                }
            }
            case "operation_classes", "operationClasses" -> {
                if (section.equals("spec")) {
                    openSubsection("operation_classes", key);
                }
            }
            case "scopes" -> {
                if (section.equals("spec") && subsection.equals("auth")) {
                    runtimeSubsection = "scopes";
                    runtimeSubsectionKey = key;
                }
            }
            case "retry" -> {
                if (section.equals("spec") && subsection.equals("runtime")) {
                    runtimeSubsection = "retry";
                    runtimeSubsectionKey = key;
                }
            }
            default -> {
                // Unknown headers change nothing.
            }
        }
    }

    private void openSubsection(String name, Span key) {
        subsection = name;
        subsectionKey = key;
        runtimeSubsection = "";
    }

    private Optional<OrlojError> keyValue(ScanLine line, ScanLine.KeyValue kv) {
        String key = kv.key();
        String value = GoStrings.stripQuotes(kv.value());
        boolean spec = section.equals("spec");
        if (key.equals("apiVersion") || key.equals("kind")) {
            out.typeField(key, kv, value);
        } else if (section.equals("metadata") && subsection.equals("labels") && line.indent() >= 4) {
            out.label(sectionKey, subsectionKey, kv, value);
        } else if (section.equals("metadata")) {
            return out.metaField(sectionKey, line, kv, value);
        } else if (spec && subsection.isEmpty() && (key.equals("type") || key.equals("endpoint"))) {
            spec().put(key, kv.keySpan(), value, kv.valueSpan());
        } else if (spec && subsection.isEmpty() && (key.equals("risk_level") || key.equals("riskLevel"))) {
            spec().put("risk_level", kv.keySpan(), value, kv.valueSpan());
        } else if (spec && subsection.equals("auth")) {
            String tag = switch (key) {
                case "profile" -> "profile";
                case "secretRef", "secret_ref" -> "secretRef";
                case "headerName", "header_name" -> "headerName";
                case "tokenURL", "token_url" -> "tokenURL";
                default -> "";
            };
            if (!tag.isEmpty()) {
                auth().put(tag, kv.keySpan(), value, kv.valueSpan());
            }
        } else if (spec && subsection.equals("runtime") && runtimeSubsection.isEmpty()) {
            String tag = switch (key) {
                case "timeout" -> "timeout";
                case "isolation_mode", "isolationMode" -> "isolation_mode";
                default -> "";
            };
            if (!tag.isEmpty()) {
                runtime().put(tag, kv.keySpan(), value, kv.valueSpan());
            }
        } else if (spec && subsection.equals("runtime") && runtimeSubsection.equals("retry")) {
            return retryField(line, kv, value);
        }
        return Optional.empty();
    }

    private Optional<OrlojError> retryField(ScanLine line, ScanLine.KeyValue kv, String value) {
        String tag = switch (kv.key()) {
            case "max_attempts", "maxAttempts" -> "max_attempts";
            case "backoff" -> "backoff";
            case "max_backoff", "maxBackoff" -> "max_backoff";
            case "jitter" -> "jitter";
            default -> "";
        };
        if (tag.isEmpty()) {
            return Optional.empty();
        }
        String text = value;
        if (tag.equals("max_attempts")) {
            OptionalLong v = GoStrings.atoi(value);
            if (v.isEmpty()) {
                return Optional.of(new OrlojError(
                        "invalid spec.runtime.retry.max_attempts value " + GoStrings.quote(value), line.lineSpan()));
            }
            text = Long.toString(v.getAsLong());
        }
        runtime().map("retry", runtimeSubsectionKey, RETRY).put(tag, kv.keySpan(), text, kv.valueSpan());
        return Optional.empty();
    }

    private DraftMap spec() {
        return out.spec(sectionKey, SPEC);
    }

    private DraftMap auth() {
        return spec().map("auth", subsectionKey, AUTH);
    }

    private DraftMap runtime() {
        return spec().map("runtime", subsectionKey, RUNTIME);
    }
}
