package dev.gatehouse.bench;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.Document;
import dev.gatehouse.core.parse.ManifestBinder;
import dev.gatehouse.core.parse.ManifestParser;
import dev.gatehouse.core.parse.ParsedFile;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.parse.orloj.OrlojYamlReader;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * "Parse and validate a generated workspace", warm and in-process: the path of {@code gatehouse validate}
 * without the report. Checks the answers first ({@link BenchInstance#check}), then times warm-up and measured
 * iterations of disk read, parse+bind+compare ({@code WorkspaceReader.read}) and {@code Validator.validate},
 * and prints median and min of each phase and files/s. {@code --breakdown} also times the public pieces of the
 * reader on their own (YAML parse, strict bind, Orloj's line reader).
 *
 * <pre>java -cp … dev.gatehouse.bench.ValidateBench /tmp/bench-large [--warmup 5] [--iterations 10] [--breakdown]</pre>
 */
public final class ValidateBench {
    private ValidateBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = null;
        int warmup = 5;
        int iterations = 10;
        boolean breakdown = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--breakdown" -> breakdown = true;
                default -> {
                    if (args[i].startsWith("-") || dir != null) {
                        System.err.println("usage: ValidateBench INSTANCE_DIR [--warmup N] [--iterations N] [--breakdown]");
                        System.exit(2);
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        if (dir == null) {
            System.err.println("usage: ValidateBench INSTANCE_DIR [--warmup N] [--iterations N] [--breakdown]");
            System.exit(2);
        }
        BenchInstance instance;
        try {
            instance = BenchInstance.open(dir);
        } catch (IOException e) {
            System.err.println("ValidateBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("instance %s (%s)%n", instance.root, instance.describe());
        System.out.printf("jvm %s %s, %d cpus, max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), rt.availableProcessors(), rt.maxMemory() >> 20);

        // First run: cold in-process (class loading, interpreter), then the answers.
        long t0 = System.nanoTime();
        List<SourceInput> inputs = instance.read();
        long t1 = System.nanoTime();
        Workspace ws = new WorkspaceReader().read(inputs);
        long t2 = System.nanoTime();
        ValidationResult result = Validator.validate(ws);
        long t3 = System.nanoTime();
        Map<String, Integer> byCode;
        try {
            byCode = instance.check(inputs, result);
        } catch (IllegalStateException e) {
            System.err.println("ValidateBench: " + e.getMessage());
            System.exit(1);
            return;
        }
        int files = inputs.size();
        long bytes = inputs.stream().mapToLong(in -> in.bytes().length).sum();
        System.out.printf("answers ok: %d files (%.1f MB), %d resources, orloj loaded %d, no GH1xx/GH5xx, traps as instance.json implies%n",
                files, bytes / 1e6, ws.manifests().size(), ws.orloj().loaded().size());
        System.out.println("diagnostics by code:");
        byCode.forEach((code, n) -> System.out.printf("  %-14s %6d%n", code, n));
        System.out.printf("first run (cold in-process): read %.0f ms, parse+bind+compare %.0f ms, validate %.0f ms, total %.0f ms%n",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - t0));

        // Warm-up, then measured iterations.
        long[][] warm = run(instance, warmup);
        System.out.printf("warm-up: %d iterations, last total %.0f ms%n", warmup, warmup == 0 ? 0 : ms(warm[3][warmup - 1]));
        long[][] m = run(instance, iterations);
        String[] names = {"disk read (list + bytes)", "parse+bind+compare", "validate", "total"};
        System.out.printf("measured: %d iterations%n", iterations);
        System.out.printf("  %-26s %10s %10s%n", "phase", "median ms", "min ms");
        for (int p = 0; p < names.length; p++) {
            System.out.printf("  %-26s %10.1f %10.1f%n", names[p], ms(median(m[p])), ms(min(m[p])));
        }
        long[] inProcess = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            inProcess[i] = m[1][i] + m[2][i];
        }
        System.out.printf("  %-26s %10.1f %10.1f%n", "parse+validate (no disk)", ms(median(inProcess)), ms(min(inProcess)));
        System.out.printf("files/s (total, median): %.0f   best: %.0f%n", rate(files, median(m[3])), rate(files, min(m[3])));
        System.out.printf("files/s (parse+validate, median): %.0f   best: %.0f%n", rate(files, median(inProcess)), rate(files, min(inProcess)));
        System.out.printf("10,000 manifests at the median total rate: %.2f s (target ≤ 1 s warm)%n", 10_000.0 / rate(files, median(m[3])));

        if (breakdown) {
            breakdown(inputs, Math.max(3, iterations / 2));
        }
    }

    /** {@code n} iterations of the three phases; rows: read, parse, validate, total (nanoseconds). */
    private static long[][] run(BenchInstance instance, int n) throws IOException {
        long[][] out = new long[4][n];
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            List<SourceInput> inputs = instance.read();
            long b = System.nanoTime();
            Workspace ws = new WorkspaceReader().read(inputs);
            long c = System.nanoTime();
            ValidationResult r = Validator.validate(ws);
            long d = System.nanoTime();
            if (r.workspace().manifests().size() != inputs.size()) {
                throw new IllegalStateException("reading changed between iterations");
            }
            out[0][i] = b - a;
            out[1][i] = c - b;
            out[2][i] = d - c;
            out[3][i] = d - a;
        }
        return out;
    }

    /**
     * The public pieces of {@code WorkspaceReader.readFile}, each over all files: the YAML parse into positioned
     * documents, the strict bind of each document, and Orloj's line reader. What {@code WorkspaceReader.read}
     * spends beyond their sum is the binding of Orloj's tree, the comparison of the two readings and assembly.
     */
    private static void breakdown(List<SourceInput> inputs, int n) {
        ManifestParser parser = new ManifestParser();
        List<ParsedFile> parsed = new ArrayList<>();
        for (SourceInput in : inputs) {
            parsed.add(parser.parse(in.id(), in.bytes()));
        }
        long[] parse = new long[n];
        long[] bind = new long[n];
        long[] orloj = new long[n];
        long[] reader = new long[n];
        for (int round = 0; round < 2; round++) { // round 0 warms the pieces on their own
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                int docs = 0;
                for (SourceInput in : inputs) {
                    docs += parser.parse(in.id(), in.bytes()).documents().size();
                }
                long b = System.nanoTime();
                int bound = 0;
                for (ParsedFile f : parsed) {
                    for (Document d : f.documents()) {
                        bound += ManifestBinder.strict(d.root().span().file(), d.index(), d.root(), f.format()).resource().isPresent() ? 1 : 0;
                    }
                }
                long c = System.nanoTime();
                int emulated = 0;
                for (ParsedFile f : parsed) {
                    SourceText text = f.text().orElseThrow();
                    emulated += OrlojYamlReader.read(text).emulated() ? 1 : 0;
                }
                long d = System.nanoTime();
                new WorkspaceReader().read(inputs);
                long e = System.nanoTime();
                if (docs != inputs.size() || bound != inputs.size() || emulated != inputs.size()) {
                    throw new IllegalStateException("breakdown read " + docs + " documents, bound " + bound + ", emulated " + emulated);
                }
                parse[i] = b - a;
                bind[i] = c - b;
                orloj[i] = d - c;
                reader[i] = e - d;
            }
        }
        long rest = median(reader) - median(parse) - median(bind) - median(orloj);
        System.out.printf("breakdown of parse+bind+compare (%d iterations, median ms):%n", n);
        System.out.printf("  %-44s %8.1f%n", "ManifestParser.parse (SnakeYAML events → tree)", ms(median(parse)));
        System.out.printf("  %-44s %8.1f%n", "ManifestBinder.strict (tree → model)", ms(median(bind)));
        System.out.printf("  %-44s %8.1f%n", "OrlojYamlReader.read (json.Valid + line scan)", ms(median(orloj)));
        System.out.printf("  %-44s %8.1f%n", "rest (orloj bind, compare, assemble)", ms(rest));
        System.out.printf("  %-44s %8.1f%n", "WorkspaceReader.read", ms(median(reader)));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double rate(int files, long nanos) {
        return files / (nanos / 1e9);
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
