package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;
import java.util.Optional;

/**
 * ORLOJ.md §2.4. {@code applyMode} is {@code scoped} (the default) or {@code global}; {@code maxTokensPerRun}
 * is absent when it is <= 0 (no budget).
 */
public record AgentPolicy(Meta meta, Optional<Located<Integer>> maxTokensPerRun, List<Located<String>> allowedModels,
                          List<Located<String>> blockedTools, Located<String> applyMode,
                          List<Located<String>> targetSystems, List<Located<String>> targetTasks) implements Resource {
    public AgentPolicy {
        allowedModels = List.copyOf(allowedModels);
        blockedTools = List.copyOf(blockedTools);
        targetSystems = List.copyOf(targetSystems);
        targetTasks = List.copyOf(targetTasks);
    }

    public boolean global() {
        return applyMode.value().equals("global");
    }
}
