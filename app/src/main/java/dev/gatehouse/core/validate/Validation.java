package dev.gatehouse.core.validate;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.Resource;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.SourceId;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A workspace's validation that keeps the findings of each resource's checks, so that the validation of the
 * workspace after an edit ({@link #next}) checks again only what the edit can change, and equals
 * {@link Validator#validate} of the edited workspace finding for finding, in order.
 *
 * <p>Why it is equal. The findings are the reading's (taken as they are), the duplicate names (a function of
 * every resource's kind, key and name span, in reading order) and each resource's own checks
 * ({@link Validator#check}), each a pure function of the resource and of what the indexes hold of a few kinds
 * ({@link #READS}): of some kinds only the namespaces and names in reading order ({@link Level#NAMES}), of others
 * the resources themselves ({@link Level#CONTENT}). Files are compared resource by resource (the same object, or
 * an equal one); the files that differ are the changed ones. A kind's names or content is unchanged when, in
 * every changed file, its resources of that kind have the same names, or are equal, before and after: every
 * other file holds the same resources, in the same order, so the whole kind reads the same, and its index is the
 * previous one; likewise the duplicate names are the previous ones when no changed file's kinds, keys or name
 * spans changed. A resource of an unchanged file whose kind reads no changed kind has the findings it had; all
 * others are checked again. The findings are put together
 * in the order {@link Validator} makes them (kind by kind, resources in reading order) and sorted as it sorts
 * them, so ties keep their order too. Where that argument does not apply (a file's resources not read together,
 * files in another order), everything is checked.
 */
public final class Validation {
    /** What a kind's checks read of another kind: its namespaces and names in reading order, or its resources. */
    enum Level { NAMES, CONTENT }

    /** The kinds whose resources have checks of their own, in the order the validator reports them. */
    static final List<Kind> ORDER = List.of(Kind.AGENT, Kind.AGENT_SYSTEM, Kind.TASK, Kind.TOOL_PERMISSION, Kind.AGENT_POLICY,
            Kind.TOOL, Kind.MODEL_ENDPOINT, Kind.MEMORY, Kind.MCP_SERVER, Kind.TASK_SCHEDULE, Kind.TASK_WEBHOOK, Kind.TOOL_APPROVAL);

    /** What the checks of each kind read of the workspace besides the resource checked (see {@link Validator}). */
    static final Map<Kind, Map<Kind, Level>> READS = reads();

    private static Map<Kind, Map<Kind, Level>> reads() {
        Map<Kind, Map<Kind, Level>> m = new EnumMap<>(Kind.class);
        // Endpoints, tools, roles and memories it names (by name, with hints from the names); the tools McpServers
        // generate (their tool filter); the ToolPermissions of its tools (F1); the policies, systems and tasks
        // that decide which policies block its tools.
        m.put(Kind.AGENT, Map.of(Kind.MODEL_ENDPOINT, Level.NAMES, Kind.TOOL, Level.NAMES, Kind.AGENT_ROLE, Level.NAMES,
                Kind.MEMORY, Level.NAMES, Kind.MCP_SERVER, Level.CONTENT, Kind.TOOL_PERMISSION, Level.CONTENT,
                Kind.AGENT_POLICY, Level.CONTENT, Kind.AGENT_SYSTEM, Level.CONTENT, Kind.TASK, Level.CONTENT));
        m.put(Kind.AGENT_SYSTEM, Map.of(Kind.AGENT, Level.NAMES));
        m.put(Kind.TASK, Map.of(Kind.AGENT_SYSTEM, Level.CONTENT));
        m.put(Kind.TOOL_PERMISSION, Map.of(Kind.TOOL, Level.CONTENT, Kind.AGENT, Level.NAMES));
        m.put(Kind.AGENT_POLICY, Map.of(Kind.AGENT_SYSTEM, Level.NAMES, Kind.TASK, Level.CONTENT, Kind.MODEL_ENDPOINT, Level.CONTENT,
                Kind.TOOL, Level.NAMES));
        m.put(Kind.TOOL, Map.of(Kind.SECRET, Level.NAMES, Kind.MCP_SERVER, Level.NAMES));
        m.put(Kind.MODEL_ENDPOINT, Map.of(Kind.SECRET, Level.NAMES));
        m.put(Kind.MEMORY, Map.of(Kind.SECRET, Level.NAMES, Kind.MODEL_ENDPOINT, Level.NAMES));
        m.put(Kind.MCP_SERVER, Map.of(Kind.SECRET, Level.NAMES));
        m.put(Kind.TASK_SCHEDULE, Map.of(Kind.TASK, Level.CONTENT));
        m.put(Kind.TASK_WEBHOOK, Map.of(Kind.TASK, Level.CONTENT, Kind.SECRET, Level.NAMES));
        m.put(Kind.TOOL_APPROVAL, Map.of(Kind.TASK, Level.NAMES));
        for (Kind k : Kind.values()) {
            m.putIfAbsent(k, Map.of());
        }
        return m;
    }

    /** One file's resources in reading order, and the findings of each one's checks. */
    private record Segment(List<Resource> resources, List<List<Diagnostic>> findings) {}

    private final ValidationResult result;
    /** By file, in reading order; null when the workspace's resources are not grouped by file. */
    private final Map<SourceId, Segment> segments;
    /** The indexes the checks read, and the duplicate names found: both reused while their inputs are the same. */
    private final Validator indexes;
    private final List<Diagnostic> duplicates;
    private final int checked;

    private Validation(ValidationResult result, Map<SourceId, Segment> segments, Validator indexes, List<Diagnostic> duplicates,
                       int checked) {
        this.result = result;
        this.segments = segments;
        this.indexes = indexes;
        this.duplicates = duplicates;
        this.checked = checked;
    }

    /** Validates a workspace, every resource checked. */
    public static Validation of(Workspace ws) {
        return validate(ws, null);
    }

    /**
     * Validates {@code edited}, typically this workspace after an edit of a few files, reusing the findings of
     * every resource the edit cannot change: equal to {@link #of} of {@code edited}.
     */
    public Validation next(Workspace edited) {
        return validate(edited, this);
    }

    public ValidationResult result() {
        return result;
    }

    /** How many resources were checked (not taken from the previous validation): for tests. */
    int checked() {
        return checked;
    }

    private static Validation validate(Workspace ws, Validation previous) {
        Map<SourceId, List<Resource>> files = byFile(ws);
        Map<SourceId, Segment> before = previous == null || files == null || previous.segments == null
                || !sameOrder(previous.segments.keySet(), files.keySet()) ? null : previous.segments;
        // The files whose resources differ, and what changed of each kind in them.
        Set<SourceId> changed = new HashSet<>();
        Set<Kind> names = EnumSet.noneOf(Kind.class);
        Set<Kind> content = EnumSet.noneOf(Kind.class);
        boolean keys = false;
        if (before != null) {
            Set<SourceId> all = new HashSet<>(before.keySet());
            all.addAll(files.keySet());
            for (SourceId f : all) {
                List<Resource> old = before.containsKey(f) ? before.get(f).resources() : List.of();
                List<Resource> now = files.getOrDefault(f, List.of());
                if (!same(old, now)) {
                    changed.add(f);
                    compare(old, now, names, content);
                    keys |= !keys(old).equals(keys(now));
                }
            }
        }
        // The indexes of the kinds whose resources are all equal, in order, are those of the previous validation.
        Validator v = before == null ? Validator.of(ws) : Validator.of(ws, previous.indexes, content);
        // Which resources keep their findings; the others are checked, agents in parallel when there are many.
        Map<SourceId, List<List<Diagnostic>>> findings = new LinkedHashMap<>();
        List<Resource> toCheck = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        boolean grouped = files != null;
        files = grouped ? files : singleSegment(ws);
        for (Map.Entry<SourceId, List<Resource>> f : files.entrySet()) {
            List<Resource> resources = f.getValue();
            List<List<Diagnostic>> mine = new ArrayList<>(resources.size());
            Segment old = before == null || changed.contains(f.getKey()) ? null : before.get(f.getKey());
            for (int i = 0; i < resources.size(); i++) {
                Resource r = resources.get(i);
                if (old != null && !reads(r.meta().kind(), names, content)) {
                    mine.add(old.findings().get(i));
                } else {
                    mine.add(null);
                    toCheck.add(r);
                    slots.add(new Slot(mine, i));
                }
            }
            findings.put(f.getKey(), mine);
        }
        List<List<Diagnostic>> checkedFindings = check(v, toCheck);
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).list().set(slots.get(i).index(), checkedFindings.get(i));
        }
        // Put together as the validator reports them: duplicates, then kind by kind in reading order.
        Map<Kind, List<List<Diagnostic>>> byKind = new EnumMap<>(Kind.class);
        files.forEach((file, resources) -> {
            List<List<Diagnostic>> mine = findings.get(file);
            for (int i = 0; i < resources.size(); i++) {
                byKind.computeIfAbsent(resources.get(i).meta().kind(), k -> new ArrayList<>()).add(mine.get(i));
            }
        });
        // Duplicate names depend on every resource's kind, key and name span, in reading order.
        List<Diagnostic> duplicates = before == null || keys ? v.duplicateNames() : previous.duplicates;
        List<Diagnostic> out = new ArrayList<>(duplicates);
        for (Kind k : ORDER) {
            byKind.getOrDefault(k, List.of()).forEach(out::addAll);
        }
        Map<SourceId, Segment> kept = null;
        if (grouped) {
            kept = new LinkedHashMap<>();
            for (Map.Entry<SourceId, List<Resource>> f : files.entrySet()) {
                kept.put(f.getKey(), new Segment(f.getValue(), findings.get(f.getKey())));
            }
        }
        return new Validation(v.result(out), kept, v, duplicates, toCheck.size());
    }

    private record Slot(List<List<Diagnostic>> list, int index) {}

    /** The findings of each resource's checks, in the order given; many agents are checked in parallel slices. */
    private static List<List<Diagnostic>> check(Validator v, List<Resource> resources) {
        long agents = resources.stream().filter(r -> r.meta().kind() == Kind.AGENT).count();
        if (agents < Validator.PARALLEL_AGENTS) {
            List<List<Diagnostic>> out = new ArrayList<>(resources.size());
            resources.forEach(r -> out.add(v.check(r)));
            return out;
        }
        // Each check only reads the indexes; a child per slice collects its findings.
        int slices = 64;
        int per = (resources.size() + slices - 1) / slices;
        List<List<Diagnostic>> out = new ArrayList<>(resources.size());
        IntStream.range(0, slices).parallel().mapToObj(i -> {
            Validator child = v.child();
            List<List<Diagnostic>> slice = new ArrayList<>();
            resources.subList(Math.min(resources.size(), i * per), Math.min(resources.size(), (i + 1) * per))
                    .forEach(r -> slice.add(child.check(r)));
            return slice;
        }).toList().forEach(out::addAll);
        return out;
    }

    /** Whether the checks of a kind read something of a kind that changed. */
    private static boolean reads(Kind kind, Set<Kind> names, Set<Kind> content) {
        for (Map.Entry<Kind, Level> read : READS.get(kind).entrySet()) {
            if (read.getValue() == Level.NAMES ? names.contains(read.getKey()) : content.contains(read.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Adds the kinds whose resources differ between the two readings of a file, and those whose names differ. */
    private static void compare(List<Resource> old, List<Resource> now, Set<Kind> names, Set<Kind> content) {
        for (Kind k : Kind.values()) {
            List<Resource> a = old.stream().filter(r -> r.meta().kind() == k).toList();
            List<Resource> b = now.stream().filter(r -> r.meta().kind() == k).toList();
            if (!a.equals(b)) {
                content.add(k);
            }
            if (!a.stream().map(Validation::name).toList().equals(b.stream().map(Validation::name).toList())) {
                names.add(k);
            }
        }
    }

    /** What the duplicate names are found from: each resource's kind, key and name span, in order. */
    private static List<List<Object>> keys(List<Resource> resources) {
        List<List<Object>> out = new ArrayList<>(resources.size());
        for (Resource r : resources) {
            out.add(List.of(r.meta().kind(), r.meta().key(), r.meta().name().span(), r.name()));
        }
        return out;
    }

    private static List<String> name(Resource r) {
        return List.of(r.namespace(), r.name());
    }

    /** The same resources: each the same object (a file not read again) or an equal one. */
    private static boolean same(List<Resource> a, List<Resource> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The files both workspaces have are in the same order in both. */
    private static boolean sameOrder(Set<SourceId> before, Set<SourceId> after) {
        List<SourceId> a = before.stream().filter(after::contains).toList();
        List<SourceId> b = after.stream().filter(before::contains).toList();
        return a.equals(b);
    }

    /**
     * The resources by file, files in reading order; null when a file's resources are not read one after the
     * other (a workspace put together by hand), where the resources are checked all together.
     */
    private static Map<SourceId, List<Resource>> byFile(Workspace ws) {
        Map<SourceId, List<Resource>> out = new LinkedHashMap<>();
        SourceId last = null;
        for (Manifest m : ws.manifests()) {
            SourceId file = m.resource().meta().file();
            if (!file.equals(last)) {
                if (out.containsKey(file)) {
                    return null;
                }
                out.put(file, new ArrayList<>());
                last = file;
            }
            out.get(file).add(m.resource());
        }
        return out;
    }

    private static Map<SourceId, List<Resource>> singleSegment(Workspace ws) {
        Map<SourceId, List<Resource>> out = new LinkedHashMap<>();
        out.put(new SourceId(""), ws.manifests().stream().map(Manifest::resource).toList());
        return out;
    }
}
