package dev.gatehouse.core.model;

import dev.gatehouse.core.source.SourceId;

import java.util.List;

/** One file of the workspace: its path, how it was read, and the resources found in it (none if it failed). */
public record SourceSummary(SourceId path, String format, List<Resource> resources) {
    public SourceSummary {
        resources = List.copyOf(resources);
    }
}
