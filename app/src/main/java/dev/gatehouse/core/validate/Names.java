package dev.gatehouse.core.validate;

import dev.gatehouse.core.model.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Resources of one kind indexed the two ways Orloj looks them up: by exact store key and ignoring case. */
final class Names<T extends Resource> {
    /** Namespace → name → resource: no key string is built per look-up (the validator makes tens of thousands). */
    private final Map<String, Map<String, T>> exact = new HashMap<>();
    private final Map<String, Map<String, T>> folded = new HashMap<>();
    private final Map<String, List<String>> byNamespace = new HashMap<>();
    private final List<T> all = new ArrayList<>();
    private final java.util.Set<String> foldedAnywhere = new java.util.HashSet<>();

    Names(List<T> resources) {
        for (T r : resources) {
            all.add(r);
            foldedAnywhere.add(r.name().toLowerCase(Locale.ROOT));
            exact.computeIfAbsent(r.namespace(), k -> new HashMap<>()).putIfAbsent(r.name(), r);
            folded.computeIfAbsent(r.namespace(), k -> new HashMap<>()).putIfAbsent(r.name().toLowerCase(Locale.ROOT), r);
            byNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r.name());
        }
    }

    /** Exact, case-sensitive store key lookup. */
    Optional<T> exact(String namespace, String name) {
        return Optional.ofNullable(exact.getOrDefault(namespace, Map.of()).get(name));
    }

    /** Case-insensitive lookup within a namespace. */
    Optional<T> folded(String namespace, String name) {
        return Optional.ofNullable(folded.getOrDefault(namespace, Map.of()).get(name.toLowerCase(Locale.ROOT)));
    }

    /** Case-insensitive lookup in any namespace. */
    boolean anyNamespace(String name) {
        return foldedAnywhere.contains(name.toLowerCase(Locale.ROOT));
    }

    List<String> names(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    List<String> allNames() {
        return all.stream().map(Resource::name).distinct().toList();
    }

    List<T> all() {
        return all;
    }
}
