package dev.gatehouse.ui.workspace;

import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.SourceSummary;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.Span;
import dev.gatehouse.ui.common.FindingLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Builds the workspace tree: "Files" as a folder tree, "Resources" grouped by kind, each with its findings counted. */
final class Outline {
    static final String FILES = "Files";
    static final String RESOURCES = "Resources";

    private Outline() {
    }

    static NavigationNode empty() {
        return section("", 0, List.of());
    }

    static NavigationNode of(Workspace workspace, List<ProblemRow> problems) {
        // By file once: matching every file and resource against every problem is quadratic (2,000 files with
        // 5,000 problems took seconds per keystroke).
        Map<String, List<ProblemRow>> byFile = problems.stream()
                .collect(Collectors.groupingBy(ProblemRow::file, java.util.HashMap::new, Collectors.toList()));
        NavigationNode files = section(FILES, workspace.files().size(), files(workspace.files(), byFile));
        NavigationNode resources = section(RESOURCES, workspace.manifests().size(), resources(workspace.manifests(), byFile));
        return section("", 0, List.of(files, resources));
    }

    private static List<NavigationNode> files(List<SourceSummary> files, Map<String, List<ProblemRow>> problems) {
        Folder top = new Folder("");
        for (SourceSummary file : files) {
            String path = file.path().path();
            Folder folder = top;
            String[] parts = path.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                String prefix = folder.prefix + parts[i] + "/";
                folder = folder.folders.computeIfAbsent(parts[i], name -> new Folder(prefix));
            }
            folder.files.put(parts[parts.length - 1], path);
        }
        return top.children(problems);
    }

    /** A folder while the tree is built: its path with a trailing '/', sub-folders and files by name. */
    private static final class Folder {
        final String prefix;
        final Map<String, Folder> folders = new TreeMap<>();
        final Map<String, String> files = new TreeMap<>();

        Folder(String prefix) {
            this.prefix = prefix;
        }

        /** Sub-folders first, then files, each by name; a folder counts the findings of every file below it. */
        List<NavigationNode> children(Map<String, List<ProblemRow>> problems) {
            List<NavigationNode> out = new ArrayList<>();
            folders.forEach((name, folder) -> out.add(node(NavigationNode.Type.FOLDER, name,
                    under(problems, folder.prefix), Optional.empty(), folder.children(problems))));
            files.forEach((name, path) -> out.add(node(NavigationNode.Type.FILE, name,
                    problems.getOrDefault(path, List.of()), Optional.of(new SourceLocation(path, 1, 1)), List.of())));
            return out;
        }
    }

    /** The problems of every file whose path starts with {@code prefix} (a folder's, with its trailing '/'). */
    private static List<ProblemRow> under(Map<String, List<ProblemRow>> byFile, String prefix) {
        List<ProblemRow> out = new ArrayList<>();
        byFile.forEach((file, rows) -> {
            if (file.startsWith(prefix)) {
                out.addAll(rows);
            }
        });
        return out;
    }

    private static List<NavigationNode> resources(List<Manifest> manifests, Map<String, List<ProblemRow>> problems) {
        Map<String, List<Resource>> byKind = manifests.stream().map(Manifest::resource)
                .collect(Collectors.groupingBy(r -> r.meta().kind().wireName(), TreeMap::new, Collectors.toList()));
        List<NavigationNode> kinds = new ArrayList<>();
        byKind.forEach((kind, resources) -> {
            // Each key made once, not on every comparison of the sort (stable: equal keys keep reading order).
            List<Map.Entry<String, Resource>> keyed = new ArrayList<>(resources.size());
            resources.forEach(r -> keyed.add(Map.entry(r.meta().key(), r)));
            keyed.sort(Map.Entry.comparingByKey());
            List<NavigationNode> children = keyed.stream().map(e -> resource(e.getValue(), e.getKey(), problems)).toList();
            kinds.add(group(NavigationNode.Type.KIND, kind, children.size(), children));
        });
        return kinds;
    }

    private static NavigationNode resource(Resource r, String key, Map<String, List<ProblemRow>> problems) {
        Span span = r.meta().span();
        String file = r.meta().file().path();
        List<ProblemRow> own = matching(problems.getOrDefault(file, List.of()),
                p -> p.line() >= span.line() && p.line() <= span.endLine());
        return node(NavigationNode.Type.RESOURCE, key, own,
                Optional.of(new SourceLocation(file, span.line(), span.column())), List.of());
    }

    private static NavigationNode node(NavigationNode.Type type, String label, List<ProblemRow> problems,
                                       Optional<SourceLocation> target, List<NavigationNode> children) {
        Optional<FindingLevel> worst = problems.stream().map(ProblemRow::level).min(Comparator.naturalOrder());
        return new NavigationNode(type, label, 0, problems.size(), worst, target, children);
    }

    private static NavigationNode section(String label, int count, List<NavigationNode> children) {
        return group(NavigationNode.Type.SECTION, label, count, children);
    }

    /** A grouping node: its findings are its children's, so nothing is counted twice. */
    private static NavigationNode group(NavigationNode.Type type, String label, int count, List<NavigationNode> children) {
        int problems = children.stream().mapToInt(NavigationNode::problems).sum();
        Optional<FindingLevel> worst = children.stream().flatMap(n -> n.worst().stream()).min(Comparator.naturalOrder());
        return new NavigationNode(type, label, count, problems, worst, Optional.empty(), children);
    }

    private static List<ProblemRow> matching(List<ProblemRow> problems, Predicate<ProblemRow> test) {
        return problems.stream().filter(test).toList();
    }
}
