package dev.gatehouse.core.model;

import dev.gatehouse.core.diag.Diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * Everything read from a set of files: the files, the manifests as Gatehouse reads them (strict), the same
 * workspace as Orloj would load it, and the reading diagnostics. Immutable.
 */
public record Workspace(List<SourceSummary> files, List<Manifest> manifests, OrlojView orloj, List<Diagnostic> diagnostics) {
    public Workspace {
        files = List.copyOf(files);
        manifests = List.copyOf(manifests);
        diagnostics = List.copyOf(diagnostics);
    }

    /** Resources of one kind, in reading order. */
    /**
     * Whether one of {@code files} is listed with nothing read from it: perhaps a file whose kind cannot be read,
     * which denies everything, so an edit of it can be judged by no narrower impact.
     */
    public boolean readsNothingFrom(java.util.Set<dev.gatehouse.core.source.SourceId> files) {
        for (SourceSummary f : files()) {
            if (files.contains(f.path()) && f.resources().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    public <T extends Resource> List<T> all(Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    /** The first resource of a kind with this exact namespace and name. */
    public <T extends Resource> Optional<T> find(Class<T> type, String namespace, String name) {
        return all(type).stream().filter(r -> r.namespace().equals(namespace) && r.name().equals(name)).findFirst();
    }
}
