package dev.gatehouse.core.validate;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Validating a workspace after an edit from the validation before it ({@link Validation#next}) finds exactly
 * what validating it from scratch finds, diagnostic for diagnostic, in order. The workspaces are generated from
 * every kind with checks of its own, their names drawn from small pools (so that references resolve, dangle,
 * differ in case, cross namespaces and collide); an edit replaces, deletes or adds one file, or breaks it.
 * As in the editor, a file whose text did not change keeps its reading (the very resources), except in the
 * tries that read every file again (equal resources, not the same ones).
 */
class ValidationProperties {
    static final List<String> NAMESPACES = List.of("default", "default", "other");
    static final List<String> AGENTS = List.of("a1", "a2", "A1");
    static final List<String> TOOLS = List.of("t1", "t2", "T1", "srv--echo", "db/query");
    static final List<String> ROLES = List.of("r1", "r2", "R1", "other/r1");
    static final List<String> ENDPOINTS = List.of("e1", "e2", "other/e1", "E1");
    static final List<String> SYSTEMS = List.of("s1", "S1", "s2");
    static final List<String> TASKS = List.of("k1", "k2", "other/k1");
    static final List<String> SECRETS = List.of("sec1", "sec2", "other/sec1", "sec1:key");
    static final List<String> MEMORIES = List.of("m1", "m2");
    static final List<String> SERVERS = List.of("srv", "srv2");
    static final List<String> MODELS = List.of("gpt-4o", "claude", "e1", "GPT-4o");
    static final List<String> CLASSES = List.of("read", "write", "*");
    static final int KINDS = 16;

    /** One file: which kind of manifest (or a broken file, or two documents), its name and namespace, and choices. */
    record FileSpec(int kind, int name, int namespace, List<Integer> choices) {
        int c(int i) {
            return choices.get(i % choices.size());
        }

        String ns() {
            return NAMESPACES.get(namespace % NAMESPACES.size());
        }

        String text() {
            String head = "apiVersion: orloj.dev/v1\nkind: ";
            StringBuilder b = new StringBuilder();
            switch (kind % KINDS) {
                case 0 -> {
                    b.append(meta(head + "Agent", pick(AGENTS, name)));
                    if (c(0) % 4 != 3) {
                        b.append("  model_ref: ").append(pick(ENDPOINTS, c(0))).append('\n');
                    }
                    list(b, "tools", subset(TOOLS, c(1)));
                    list(b, "roles", subset(ROLES, c(2)));
                    if (c(3) % 3 != 0) {
                        b.append("  memory:\n    ref: ").append(pick(MEMORIES, c(3))).append('\n');
                    }
                    if (c(4) % 3 == 0) {
                        list(b, "allowed_tools", subset(TOOLS, c(4) / 3));
                    }
                    if (c(5) % 3 == 0) {
                        b.append("  execution:\n");
                        list(b, "  tool_sequence", subset(TOOLS, c(5) / 3));
                    }
                }
                case 1 -> {
                    b.append(meta(head + "Tool", pick(TOOLS, name)));
                    b.append("  risk_level: ").append(List.of("low", "high").get(c(0) % 2)).append('\n');
                    list(b, "operation_classes", subset(CLASSES.subList(0, 2), c(1)));
                    if (c(2) % 3 != 0) {
                        b.append("  auth:\n    secretRef: ").append(pick(SECRETS, c(2))).append('\n');
                    }
                    if (c(3) % 3 == 0) {
                        b.append("  mcp_server_ref: ").append(pick(SERVERS, c(3))).append('\n');
                    }
                }
                case 2 -> {
                    b.append(meta(head + "AgentRole", pick(ROLES.subList(0, 3), name)));
                    list(b, "permissions", subset(List.of("tool:t1:invoke", "capability:web.read"), c(0)));
                }
                case 3 -> {
                    b.append(meta(head + "ModelEndpoint", pick(List.of("e1", "e2", "E1"), name)));
                    b.append("  provider: openai\n  default_model: ").append(pick(MODELS.subList(0, 2), c(0))).append('\n');
                    if (c(1) % 2 == 0) {
                        b.append("  auth:\n    secretRef: ").append(pick(SECRETS, c(1) / 2)).append('\n');
                    }
                }
                case 4 -> {
                    b.append(meta(head + "AgentSystem", pick(SYSTEMS, name)));
                    List<String> members = subset(List.of("a1", "a2", "A1", "ghost"), c(0));
                    list(b, "agents", members);
                    if (c(1) % 2 == 0 && !members.isEmpty()) {
                        b.append("  graph:\n    ").append(members.get(0)).append(":\n      edges:\n");
                        for (String to : subset(List.of("a1", "a2", "ghost"), c(1) / 2)) {
                            b.append("        - to: ").append(to).append('\n');
                        }
                    }
                }
                case 5 -> {
                    b.append(meta(head + "Task", pick(TASKS.subList(0, 2), name)));
                    if (c(0) % 4 != 0) {
                        b.append("  system: ").append(pick(SYSTEMS, c(0))).append('\n');
                    }
                    if (c(1) % 2 == 0) {
                        b.append("  mode: template\n");
                    }
                    if (c(2) % 2 == 0) {
                        b.append("  max_turns: 3\n");
                    }
                }
                case 6 -> {
                    b.append(meta(head + "ToolPermission", "rule" + name % 3));
                    b.append("  tool_ref: ").append(pick(TOOLS, c(0))).append('\n');
                    list(b, "required_permissions", subset(List.of("tool:t1:invoke", "capability:web.read"), c(1)));
                    if (c(2) % 2 == 0) {
                        b.append("  apply_mode: scoped\n");
                        list(b, "target_agents", subset(List.of("a1", "A2", "ghost"), c(2) / 2 + 1));
                    }
                    List<String> ops = subset(CLASSES, c(3));
                    if (!ops.isEmpty()) {
                        b.append("  operation_rules:\n");
                        ops.forEach(o -> b.append("    - operation_class: \"").append(o).append("\"\n      verdict: allow\n"));
                    }
                }
                case 7 -> {
                    b.append(meta(head + "AgentPolicy", "policy" + name % 3));
                    b.append("  apply_mode: ").append(c(0) % 2 == 0 ? "global" : "scoped").append('\n');
                    list(b, "target_systems", subset(List.of("s1", " S2 ", "nowhere"), c(1)));
                    list(b, "target_tasks", subset(List.of("k1", "K2", "nothing"), c(2)));
                    list(b, "blocked_tools", subset(List.of("t1", "T2", "memory.read", "none"), c(3)));
                    list(b, "allowed_models", subset(MODELS, c(4)));
                }
                case 8 -> {
                    b.append(meta(head + "Secret", pick(List.of("sec1", "sec2"), name)));
                    b.append("  stringData:\n    value: x\n");
                }
                case 9 -> {
                    b.append(meta(head + "Memory", pick(MEMORIES, name)));
                    if (c(0) % 2 == 0) {
                        b.append("  embedding_model: ").append(pick(ENDPOINTS, c(0) / 2)).append('\n');
                    }
                    if (c(1) % 2 == 0) {
                        b.append("  auth:\n    secretRef: ").append(pick(SECRETS, c(1) / 2)).append('\n');
                    }
                }
                case 10 -> {
                    b.append(meta(head + "McpServer", pick(SERVERS, name)));
                    b.append("  transport: stdio\n  command: run\n");
                    if (c(0) % 2 == 0) {
                        b.append("  tool_filter:\n");
                        list(b, "  include", subset(List.of("echo", "get_sum"), c(0) / 2));
                    }
                    if (c(1) % 2 == 0) {
                        b.append("  auth:\n    secretRef: ").append(pick(SECRETS, c(1) / 2)).append('\n');
                    }
                }
                case 11 -> {
                    b.append(meta(head + "TaskSchedule", "schedule" + name % 2));
                    b.append("  task_ref: ").append(pick(TASKS, c(0))).append("\n  schedule: \"0 9 * * 1\"\n");
                }
                case 12 -> {
                    b.append(meta(head + "TaskWebhook", "hook" + name % 2));
                    b.append("  task_ref: ").append(pick(TASKS, c(0))).append('\n');
                    if (c(1) % 2 == 0) {
                        b.append("  auth:\n    profile: generic\n    secret_ref: ").append(pick(SECRETS, c(1) / 2)).append('\n');
                    }
                }
                case 13 -> {
                    b.append(meta(head + "ToolApproval", "approval" + name % 2));
                    b.append("  task_ref: ").append(pick(TASKS, c(0))).append("\n  tool: t1\n");
                }
                case 14 -> b.append("kind: [\n");
                default -> {
                    // Two documents in one file: an agent and the tool it names.
                    b.append(meta(head + "Agent", pick(AGENTS, name))).append("  model_ref: e1\n");
                    list(b, "tools", subset(TOOLS, c(0)));
                    b.append("---\n").append(meta(head + "Tool", pick(TOOLS, c(1))));
                }
            }
            return b.toString();
        }

        private String meta(String kindLine, String name) {
            return kindLine + "\nmetadata:\n  name: " + name + "\n  namespace: " + ns() + "\nspec:\n";
        }

        private static String pick(List<String> pool, int i) {
            return pool.get(Math.floorMod(i, pool.size()));
        }

        /** The elements whose bit is set in {@code bits}. */
        private static List<String> subset(List<String> pool, int bits) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                if ((bits >> i & 1) == 1) {
                    out.add(pool.get(i));
                }
            }
            return out;
        }

        private static void list(StringBuilder b, String key, List<String> items) {
            if (items.isEmpty()) {
                return;
            }
            String indent = " ".repeat(key.length() - key.stripLeading().length());
            b.append("  ").append(key).append(":\n");
            items.forEach(i -> b.append(indent).append("    - \"").append(i).append("\"\n"));
        }
    }

    /**
     * One-file edit of the file {@code target} picks: change it in place (the same kind, name and namespace, the
     * choices of {@code file}: 0–3), replace it by {@code file} (4), delete it (5), add {@code file} beside it (6)
     * or break it (7).
     */
    record Edit(int op, int target, FileSpec file) {}

    @Provide
    Arbitrary<FileSpec> files() {
        return Combinators.combine(Arbitraries.integers().between(0, KINDS - 1), Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 63).list().ofMinSize(1).ofMaxSize(6))
                .as(FileSpec::new);
    }

    @Provide
    Arbitrary<List<FileSpec>> workspaces() {
        return files().list().ofMinSize(1).ofMaxSize(24);
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 99), files()).as(Edit::new);
    }

    /** File name → what it holds and its text, read as the editor reads: a file whose text is unchanged keeps its reading. */
    static final class Files {
        final Map<String, FileSpec> specs = new TreeMap<>();
        final Map<String, String> texts = new TreeMap<>();
        private final Map<String, Map.Entry<String, WorkspaceReader.FileReading>> readings = new HashMap<>();

        static Files of(List<FileSpec> specs) {
            Files f = new Files();
            for (int i = 0; i < specs.size(); i++) {
                f.put(String.format("f%02d.yaml", i), specs.get(i));
            }
            return f;
        }

        private void put(String name, FileSpec spec) {
            specs.put(name, spec);
            texts.put(name, spec.text());
        }

        Files copy() {
            Files f = new Files();
            f.specs.putAll(specs);
            f.texts.putAll(texts);
            f.readings.putAll(readings);
            return f;
        }

        Files edit(Edit e) {
            List<String> names = new ArrayList<>(texts.keySet());
            if (names.isEmpty()) {
                put("f00.yaml", e.file());
                return this;
            }
            String name = names.get(e.target() % names.size());
            FileSpec was = specs.get(name);
            switch (e.op()) {
                case 0, 1, 2, 3 -> put(name, new FileSpec(was.kind(), was.name(), was.namespace(), e.file().choices()));
                case 4 -> put(name, e.file());
                case 5 -> {
                    specs.remove(name);
                    texts.remove(name);
                }
                case 6 -> put(name.replace(".yaml", "b.yaml"), e.file());
                default -> {
                    specs.put(name, new FileSpec(14, 0, 0, List.of(0)));
                    texts.put(name, "kind: [\n");
                }
            }
            return this;
        }

        Workspace workspace(boolean readAgain) {
            WorkspaceReader reader = new WorkspaceReader();
            List<WorkspaceReader.FileReading> out = new ArrayList<>();
            texts.forEach((name, text) -> {
                Map.Entry<String, WorkspaceReader.FileReading> kept = readings.get(name);
                if (readAgain || kept == null || !kept.getKey().equals(text)) {
                    kept = Map.entry(text, reader.readFile(new SourceInput(new SourceId(name), text.getBytes(StandardCharsets.UTF_8))));
                    readings.put(name, kept);
                }
                out.add(kept.getValue());
            });
            return WorkspaceReader.assemble(out);
        }
    }

    @Property(tries = 1000)
    void validatingAfterAnEditEqualsValidatingFromScratch(@ForAll("workspaces") List<FileSpec> specs, @ForAll("edits") Edit edit,
                                                          @ForAll boolean readAgain) {
        Files files = Files.of(specs);
        Workspace before = files.workspace(false);
        Validation first = Validation.of(before);
        Workspace after = files.copy().edit(edit).workspace(readAgain);

        Validation next = first.next(after);

        assertEquals(Validator.validate(after).diagnostics(), next.result().diagnostics(), "after " + edit);
        assertEquals(after, next.result().workspace());
        int resources = after.manifests().size();
        Statistics.label("reuse").collect(next.checked() < resources ? "some findings kept" : "all checked");
        Statistics.label("reuse").coverage(c -> c.check("some findings kept").percentage(p -> p > 30));
    }

    /** Each file changed in place in turn (same kind, name and namespace): where a kind's content, not its names, matters. */
    @Property(tries = 300)
    void changingAnyOneFileInPlaceValidatesAsFromScratch(@ForAll("workspaces") List<FileSpec> specs, @ForAll("files") FileSpec choices) {
        Files files = Files.of(specs);
        Validation first = Validation.of(files.workspace(false));
        for (int i = 0; i < specs.size(); i++) {
            Edit edit = new Edit(0, i, choices);
            Workspace after = files.copy().edit(edit).workspace(false);

            assertEquals(Validator.validate(after).diagnostics(), first.next(after).result().diagnostics(), "after " + edit);
        }
    }

    @Property(tries = 300)
    void validatingAfterTwoEditsInARowEqualsValidatingFromScratch(@ForAll("workspaces") List<FileSpec> specs,
                                                                  @ForAll("edits") Edit first, @ForAll("edits") Edit second) {
        Files files = Files.of(specs);
        Validation v = Validation.of(files.workspace(false));
        Files once = files.copy().edit(first);
        v = v.next(once.workspace(false));
        Files twice = once.copy().edit(second);
        Workspace after = twice.workspace(false);

        assertEquals(Validator.validate(after).diagnostics(), v.next(after).result().diagnostics(), "after " + first + " then " + second);
    }

    @Property(tries = 200)
    void validatingTheSameWorkspaceAgainChecksNothing(@ForAll("workspaces") List<FileSpec> specs) {
        Files files = Files.of(specs);
        Workspace ws = files.workspace(false);
        Validation first = Validation.of(ws);

        Validation again = first.next(files.workspace(false));

        assertEquals(0, again.checked());
        assertEquals(first.result().diagnostics(), again.result().diagnostics());
    }
}
