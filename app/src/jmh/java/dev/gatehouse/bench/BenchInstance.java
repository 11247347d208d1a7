package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.workspace.WorkspaceFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One instance written by {@code shared/bench/GenerateInstance.java}: its {@code workspace/} folder and the
 * answers a correct reading and validation must give, derived from {@code instance.json} (the same content,
 * defaults applied). {@link #check} compares a validation with them before anything is timed.
 */
final class BenchInstance {
    final Path root;
    final Path workspace;
    private final JsonNode instance;

    private BenchInstance(Path root, Path workspace, JsonNode instance) {
        this.root = root;
        this.workspace = workspace;
        this.instance = instance;
    }

    /** The instance folder (holding {@code workspace/} and {@code instance.json}) or its {@code workspace/}. */
    static BenchInstance open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (root.getFileName() != null && root.getFileName().toString().equals("workspace") && !Files.isDirectory(root.resolve("workspace"))) {
            root = root.getParent();
        }
        Path ws = root.resolve("workspace");
        Path json = root.resolve("instance.json");
        if (!Files.isDirectory(ws) || !Files.isRegularFile(json)) {
            throw new IOException("not a benchmark instance (no workspace/ or instance.json): " + dir
                    + "; generate one with java shared/bench/GenerateInstance.java --preset large --seed 1 --out " + dir);
        }
        return new BenchInstance(root, ws, new ObjectMapper().readTree(json.toFile()));
    }

    /** The disk edge as the CLI uses it. */
    List<SourceInput> read() throws IOException {
        return new WorkspaceFiles().readAll(List.of(workspace));
    }

    String describe() {
        JsonNode g = instance.get("generator");
        return String.format("seed %d, %d agents × %d tools × %d roles", g.get("seed").asInt(), g.get("agents").asInt(),
                g.get("tools").asInt(), g.get("roles").asInt());
    }

    /** Manifests per kind, as instance.json lists them. */
    Map<Kind, Integer> expectedKinds() {
        Map<Kind, Integer> out = new EnumMap<>(Kind.class);
        out.put(Kind.MODEL_ENDPOINT, instance.get("model_endpoints").size());
        out.put(Kind.AGENT_SYSTEM, instance.get("agent_systems").size());
        out.put(Kind.TASK, instance.get("tasks").size());
        out.put(Kind.TOOL, instance.get("tools").size());
        out.put(Kind.AGENT_ROLE, instance.get("roles").size());
        out.put(Kind.AGENT, instance.get("agents").size());
        out.put(Kind.TOOL_PERMISSION, instance.get("tool_permissions").size());
        out.put(Kind.AGENT_POLICY, instance.get("agent_policies").size());
        return out;
    }

    int expectedManifests() {
        return expectedKinds().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The findings the instance's deliberate traps must produce, computed from instance.json by the rules of
     * {@code Validator}: GH302 (declared tool with no Tool), GH303 (role that does not exist), GH401 (agent
     * without roles, tool that no ToolPermission governs: F1), GH215 (declared tool blocked by a matched policy).
     */
    Map<Code, Integer> expectedTraps() {
        Set<String> tools = names(instance.get("tools"));
        Set<String> roles = names(instance.get("roles"));
        Map<String, Set<String>> systemsOfAgent = new HashMap<>();
        for (JsonNode s : instance.get("agent_systems")) {
            for (JsonNode a : s.get("agents")) {
                systemsOfAgent.computeIfAbsent(a.asText(), k -> new HashSet<>()).add(s.get("name").asText().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Set<String>> tasksOfSystem = new HashMap<>();
        for (JsonNode t : instance.get("tasks")) {
            tasksOfSystem.computeIfAbsent(t.get("system").asText().toLowerCase(Locale.ROOT), k -> new HashSet<>())
                    .add(t.get("name").asText().toLowerCase(Locale.ROOT));
        }
        int gh302 = 0;
        int gh303 = 0;
        int gh401 = 0;
        int gh215 = 0;
        for (JsonNode a : instance.get("agents")) {
            String agent = a.get("name").asText();
            List<String> declared = texts(a.get("tools"));
            for (String t : declared) {
                if (!tools.contains(t)) {
                    gh302++;
                }
            }
            for (String r : texts(a.get("roles"))) {
                if (!roles.contains(r)) {
                    gh303++;
                }
            }
            if (a.get("roles").isEmpty()) {
                for (String t : declared) {
                    if (tools.contains(t) && !governed(agent, t)) {
                        gh401++;
                    }
                }
            }
            Set<String> systems = systemsOfAgent.getOrDefault(agent, Set.of());
            Set<String> tasks = new HashSet<>();
            systems.forEach(s -> tasks.addAll(tasksOfSystem.getOrDefault(s, Set.of())));
            for (JsonNode p : instance.get("agent_policies")) {
                boolean matches = p.get("apply_mode").asText().equals("global")
                        || texts(p.get("target_systems")).stream().anyMatch(s -> systems.contains(s.strip().toLowerCase(Locale.ROOT)))
                        || texts(p.get("target_tasks")).stream().anyMatch(s -> tasks.contains(s.strip().toLowerCase(Locale.ROOT)));
                if (matches) {
                    List<String> blocked = texts(p.get("blocked_tools"));
                    for (String t : declared) {
                        if (blocked.stream().anyMatch(b -> b.equalsIgnoreCase(t))) {
                            gh215++;
                        }
                    }
                }
            }
        }
        for (JsonNode p : instance.get("tool_permissions")) {
            if (tools.stream().noneMatch(t -> t.equalsIgnoreCase(p.get("tool_ref").asText()))) {
                gh302++;
            }
        }
        Map<Code, Integer> out = new EnumMap<>(Code.class);
        out.put(Code.GH215, gh215);
        out.put(Code.GH302, gh302);
        out.put(Code.GH303, gh303);
        out.put(Code.GH401, gh401);
        return out;
    }

    private boolean governed(String agent, String tool) {
        for (JsonNode p : instance.get("tool_permissions")) {
            if (!p.get("tool_ref").asText().equalsIgnoreCase(tool)) {
                continue;
            }
            if (!p.get("apply_mode").asText().equals("scoped")
                    || texts(p.get("target_agents")).stream().anyMatch(t -> t.equalsIgnoreCase(agent))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks a validation of this instance: every file read and bound to one resource of the right kind, Orloj
     * reads every file the way the parser does (no GH5xx), no GH1xx, and the trap findings match. Returns the
     * diagnostics counted by code; throws on the first mismatch.
     */
    Map<String, Integer> check(List<SourceInput> inputs, ValidationResult result) {
        List<String> failures = new ArrayList<>();
        int expected = expectedManifests();
        if (inputs.size() != expected) {
            failures.add("read " + inputs.size() + " files, instance.json lists " + expected + " manifests");
        }
        if (result.workspace().files().size() != expected) {
            failures.add(result.workspace().files().size() + " files in the workspace, expected " + expected);
        }
        if (result.workspace().manifests().size() != expected) {
            failures.add(result.workspace().manifests().size() + " resources, expected " + expected);
        }
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        for (Manifest m : result.workspace().manifests()) {
            kinds.merge(m.kind(), 1, Integer::sum);
        }
        if (!kinds.equals(expectedKinds())) {
            failures.add("resources by kind " + kinds + ", expected " + expectedKinds());
        }
        if (result.workspace().orloj().loaded().size() != expected || !result.workspace().orloj().rejected().isEmpty()) {
            failures.add("orloj's reading loaded " + result.workspace().orloj().loaded().size() + " and refused "
                    + result.workspace().orloj().rejected().size() + ", expected " + expected + " and 0");
        }
        Map<String, Integer> byCode = new TreeMap<>();
        Map<Code, Integer> counts = new EnumMap<>(Code.class);
        for (Diagnostic d : result.diagnostics()) {
            byCode.merge(d.code().name() + " " + d.severity().wireName(), 1, Integer::sum);
            counts.merge(d.code(), 1, Integer::sum);
            String n = d.code().name();
            if (n.startsWith("GH1") || n.startsWith("GH5")) {
                failures.add("unexpected " + n + " at " + d.span().location() + ": " + d.message());
            }
        }
        for (Map.Entry<Code, Integer> e : expectedTraps().entrySet()) {
            int got = counts.getOrDefault(e.getKey(), 0);
            if (got != e.getValue()) {
                failures.add(e.getKey() + ": " + got + " findings, instance.json implies " + e.getValue());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("wrong answers on " + root + ":\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(20, failures.size())))
                    + (failures.size() > 20 ? "\n  … " + (failures.size() - 20) + " more" : ""));
        }
        return byCode;
    }

    private static Set<String> names(JsonNode list) {
        Set<String> out = new HashSet<>();
        list.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
