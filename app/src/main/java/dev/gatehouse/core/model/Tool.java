package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/**
 * ORLOJ.md §2.7, normalised. {@code operationClasses} are the effective classes (defaulted by risk when empty,
 * {@code classesDefaulted} then true); {@code riskLevel} and {@code isolationMode} are effective values whose span is
 * where they were written, or the document when defaulted.
 */
public record Tool(Meta meta, String type, Optional<Located<String>> endpoint, List<Located<String>> capabilities,
                   List<Located<String>> operationClasses, boolean classesDefaulted, Located<String> riskLevel,
                   Runtime runtime, Optional<Auth> auth, Optional<Located<String>> mcpServerRef) implements Resource {
    public Tool {
        capabilities = List.copyOf(capabilities);
        operationClasses = List.copyOf(operationClasses);
    }

    public record Runtime(Located<String> timeout, Located<String> isolationMode, boolean isolationDefaulted,
                          int maxAttempts, String backoff, String maxBackoff, String jitter) {}

    public record Auth(String profile, Optional<Located<String>> secretRef) {}

    public boolean highRisk() {
        return riskLevel.value().equals("high") || riskLevel.value().equals("critical");
    }
}
