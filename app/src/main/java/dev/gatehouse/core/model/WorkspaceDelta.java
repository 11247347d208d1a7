package dev.gatehouse.core.model;

import dev.gatehouse.core.source.SourceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What an edit of some files changed between two workspaces when nothing else did: the manifests (strict reading)
 * and the resources Orloj loads of those files, before and after, each list in reading order. Every other
 * manifest of {@code after} is the very object it was in {@code before}, as broken as it was, in the same order,
 * and so is every other resource Orloj loads.
 *
 * <p>Worked out once per edit by the engine's compile (one walk of both workspaces comparing references) and
 * then read by whatever else judges what the edit can affect, so that each of them need not walk the workspace.
 */
public record WorkspaceDelta(Workspace before, Workspace after, Set<SourceId> files,
                             List<Manifest> manifestsBefore, List<Manifest> manifestsAfter,
                             List<Resource> loadedBefore, List<Resource> loadedAfter) {
    public WorkspaceDelta {
        files = Set.copyOf(files);
        manifestsBefore = List.copyOf(manifestsBefore);
        manifestsAfter = List.copyOf(manifestsAfter);
        loadedBefore = List.copyOf(loadedBefore);
        loadedAfter = List.copyOf(loadedAfter);
    }

    /**
     * The delta of an edit of {@code changed} (added and deleted files included), or empty when the workspaces
     * differ outside those files, or when one of them is listed with nothing read from it in either workspace
     * ({@link Workspace#readsNothingFrom}): such an edit can be judged by no narrower impact.
     */
    public static Optional<WorkspaceDelta> between(Workspace before, Workspace after, Collection<SourceId> changed) {
        Set<SourceId> files = new HashSet<>(changed);
        if (before.readsNothingFrom(files) || after.readsNothingFrom(files)) {
            return Optional.empty();
        }
        List<Manifest> manifestsBefore = new ArrayList<>();
        List<Manifest> manifestsAfter = new ArrayList<>();
        List<Resource> loadedBefore = new ArrayList<>();
        List<Resource> loadedAfter = new ArrayList<>();
        // Both workspaces list their resources file by file in path order, so without the edited files the two
        // lists must be the very same objects in the same order.
        if (!sameOutside(before.manifests(), after.manifests(), Manifest::resource,
                (x, y) -> x.resource() == y.resource() && x.broken() == y.broken(), files, manifestsBefore, manifestsAfter)
                || !sameOutside(before.orloj().loaded(), after.orloj().loaded(), r -> r, (x, y) -> x == y, files, loadedBefore, loadedAfter)) {
            return Optional.empty();
        }
        return Optional.of(new WorkspaceDelta(before, after, files, manifestsBefore, manifestsAfter, loadedBefore, loadedAfter));
    }

    /** Whether this is the delta of that edit: the same two workspace objects and the same files. */
    public boolean of(Workspace before, Workspace after, Collection<SourceId> changed) {
        return this.before == before && this.after == after && files.size() == changed.size() && files.containsAll(changed);
    }

    /** Every resource of the edited files, before and after, in both readings. */
    public List<Resource> resources() {
        List<Resource> out = new ArrayList<>(manifestsBefore.size() + manifestsAfter.size() + loadedBefore.size() + loadedAfter.size());
        manifestsBefore.forEach(m -> out.add(m.resource()));
        manifestsAfter.forEach(m -> out.add(m.resource()));
        out.addAll(loadedBefore);
        out.addAll(loadedAfter);
        return out;
    }

    /**
     * Whether the edited resources pair up, before and after, in reading order, with the same kind, namespace and
     * name, in both readings: the edit changed what resources say, not which resources there are.
     */
    public boolean renamesNothing() {
        List<Resource> before = new ArrayList<>();
        manifestsBefore.forEach(m -> before.add(m.resource()));
        List<Resource> after = new ArrayList<>();
        manifestsAfter.forEach(m -> after.add(m.resource()));
        return sameNames(before, after) && sameNames(loadedBefore, loadedAfter);
    }

    /** Whether the two lists pair up resource by resource with the same kind, namespace and name. */
    public static boolean sameNames(List<? extends Resource> before, List<? extends Resource> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            Resource was = before.get(i);
            Resource now = after.get(i);
            if (was.meta().kind() != now.meta().kind() || !was.namespace().equals(now.namespace()) || !was.name().equals(now.name())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a resource of that kind is among the edited ones, before or after, in either reading. */
    public boolean touches(Kind kind) {
        for (Resource r : resources()) {
            if (r.meta().kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code was} and {@code now}, without the items of the {@code files}, are pairwise {@code same};
     * the items of those files are added to {@code wasIn} and {@code nowIn}.
     */
    private static <T> boolean sameOutside(List<T> was, List<T> now, Function<T, Resource> resource, BiPredicate<T, T> same,
                                           Set<SourceId> files, List<T> wasIn, List<T> nowIn) {
        // One file (a keystroke) is compared by reference first: the resources of a reading share its id object.
        SourceId only = files.size() == 1 ? files.iterator().next() : null;
        int i = 0;
        int j = 0;
        while (true) {
            while (i < was.size() && in(resource.apply(was.get(i)).meta().file(), only, files)) {
                wasIn.add(was.get(i++));
            }
            while (j < now.size() && in(resource.apply(now.get(j)).meta().file(), only, files)) {
                nowIn.add(now.get(j++));
            }
            if (i == was.size() || j == now.size()) {
                return i == was.size() && j == now.size();
            }
            if (!same.test(was.get(i++), now.get(j++))) {
                return false;
            }
        }
    }

    private static boolean in(SourceId file, SourceId only, Set<SourceId> files) {
        return only != null ? file == only || file.path().equals(only.path()) : files.contains(file);
    }
}
