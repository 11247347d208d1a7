package dev.gatehouse.core.model;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.source.SourceId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Whether one of {@code files} is listed with nothing read from it: perhaps a file whose kind cannot be read,
     * which denies everything, so an edit of it can be judged by no narrower impact.
     */
    public boolean readsNothingFrom(Set<SourceId> files) {
        for (SourceSummary f : files()) {
            if (files.contains(f.path()) && f.resources().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Resources of one kind, in reading order. */
    public <T extends Resource> List<T> all(Class<T> type) {
        return manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
    }

    /** The first resource of a kind with this exact namespace and name. */
    public <T extends Resource> Optional<T> find(Class<T> type, String namespace, String name) {
        return all(type).stream().filter(r -> r.namespace().equals(namespace) && r.name().equals(name)).findFirst();
    }
}
