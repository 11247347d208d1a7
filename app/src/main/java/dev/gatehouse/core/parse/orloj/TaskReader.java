package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * resources/manifest_parser_ext.go#ParseTaskManifest, YAML branch. Under {@code input:} every {@code k: v} line is
 * an input, at any indentation (a {@code - k: v} line gives the key {@code - k}); only {@code non_retryable} takes
 * block items, and once it is open the other {@code message_retry} keys are no longer read.
 */
final class TaskReader {
    private static final List<String> SPEC = List.of("system", "mode", "input", "priority", "max_turns", "retry",
            "message_retry", "requirements");
    private static final List<String> RETRY = List.of("max_attempts", "backoff");
    private static final List<String> MESSAGE_RETRY = List.of("max_attempts", "backoff", "max_backoff", "jitter",
            "non_retryable");
    private static final List<String> REQUIREMENTS = List.of("region", "gpu", "model");

    private final DraftResource out;
    private String section = "";
    private String subsection = "";
    private Span sectionKey;
    private Span subsectionKey;
    private Span nonRetryableKey;

    private TaskReader(SourceId file) {
        this.out = new DraftResource(file);
        this.sectionKey = out.fileStart();
        this.subsectionKey = out.fileStart();
        this.nonRetryableKey = out.fileStart();
    }

    static ScanOutcome read(SourceId file, List<ScanLine> lines) {
        return new TaskReader(file).scan(lines);
    }

    private ScanOutcome scan(List<ScanLine> lines) {
        for (ScanLine line : lines) {
            boolean item = line.isItem();
            boolean header = line.isHeader();
            if ((section.equals("spec") || section.equals("metadata")) && line.indent() <= 2 && !header && !item) {
                subsection = "";
            }
            if (header) {
                header(line);
                continue;
            }

            if (section.equals("spec") && subsection.equals("message_retry_non_retryable") && item) {
                ScanLine.Located it = line.item();
                messageRetry().list("non_retryable", nonRetryableKey).add(GoStrings.stripQuotes(it.text()), it.span());
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

    private void header(ScanLine line) {
        String key = line.headerKey();
        Span keySpan = line.headerKeySpan();
        switch (key) {
            case "metadata", "spec" -> {
                section = key;
                sectionKey = keySpan;
                subsection = "";
            }
            case "labels" -> {
                if (section.equals("metadata")) {
                    subsection = key;
                    subsectionKey = keySpan;
                }
            }
            case "input", "retry", "message_retry", "requirements" -> {
                if (section.equals("spec")) {
                    subsection = key;
                    subsectionKey = keySpan;
                }
            }
            case "non_retryable" -> {
                // The message_retry header stays the key of the enclosing map.
                if (section.equals("spec") && subsection.equals("message_retry")) {
                    subsection = "message_retry_non_retryable";
                    nonRetryableKey = keySpan;
                }
            }
            default -> {
                // Unknown headers change nothing.
            }
        }
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
        } else if (spec && subsection.isEmpty() && (key.equals("system") || key.equals("mode")
                || key.equals("priority"))) {
            spec().put(key, kv.keySpan(), value, kv.valueSpan());
        } else if (spec && subsection.isEmpty() && (key.equals("max_turns") || key.equals("maxTurns"))) {
            OptionalLong v = GoStrings.atoi(value);
            if (v.isEmpty()) {
                return failure("invalid spec.max_turns value ", value, line);
            }
            spec().put("max_turns", kv.keySpan(), Long.toString(v.getAsLong()), kv.valueSpan());
        } else if (spec && subsection.equals("retry") && key.equals("max_attempts")) {
            OptionalLong v = GoStrings.atoi(value);
            if (v.isEmpty()) {
                return failure("invalid spec.retry.max_attempts value ", value, line);
            }
            retry().put(key, kv.keySpan(), Long.toString(v.getAsLong()), kv.valueSpan());
        } else if (spec && subsection.equals("retry") && key.equals("backoff")) {
            retry().put(key, kv.keySpan(), value, kv.valueSpan());
        } else if (spec && subsection.equals("message_retry")) {
            return messageRetryField(line, kv, value);
        } else if (spec && subsection.equals("requirements") && (key.equals("region") || key.equals("model"))) {
            requirements().put(key, kv.keySpan(), value, kv.valueSpan());
        } else if (spec && subsection.equals("requirements") && key.equals("gpu")) {
            requirements().put(key, kv.keySpan(), Boolean.toString(GoStrings.goBool(value)), kv.valueSpan());
        } else if (spec && subsection.equals("input")) {
            spec().map("input", subsectionKey, List.of()).put(key, kv.keySpan(), value, kv.valueSpan());
        }
        return Optional.empty();
    }

    private Optional<OrlojError> messageRetryField(ScanLine line, ScanLine.KeyValue kv, String value) {
        String tag = switch (kv.key()) {
            case "max_attempts" -> "max_attempts";
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
                return failure("invalid spec.message_retry.max_attempts value ", value, line);
            }
            text = Long.toString(v.getAsLong());
        }
        messageRetry().put(tag, kv.keySpan(), text, kv.valueSpan());
        return Optional.empty();
    }

    private static Optional<OrlojError> failure(String prefix, String value, ScanLine line) {
        return Optional.of(new OrlojError(prefix + GoStrings.quote(value), line.lineSpan()));
    }

    private DraftMap spec() {
        return out.spec(sectionKey, SPEC);
    }

    private DraftMap retry() {
        return spec().map("retry", subsectionKey, RETRY);
    }

    private DraftMap messageRetry() {
        return spec().map("message_retry", subsectionKey, MESSAGE_RETRY);
    }

    private DraftMap requirements() {
        return spec().map("requirements", subsectionKey, REQUIREMENTS);
    }
}
