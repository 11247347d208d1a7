package dev.gatehouse.bench;

import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Settings;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.editor.SourceDocument;
import dev.gatehouse.ui.editor.SourceEditor;
import dev.gatehouse.ui.editor.YamlHighlighter;
import dev.gatehouse.ui.workspace.LastWorkspace;
import dev.gatehouse.ui.workspace.ProblemRow;
import dev.gatehouse.ui.workspace.SourceLocation;
import dev.gatehouse.ui.workspace.WorkspaceView;
import dev.gatehouse.ui.workspace.WorkspaceViewModel;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keystroke latencies of the window (docs/ui-latency.md), measured on the real controls in a real scene: under
 * the headless Monocle platform by default (the flags of the {@code ui} execution of the {@code bench} profile),
 * or under a display (Xvfb) without them. Each keystroke is an edit made on the FX thread, as a key press makes it.
 *
 * <ul>
 * <li>{@code highlight}: a 10,000-line manifest in a {@link SourceEditor}; one character typed (then deleted) on a
 * visible line, timed until the styles are applied (synchronously, by the editor's change listener), until the
 * next pulse has laid the scene out, and until the render thread has painted that frame. The styles of the
 * touched line are checked against {@link YamlHighlighter} before anything counts.</li>
 * <li>{@code edit}: the bench workspace (default {@code /tmp/bench-medium}) in the whole window
 * ({@link WorkspaceView}); one character typed at the end of an agent's {@code model_ref} line, which makes it
 * name an unknown model (GH2xx error), then deleted, which fixes it again: timed until the problems are updated
 * (the view model's revision, after the editor's marks) and until the matrix is recomputed, both including the
 * editor's debounce of {@link SourceEditor#DEBOUNCE}. The error's appearance and disappearance are checked.</li>
 * </ul>
 *
 * <pre>java -cp … dev.gatehouse.bench.UiLatencyBench [highlight|edit|all] [--lines 10000] [--instance /tmp/bench-medium]
 *     [--warmup 20] [--iterations 100] [--edit-warmup 4] [--edit-iterations 20]</pre>
 */
public final class UiLatencyBench {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private UiLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = "all";
        int lines = 10_000;
        Path instance = Path.of("/tmp/bench-medium");
        int warmup = 20;
        int iterations = 100;
        int editWarmup = 4;
        int editIterations = 20;
        String file = "agents/agent-0000.yaml";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "highlight", "edit", "all" -> mode = args[i];
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--instance" -> instance = Path.of(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--edit-warmup" -> editWarmup = Integer.parseInt(args[++i]);
                case "--edit-iterations" -> editIterations = Integer.parseInt(args[++i]);
                case "--file" -> file = args[++i];
                default -> usage();
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("jvm %s %s, %d cpus, max heap %d MiB, glass %s, prism %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), rt.availableProcessors(), rt.maxMemory() >> 20,
                System.getProperty("glass.platform", "default (" + System.getenv("DISPLAY") + ")"), System.getProperty("prism.order", "default"));
        System.out.printf("load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        try {
            if (!mode.equals("edit")) {
                highlight(lines, warmup, iterations);
            }
            if (!mode.equals("highlight")) {
                Path root = instance.resolve("workspace");
                if (!Files.isDirectory(root)) {
                    root = instance;
                }
                edit(root, file, editWarmup, editIterations);
            }
        } finally {
            Platform.exit();
        }
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: UiLatencyBench [highlight|edit|all] [--lines N] [--instance DIR] [--warmup N] [--iterations N]"
                + " [--edit-warmup N] [--edit-iterations N] [--file PATH]");
        System.exit(2);
    }

    // ------------------------------------------------------------------------------------------- highlight

    /** Times of one keystroke in the editor, in ns after the edit began. */
    private record Keystroke(long styled, long pulseStart, long laidOut, long rendered) {
    }

    private static void highlight(int lines, int warmup, int iterations) throws Exception {
        String text = manifest(lines);
        System.out.printf("%n== keystroke to re-highlight: %d-line manifest (%d chars) in a SourceEditor, %d×%d scene, %d warm-up + %d measured keystrokes%n",
                text.split("\n", -1).length - 1, text.length(), WIDTH, HEIGHT, warmup, iterations);
        SourceEditor editor = fx(() -> {
            Theme theme = Theme.primerLight();
            theme.install();
            SourceEditor e = new SourceEditor(new SourceDocument("agents/big-agent.yaml", Path.of("/bench/agents/big-agent.yaml"), text, List.of()),
                    t -> { });
            Scene scene = new Scene(new javafx.scene.layout.StackPane(e.node()), WIDTH, HEIGHT);
            theme.applyTo(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return e;
        });
        settle();
        // Three places: near the top, the middle (scrolled there) and the end of the file.
        int[] paragraphs = {12, lines / 2, lines - 20};
        boolean renderable = renderThread().isPresent();
        if (!renderable) {
            System.out.println("   (render thread not reachable: 'rendered' is not measured)");
        }
        for (int paragraph : paragraphs) {
            fx(() -> {
                editor.reveal(paragraph + 1, 1);
                return null;
            });
            settle();
            int column = fx(() -> editor.area().getParagraphLength(paragraph));
            List<Keystroke> measured = new ArrayList<>();
            for (int i = 0; i < warmup + iterations; i++) {
                Keystroke k = keystroke(editor, paragraph, column, i % 2 == 0);
                if (i >= warmup) {
                    measured.add(k);
                }
                Thread.sleep(25); // a fast typist: ~40 keys/s, leaving the pulses in between idle
            }
            System.out.printf("   line %5d:%n", paragraph + 1);
            report("      restyled (styles applied)         ", measured, Keystroke::styled);
            report("      next pulse laid out (CSS, layout) ", measured, Keystroke::laidOut);
            if (renderable) {
                report("      frame rendered                    ", measured, Keystroke::rendered);
                report("      work: restyle+pulse+render, no wait", measured, k -> k.styled() + (k.rendered() - k.pulseStart()));
            }
        }
    }

    private static Keystroke keystroke(SourceEditor editor, int paragraph, int column, boolean insert) throws Exception {
        CompletableFuture<Keystroke> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                CodeArea area = editor.area();
                Scene scene = area.getScene();
                long t0 = System.nanoTime();
                int at = area.getAbsolutePosition(paragraph, column);
                if (insert) {
                    area.insertText(at, "x");
                } else {
                    area.deleteText(at - 1, at);
                }
                long styled = System.nanoTime() - t0;
                String line = area.getParagraph(paragraph).getText();
                if (!area.getStyleSpans(paragraph).equals(YamlHighlighter.styles(line)) && !line.isEmpty()) {
                    throw new AssertionError("line " + (paragraph + 1) + " not restyled: " + area.getStyleSpans(paragraph));
                }
                long[] pulse = new long[1];
                Runnable[] listeners = new Runnable[2];
                listeners[0] = () -> {
                    pulse[0] = System.nanoTime() - t0;
                    scene.removePreLayoutPulseListener(listeners[0]);
                };
                listeners[1] = () -> {
                    long laidOut = System.nanoTime() - t0;
                    scene.removePostLayoutPulseListener(listeners[1]);
                    // After this pulse ends (runLater runs after it), the frame it asked for is queued on the
                    // render thread; a job queued behind it finishes once that frame is painted.
                    Platform.runLater(() -> {
                        renderThread().ifPresent(UiLatencyBench::drain);
                        done.complete(new Keystroke(styled, pulse[0], laidOut, System.nanoTime() - t0));
                    });
                };
                scene.addPreLayoutPulseListener(listeners[0]);
                scene.addPostLayoutPulseListener(listeners[1]);
                Platform.requestNextPulse();
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** A valid-looking Agent manifest of about {@code lines} lines: keys, lists, quoted strings, numbers, comments. */
    static String manifest(int lines) {
        StringBuilder out = new StringBuilder("""
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: big-agent
                  namespace: default
                  labels:
                    team: "bench"
                spec:
                  model_ref: bench-model
                  # A long list of tools, as a generated agent has.
                  limits:
                    max_steps: 40
                    timeout: "120s"
                  roles:
                """);
        int n = 0;
        while (out.chars().filter(c -> c == '\n').count() < lines - 2) {
            switch (n % 5) {
                case 0 -> out.append("    - role-").append(String.format(Locale.ROOT, "%04d", n)).append("-reader\n");
                case 1 -> out.append("    # role ").append(n).append(": 'quoted' and \"double\" words\n");
                case 2 -> out.append("    - \"role-").append(n).append("-writer\" # reviewed\n");
                case 3 -> out.append("    - role-").append(n).append("-admin\n");
                default -> out.append("    - 'role-").append(n).append("-operator'\n");
            }
            n++;
            if (n % 1000 == 0) {
                break;
            }
        }
        out.append("  tools:\n");
        while (out.chars().filter(c -> c == '\n').count() < lines) {
            out.append("    - tool-").append(String.format(Locale.ROOT, "%05d", n)).append(n % 7 == 0 ? " # risky\n" : "\n");
            n++;
        }
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------- edit

    /** Times of one edit, in ns after the keystroke. */
    private record Edit(long problems, long matrix) {
    }

    private static void edit(Path root, String file, int warmup, int iterations) throws Exception {
        long files;
        try (var walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        System.out.printf("%n== keystroke to diagnostics and matrix: %s (%d files) in the whole window, %s, debounce %d ms, %d warm-up + %d measured edits%n",
                root, files, file, SourceEditor.DEBOUNCE.toMillis(), warmup, iterations);
        FxTaskRunner runner = new FxTaskRunner();
        Settings settings = Settings.inMemory();
        WorkspaceViewModel viewModel = fx(() -> new WorkspaceViewModel(runner, LastWorkspace.in(settings), Optional.empty()));
        // As the app does: the folder watcher reports changes on disk, so an edit need not read the files again.
        fx(() -> {
            viewModel.watchDisk();
            return null;
        });
        WorkspaceView view = fx(() -> {
            Theme theme = Theme.primerLight();
            theme.install();
            WorkspaceView v = new WorkspaceView(viewModel, null, settings);
            Scene scene = new Scene(v.root(), WIDTH, HEIGHT);
            theme.applyTo(scene);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return v;
        });
        long t0 = System.nanoTime();
        CompletableFuture<Void> opened = await(viewModel, () -> viewModel.open(root));
        opened.get(120, TimeUnit.SECONDS);
        System.out.printf("   opened in %d ms (read, validate, decide): %d problems%n", (System.nanoTime() - t0) / 1_000_000,
                fx(() -> viewModel.problems().size()));
        String text = Files.readString(root.resolve(file));
        String line = text.lines().filter(l -> l.trim().startsWith("model_ref:")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " has no model_ref line"));
        int lineNumber = text.lines().toList().indexOf(line);
        String model = line.substring(line.indexOf(':') + 1).trim();
        fx(() -> {
            view.open(new SourceLocation(file, lineNumber + 1, line.length() + 1));
            return null;
        });
        settle();
        SourceEditor editor = fx(() -> view.tabs().editors().stream().filter(e -> e.document().path().equals(file)).findFirst().orElseThrow());
        List<Edit> measured = new ArrayList<>();
        for (int i = 0; i < warmup + iterations; i++) {
            boolean insert = i % 2 == 0;
            Edit e = editOnce(viewModel, editor, lineNumber, line.length(), insert);
            boolean flagged = fx(() -> viewModel.problems().stream().anyMatch(p -> mentions(p, file, model + "x")));
            if (flagged != insert) {
                throw new AssertionError((insert ? "no problem for " : "a problem left for ") + model + "x in " + file);
            }
            if (i >= warmup) {
                measured.add(e);
            }
            Thread.sleep(300);
        }
        report("   problems updated (incl. debounce)", measured, Edit::problems);
        report("   matrix updated   (incl. debounce)", measured, Edit::matrix);
        fx(() -> {
            viewModel.stopWatching();
            return null;
        });
        runner.close();
    }

    private static boolean mentions(ProblemRow row, String file, String word) {
        return row.file().equals(file) && row.message().contains(word);
    }

    private static Edit editOnce(WorkspaceViewModel viewModel, SourceEditor editor, int paragraph, int column, boolean insert)
            throws Exception {
        CompletableFuture<Edit> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            // The matrix may be handed the edited workspace before the problems are shown: each time is taken
            // as it happens, the edit is done when both are.
            long[] problems = {-1};
            long[] matrix = {-1};
            boolean[] started = {false};
            Runnable finished = () -> {
                if (problems[0] >= 0 && matrix[0] >= 0) {
                    done.complete(new Edit(problems[0], matrix[0]));
                }
            };
            viewModel.matrix().computingProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> c, Boolean was, Boolean is) {
                    started[0] |= is;
                    if (!is && started[0]) {
                        viewModel.matrix().computingProperty().removeListener(this);
                        matrix[0] = System.nanoTime() - t0;
                        finished.run();
                    }
                }
            });
            ChangeListener<Number> revision = new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                    viewModel.revisionProperty().removeListener(this);
                    problems[0] = System.nanoTime() - t0;
                    finished.run();
                }
            };
            viewModel.revisionProperty().addListener(revision);
            CodeArea area = editor.area();
            int at = area.getAbsolutePosition(paragraph, column);
            if (insert) {
                area.insertText(at, "x");
            } else {
                area.deleteText(at, at + 1);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    /** Runs {@code start} on the FX thread; completes once the view model has shown a workspace and its matrix. */
    private static CompletableFuture<Void> await(WorkspaceViewModel viewModel, Runnable start) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            viewModel.revisionProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> o, Number before, Number now) {
                    viewModel.revisionProperty().removeListener(this);
                    if (!viewModel.matrix().computingProperty().get()) {
                        done.complete(null);
                        return;
                    }
                    viewModel.matrix().computingProperty().addListener(new ChangeListener<>() {
                        @Override
                        public void changed(ObservableValue<? extends Boolean> c, Boolean was, Boolean is) {
                            if (!is) {
                                viewModel.matrix().computingProperty().removeListener(this);
                                done.complete(null);
                            }
                        }
                    });
                }
            });
            start.run();
        });
        return done;
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static <T> T fx(Supplier<T> work) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                out.complete(work.get());
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        return out.get(60, TimeUnit.SECONDS);
    }

    /** Lets a few pulses pass (layout, first paint, follow-up layouts). */
    private static void settle() throws Exception {
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Void> pulse = new CompletableFuture<>();
            Platform.runLater(() -> {
                Platform.requestNextPulse();
                Platform.runLater(() -> pulse.complete(null));
            });
            pulse.get(10, TimeUnit.SECONDS);
            Thread.sleep(30);
        }
        renderThread().ifPresent(UiLatencyBench::drain);
    }

    private static final AtomicReference<Optional<ExecutorService>> RENDERER = new AtomicReference<>();

    /** JavaFX's render thread (Quantum's executor), reached by reflection: JavaFX is on the class path here. */
    private static Optional<ExecutorService> renderThread() {
        return RENDERER.updateAndGet(known -> known != null ? known : find());
    }

    private static Optional<ExecutorService> find() {
        try {
            Class<?> type = Class.forName("com.sun.javafx.tk.quantum.QuantumRenderer");
            Method instance = type.getDeclaredMethod("getInstance");
            instance.setAccessible(true);
            return Optional.of((ExecutorService) instance.invoke(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void drain(ExecutorService renderer) {
        try {
            // Quantum's executor takes only its own job type (a FutureTask), queued behind the frames asked for.
            CountDownLatch ran = new CountDownLatch(1);
            Runnable job = (Runnable) Class.forName("com.sun.javafx.tk.RenderJob").getConstructor(Runnable.class)
                    .newInstance((Runnable) ran::countDown);
            renderer.execute(job);
            if (!ran.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no answer in 10 s");
            }
        } catch (Exception e) {
            throw new IllegalStateException("render thread did not answer", e);
        }
    }

    private static <T> void report(String label, List<T> samples, java.util.function.ToLongFunction<T> nanos) {
        long[] v = samples.stream().mapToLong(nanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s  median %7.2f ms   p90 %7.2f ms   min %7.2f ms   max %7.2f ms   (n=%d)%n", label,
                ms(v[v.length / 2]), ms(v[Math.min(v.length - 1, (int) Math.ceil(0.9 * v.length) - 1)]), ms(v[0]),
                ms(v[v.length - 1]), v.length);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
