package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.List;

/** ORLOJ.md §2.15. */
public record Worker(Meta meta, String region, boolean gpu, List<Located<String>> supportedModels, int maxConcurrentTasks)
        implements Resource {
    public Worker {
        supportedModels = List.copyOf(supportedModels);
    }
}
