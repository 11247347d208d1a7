package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/**
 * ORLOJ.md §2.1, normalised, plus the seed's inline forms ({@code model}, {@code models}, {@code policies},
 * {@code rateLimit}, {@code dataAccess}) that Gatehouse enforces and Orloj ignores. {@code allowedTools} is
 * absent when the manifest does not have it, which Orloj tells apart from an empty list.
 */
public record Agent(Meta meta, Optional<Located<String>> modelRef, Optional<Located<String>> prompt,
                    List<Located<String>> tools, Optional<List<Located<String>>> allowedTools,
                    List<Located<String>> roles, Optional<MemoryBinding> memory, Limits limits, Execution execution,
                    Optional<Located<String>> seedModel, List<Located<String>> seedModels,
                    List<SeedPolicy> seedPolicies, Optional<RateLimit> rateLimit, List<DataGrant> dataAccess)
        implements Resource {
    public Agent {
        tools = List.copyOf(tools);
        allowedTools = allowedTools.map(List::copyOf);
        roles = List.copyOf(roles);
        seedModels = List.copyOf(seedModels);
        seedPolicies = List.copyOf(seedPolicies);
        dataAccess = List.copyOf(dataAccess);
    }

    public record MemoryBinding(Optional<Located<String>> ref, List<Located<String>> allow) {
        public MemoryBinding {
            allow = List.copyOf(allow);
        }
    }

    /** {@code maxSteps} after Orloj's default (<= 0 becomes 10); {@code timeout} as written (F13: Orloj does not parse it). */
    public record Limits(int maxSteps, Optional<Located<String>> timeout) {}

    public record Execution(String profile, List<Located<String>> toolSequence, List<Located<String>> requiredOutputMarkers,
                            String duplicateToolCallPolicy, String onContractViolation, String toolUseBehavior) {
        public Execution {
            toolSequence = List.copyOf(toolSequence);
            requiredOutputMarkers = List.copyOf(requiredOutputMarkers);
        }
    }

    /** Seed form {@code spec.policies[]}: {@code effect} is allow or deny, {@code resource} a name or glob. */
    public record SeedPolicy(Located<String> effect, Located<String> resource, Located<String> action) {
        public boolean allows() {
            return effect.value().equals("allow");
        }
    }

    /** Seed form {@code spec.rateLimit}; a limit of 0 is absent. */
    public record RateLimit(Optional<Located<Integer>> maxTokensPerDay, Optional<Located<Integer>> maxCallsPerMinute) {}

    /** Seed form {@code spec.dataAccess[]}. */
    public record DataGrant(Located<String> resource, Located<String> action, Optional<Located<String>> rateLimitedBy) {}

    public boolean usesSeedForms() {
        return seedModel.isPresent() || !seedModels.isEmpty() || !seedPolicies.isEmpty() || rateLimit.isPresent() || !dataAccess.isEmpty();
    }
}
