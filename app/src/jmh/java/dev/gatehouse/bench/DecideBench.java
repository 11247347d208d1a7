package dev.gatehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.engine.TraceSink;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.Manifest;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tool-call decisions on a generated instance, warm and in-process. Loads the instance through the real reader
 * ({@code WorkspaceFiles} → {@code WorkspaceReader} → {@code DecisionEngine.compile}), checks every answer of
 * {@code queries.json} (strict and orloj verdicts, strict reason) and both matrix digests, and only then
 * measures: parse, compile, single decisions one at a time with {@link TraceSink#NONE} (median and p99 over
 * many rounds of the 10,000 queries), the full agents × tools matrices, and the incremental update of the
 * no-context matrix after a change of one AgentRole file. Any wrong answer exits 1 before anything is timed.
 *
 * <pre>java -cp … dev.gatehouse.bench.DecideBench /tmp/bench-medium [--warmup 30] [--warmup-seconds 10] [--rounds 30] [--matrix-runs 7] [--updates 21]</pre>
 */
public final class DecideBench {
    private static final String USAGE = "usage: DecideBench INSTANCE_DIR [--warmup N] [--warmup-seconds S] [--rounds N] [--matrix-runs N] [--updates N]";

    private DecideBench() {
    }

    /** One question of queries.json and its expected answer. */
    private record Query(String agent, String tool, Context context, String strict, String strictReason, String orloj) {}

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int warmup = 30;
        double warmupSeconds = 10;
        int rounds = 30;
        int matrixRuns = 7;
        int updates = 101;
        int updateWarmup = 400;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--matrix-runs" -> matrixRuns = Integer.parseInt(args[++i]);
                case "--updates" -> updates = Integer.parseInt(args[++i]);
                case "--update-warmup" -> updateWarmup = Integer.parseInt(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        System.err.println(USAGE);
                        System.exit(2);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            System.err.println(USAGE);
            System.exit(2);
        }
        BenchInstance instance;
        JsonNode expected;
        try {
            instance = BenchInstance.open(dir);
            expected = new ObjectMapper().readTree(instance.root.resolve("queries.json").toFile());
        } catch (IOException e) {
            System.err.println("DecideBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("instance %s (%s)%n", instance.root, instance.describe());
        System.out.printf("jvm %s %s, %d cpus, max heap %d MiB, options %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), rt.availableProcessors(), rt.maxMemory() >> 20,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());

        // Load through the real reader, file by file as the editor does, so that one file can be re-read below.
        long t0 = System.nanoTime();
        List<SourceInput> inputs = instance.read();
        long t1 = System.nanoTime();
        WorkspaceReader reader = new WorkspaceReader();
        List<WorkspaceReader.FileReading> readings = new ArrayList<>();
        for (SourceInput in : inputs) {
            readings.add(reader.readFile(in));
        }
        Workspace ws = WorkspaceReader.assemble(readings);
        long t2 = System.nanoTime();
        DecisionEngine engine = DecisionEngine.compile(ws);
        long t3 = System.nanoTime();
        System.out.printf("first run (cold in-process): read %.0f ms, parse+bind+compare %.0f ms, compile %.1f ms%n",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2));

        List<Query> queries = queries(expected);
        try {
            check(engine, queries, expected, instance);
        } catch (IllegalStateException e) {
            System.err.println("DecideBench: wrong answers on " + instance.root + ":\n  " + e.getMessage());
            System.exit(1);
            return;
        }

        long[] parse = new long[3];
        for (int i = 0; i < parse.length; i++) {
            long a = System.nanoTime();
            new WorkspaceReader().read(inputs);
            parse[i] = System.nanoTime() - a;
        }
        for (int i = 0; i < 10; i++) {
            DecisionEngine.compile(ws); // warm-up: the first compiles run interpreted code
        }
        long[] compile = new long[11];
        for (int i = 0; i < compile.length; i++) {
            long a = System.nanoTime();
            DecisionEngine.compile(ws);
            compile[i] = System.nanoTime() - a;
        }
        System.out.printf("parse (WorkspaceReader.read, warm): median %.0f ms, min %.0f ms (%d files)%n",
                ms(median(parse)), ms(min(parse)), inputs.size());
        System.out.printf("compile (DecisionEngine.compile, warm): median %.1f ms, min %.1f ms%n", ms(median(compile)), ms(min(compile)));

        decisions(engine, queries, warmup, warmupSeconds, rounds);
        matrices(ws, matrixRuns);
        updates(readings, inputs, ws, updates, updateWarmup);
    }

    // ------------------------------------------------------------------------------------------------ answers

    private static List<Query> queries(JsonNode expected) {
        List<Query> out = new ArrayList<>();
        for (JsonNode q : expected.get("queries")) {
            out.add(new Query(q.get("agent").asText(), q.get("tool").asText(), context(q),
                    q.get("strict").asText(), q.get("strict_reason").asText(), q.get("orloj").asText()));
        }
        return out;
    }

    private static Context context(JsonNode q) {
        return q.get("system").isNull() ? Context.of("default")
                : new Context("default", Optional.of(q.get("system").asText()), Optional.ofNullable(q.get("task").isNull() ? null : q.get("task").asText()));
    }

    /** Every query and both matrix digests; throws with the first mismatches. */
    private static void check(DecisionEngine engine, List<Query> queries, JsonNode expected, BenchInstance instance) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Query q : queries) {
            Answer a = engine.decideTool(q.agent(), q.tool(), q.context(), TraceSink.NONE);
            if (!a.strict().verdict().wireName().equals(q.strict()) || !a.strict().reason().wireName().equals(q.strictReason())
                    || !a.orloj().verdict().wireName().equals(q.orloj())) {
                failures.add(q.agent() + " -> " + q.tool() + " in " + q.context() + ": expected " + q.strict() + "/" + q.strictReason()
                        + " orloj " + q.orloj() + ", got " + a.strict().verdict().wireName() + "/" + a.strict().reason().wireName()
                        + " orloj " + a.orloj().verdict().wireName());
            }
        }
        JsonNode json = new ObjectMapper().readTree(instance.root.resolve("instance.json").toFile());
        List<String> agents = new ArrayList<>();
        json.get("agents").forEach(a -> agents.add(a.get("name").asText()));
        List<String> tools = new ArrayList<>();
        json.get("tools").forEach(t -> tools.add(t.get("name").asText()));
        for (JsonNode m : expected.get("matrices")) {
            Context ctx = context(m);
            List<String> rows = new ArrayList<>(agents);
            if (!ctx.none()) {
                List<String> members = new ArrayList<>();
                for (JsonNode s : json.get("agent_systems")) {
                    if (s.get("name").asText().equals(ctx.system().orElseThrow())) {
                        s.get("agents").forEach(a -> members.add(a.asText()));
                    }
                }
                rows.retainAll(members);
            }
            AccessMatrix matrix = AccessMatrix.tools(engine, ctx);
            String[] digests = digests(matrix, rows, tools);
            if (rows.size() != m.get("rows").asInt() || !digests[0].equals(m.get("strict_sha256").asText())
                    || !digests[1].equals(m.get("orloj_sha256").asText())) {
                failures.add("matrix " + m.get("name").asText() + ": " + rows.size() + " rows, strict " + digests[0] + ", orloj " + digests[1]
                        + "; expected " + m.get("rows").asInt() + " rows, " + m.get("strict_sha256").asText() + ", " + m.get("orloj_sha256").asText());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(String.join("\n  ", failures.subList(0, Math.min(20, failures.size())))
                    + (failures.size() > 20 ? "\n  … " + (failures.size() - 20) + " more" : ""));
        }
        System.out.printf("answers ok: %d queries (strict and orloj verdicts, strict reasons), %d matrix digests (strict and orloj)%n",
                queries.size(), expected.get("matrices").size());
    }

    /** SHA-256 of the strict and the orloj cells in the given row and column order: A, D or P per cell. */
    private static String[] digests(AccessMatrix m, List<String> rows, List<String> tools) {
        Map<String, Integer> rowOf = indexOf(m.agents());
        Map<String, Integer> columnOf = indexOf(m.columns());
        MessageDigest strict = sha256();
        MessageDigest orloj = sha256();
        byte[] s = new byte[tools.size()];
        byte[] o = new byte[tools.size()];
        for (String agent : rows) {
            Integer r = rowOf.get(agent);
            for (int c = 0; c < tools.size(); c++) {
                Integer col = columnOf.get(tools.get(c));
                s[c] = r == null || col == null ? (byte) '?' : symbol(m.strictVerdict(r, col));
                o[c] = r == null || col == null ? (byte) '?' : symbol(m.orlojVerdict(r, col));
            }
            strict.update(s);
            orloj.update(o);
        }
        return new String[] {HexFormat.of().formatHex(strict.digest()), HexFormat.of().formatHex(orloj.digest())};
    }

    private static byte symbol(Verdict v) {
        return switch (v) {
            case ALLOW -> 'A';
            case DENY -> 'D';
            case APPROVAL_REQUIRED -> 'P';
        };
    }

    // ------------------------------------------------------------------------------------------------ timing

    /**
     * One decision at a time over the queries, {@code rounds} times after at least {@code warmup} rounds and
     * {@code warmupSeconds} of warm-up. The time matters more than the count: the JIT's last recompilations and
     * G1's first collections (which move the compiled tables together) take seconds, and until then a decision
     * costs twice what it does after (as JMH's default warm-up of 5 × 10 s allows for).
     */
    private static void decisions(DecisionEngine engine, List<Query> queries, int warmup, double warmupSeconds, int rounds) {
        Query[] qs = queries.toArray(Query[]::new);
        long sink = 0;
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmed = 0;
        for (int r = 0; r < warmup || System.nanoTime() < warmEnd; r++, warmed++) {
            for (Query q : qs) {
                sink += engine.decideTool(q.agent(), q.tool(), q.context(), TraceSink.NONE).strict().verdict().ordinal();
            }
        }
        long[] samples = new long[rounds * qs.length];
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (Query q : qs) {
                long a = System.nanoTime();
                Answer answer = engine.decideTool(q.agent(), q.tool(), q.context(), TraceSink.NONE);
                long b = System.nanoTime();
                sink += answer.strict().verdict().ordinal() + answer.orloj().verdict().ordinal();
                samples[k++] = b - a;
            }
        }
        long[] loop = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            for (Query q : qs) {
                sink += engine.decideTool(q.agent(), q.tool(), q.context(), TraceSink.NONE).orloj().verdict().ordinal();
            }
            loop[r] = System.nanoTime() - a;
        }
        long[] timer = new long[100_000];
        for (int i = 0; i < timer.length; i++) {
            long a = System.nanoTime();
            timer[i] = System.nanoTime() - a;
        }
        Arrays.sort(samples);
        System.out.printf("single decision (%d warm-up rounds in %.0f s or more, %d measured rounds of %d queries, TraceSink.NONE, one at a time):%n",
                warmed, warmupSeconds, rounds, qs.length);
        System.out.printf("  median %.3f µs   p90 %.3f µs   p99 %.3f µs   p99.9 %.3f µs   max %.1f µs%n",
                us(samples[samples.length / 2]), us(at(samples, 0.90)), us(at(samples, 0.99)), us(at(samples, 0.999)), us(samples[samples.length - 1]));
        System.out.printf("  (each sample includes one System.nanoTime pair, median %d ns; untimed loop: %.3f µs per decision) [%d]%n",
                median(timer), us(median(loop) / qs.length), sink & 1);
    }

    /** Both matrices of queries.json's digests, each on a freshly compiled engine (rows compile on first use). */
    private static void matrices(Workspace ws, int runs) {
        Context none = Context.of("default");
        Context task = new Context("default", Optional.of("bench-system"), Optional.of("bench-task"));
        long[] fresh = new long[runs];
        long[] freshTask = new long[runs];
        long[] again = new long[runs];
        long[] compiled = new long[runs];
        long cells = 0;
        long taskCells = 0;
        for (int i = 0; i < runs; i++) {
            long z = System.nanoTime();
            DecisionEngine engine = DecisionEngine.compile(ws);
            long a = System.nanoTime();
            compiled[i] = a - z;
            AccessMatrix m = AccessMatrix.tools(engine, none);
            long b = System.nanoTime();
            AccessMatrix t = AccessMatrix.tools(engine, task);
            long c = System.nanoTime();
            AccessMatrix m2 = AccessMatrix.tools(engine, none);
            long d = System.nanoTime();
            fresh[i] = b - a;
            compiled[i] += b - a;
            freshTask[i] = c - b;
            again[i] = d - c;
            cells = m.cells().size();
            taskCells = t.cells().size() + m2.cells().size() - m.cells().size();
        }
        System.out.printf("matrix agents × tools, no context (%,d cells), first on a new engine: median %.1f ms, min %.1f ms; again on that engine: median %.1f ms%n",
                cells, ms(median(fresh)), ms(min(fresh)), ms(median(again)));
        System.out.printf("  compile + that first matrix (workspace to matrix): median %.1f ms, min %.1f ms%n", ms(median(compiled)), ms(min(compiled)));
        System.out.printf("matrix bench-system members in bench-task (%,d cells), first on the engine in that context: median %.1f ms, min %.1f ms%n",
                taskCells, ms(median(freshTask)), ms(min(freshTask)));
    }

    /**
     * The no-context matrix after one AgentRole file changes (its capability grants removed, then put back, in
     * turn): the file re-read, the workspace reassembled, a new engine compiled from the previous one
     * ({@code DecisionEngine.compile(workspace, previous, changed)}), and {@link AccessMatrix#update}.
     * The first update is compared with a full recompute, cell by cell.
     */
    private static void updates(List<WorkspaceReader.FileReading> readings, List<SourceInput> inputs, Workspace ws, int n, int warm) {
        int at = -1;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).id().path().contains("agent-roles/")) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            System.out.println("incremental update: no AgentRole file in the instance");
            return;
        }
        SourceInput original = inputs.get(at);
        String text = new String(original.bytes(), StandardCharsets.UTF_8);
        // The role loses its capability grants: an edit that changes cells, so that the update has work to do.
        String edited = text.lines().filter(l -> !l.strip().startsWith("- capability:")).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        SourceInput changed = new SourceInput(original.id(), edited.getBytes(StandardCharsets.UTF_8));
        WorkspaceReader reader = new WorkspaceReader();
        Context ctx = Context.of("default");
        String role = ws.manifests().stream().filter(m -> m.resource().meta().file().equals(original.id())).findFirst()
                .map(m -> m.resource().name()).orElse("?");
        long naming = ws.manifests().stream().map(Manifest::resource).filter(r -> r instanceof Agent a
                && a.roles().stream().anyMatch(x -> x.value().equals(role))).count();

        DecisionEngine before = DecisionEngine.compile(ws);
        AccessMatrix previous = AccessMatrix.tools(before, ctx);
        List<WorkspaceReader.FileReading> current = new ArrayList<>(readings);
        long[] read = new long[n];
        long[] compile = new long[n];
        long[] update = new long[n];
        long[] total = new long[n];
        // Edits untimed first: the derived compile's code runs interpreted at first, and C2 takes a few hundred edits
        // to compile it all (the desktop app's steady state while someone types).
        for (int i = -warm; i < n; i++) {
            SourceInput next = (i + warm) % 2 == 0 ? changed : original;
            long a = System.nanoTime();
            current.set(at, reader.readFile(next));
            Workspace after = WorkspaceReader.assemble(current);
            long b = System.nanoTime();
            DecisionEngine engine = DecisionEngine.compile(after, before, Set.of(next.id()));
            long c = System.nanoTime();
            AccessMatrix m = AccessMatrix.update(previous, engine, Set.of(next.id()));
            long d = System.nanoTime();
            if (i == -warm) {
                AccessMatrix full = AccessMatrix.tools(DecisionEngine.compile(after), ctx);
                int differing = compare(full, m);
                int changedCells = compare(previous, m);
                if (differing != 0) {
                    System.err.printf("DecideBench: the updated matrix differs from a full recompute in %d cells%n", differing);
                    System.exit(1);
                }
                System.out.printf("incremental: role `%s` (named by %d agents) loses its capability grants: %d cells change; update equals a full recompute%n",
                        role, naming, changedCells);
            }
            if (i >= 0) {
                read[i] = b - a;
                compile[i] = c - b;
                update[i] = d - c;
                total[i] = d - b;
            }
            previous = m;
            before = engine;
        }
        System.out.printf("incremental update after one AgentRole edit (%d edits after %d untimed): compile %.2f ms + AccessMatrix.update %.2f ms = %.2f ms median (p90 %.2f ms, min %.2f ms);"
                + " re-read of the file + assemble %.2f ms%n", n, warm, ms(median(compile)), ms(median(update)), ms(median(total)),
                ms(p90(total)), ms(min(total)), ms(median(read)));
    }

    /** Cells whose verdicts, reasons or exposures differ (same rows and columns expected). */
    private static int compare(AccessMatrix x, AccessMatrix y) {
        if (!x.agents().equals(y.agents()) || !x.columns().equals(y.columns())) {
            return Integer.MAX_VALUE;
        }
        int n = 0;
        for (int r = 0; r < x.agents().size(); r++) {
            for (int c = 0; c < x.columns().size(); c++) {
                Answer a = x.cell(r, c);
                Answer b = y.cell(r, c);
                boolean same = a.strict().reason() == b.strict().reason() && a.strict().verdict() == b.strict().verdict()
                        && a.orloj().reason() == b.orloj().reason() && a.orloj().verdict() == b.orloj().verdict()
                        && a.exposures().equals(b.exposures());
                n += same ? 0 : 1;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------------ numbers

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.putIfAbsent(names.get(i), i);
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double us(double nanos) {
        return nanos / 1e3;
    }

    private static long p90(long[] xs) {
        long[] sorted = xs.clone();
        Arrays.sort(sorted);
        return at(sorted, 0.90);
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long min(long[] xs) {
        return Arrays.stream(xs).min().orElse(0);
    }
}
