package dev.gatehouse.bench;

import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.sandbox.AuditEvent;
import dev.gatehouse.core.sandbox.RunResult;
import dev.gatehouse.core.sandbox.Sandbox;
import dev.gatehouse.core.sandbox.Scenario;
import dev.gatehouse.core.sandbox.ScenarioFiles;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.sandbox.StepResult;
import dev.gatehouse.core.sandbox.ToolBackends;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.store.AuditLog;
import dev.gatehouse.core.workspace.WorkspaceFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The sandbox's full path per step, under JMH: read the scenario (YAML → steps, checked against the workspace),
 * decide each step through the engine, run the allowed calls on their stubs, and append every decision and
 * attempt to the SQLite audit log on disk (WAL; rows committed in groups of up to 512 by the log's writer
 * thread, and every row of a run committed before the run returns). The score is steps per second.
 *
 * <p>The scenario drives the seed's {@code customer-support-bot} through {@value #STEPS} steps that cycle through
 * an allowed call, a hallucinated call (denied, never run), a data read, a second allowed call and a clock
 * step. The setup runs it once and checks every verdict before anything is measured.
 *
 * <pre>./mvnw -B -Pbench -pl app compile exec:exec@sandbox</pre>
 *
 * (extra JMH options in {@code -Dsandbox.jmh.args="-wi 10 -i 10"}; docs/sandbox.md has the figures). The JIT
 * needs longer than JMH's default to settle on this path on a shared two-core machine, hence ten warm-up
 * iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class SandboxBenchmark {
    static final int STEPS = 1000;

    @Param("../samples/seed")
    public String workspace;

    private DecisionEngine engine;
    private SourceInput scenario;
    private Path dir;
    private AuditLog log;
    private Sandbox sandbox;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<SourceInput> inputs = new WorkspaceFiles().readAll(List.of(Path.of(workspace)));
        engine = DecisionEngine.compile(new WorkspaceReader().read(ScenarioFiles.split(inputs).manifests()));
        scenario = new SourceInput(new SourceId("bench.yaml"), scenarioText().getBytes(StandardCharsets.UTF_8));
        dir = Files.createTempDirectory("gatehouse-sandbox-bench");
        log = AuditLog.open(dir.resolve("audit.db"));
        sandbox = new Sandbox(engine, ToolBackends.NONE, log);
        check(readAndRun());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public RunResult readDecideExecuteLog() {
        return readAndRun();
    }

    private RunResult readAndRun() {
        ScenarioReader.Reading reading = new ScenarioReader().read(scenario, engine.workspace());
        Scenario s = reading.scenarios().get(0);
        return sandbox.run(s, "bench-" + ++run);
    }

    /** Every fifth step is the hallucinated call: denied, never executed; every other call ran once. */
    private void check(RunResult r) {
        if (r.steps().size() != STEPS) {
            throw new IllegalStateException("ran " + r.steps().size() + " steps, expected " + STEPS);
        }
        for (StepResult s : r.steps()) {
            boolean hallucinated = s.subject().equals("update-admin-password");
            Verdict expected = hallucinated ? Verdict.DENY : Verdict.ALLOW;
            if (s.strict().verdict() != expected || (hallucinated && !s.strict().reason().equals("not_declared"))) {
                throw new IllegalStateException("step " + s.step().index() + " got " + s.strict().brief());
            }
        }
        if (r.invocations("update-admin-password") != 0 || r.invocations("lookup-order") != STEPS / 5 || r.invocations("send-email") != STEPS / 5) {
            throw new IllegalStateException("unexpected invocations " + r.invocations());
        }
        long rows = log.read(r.runId()).stream().filter(e -> e.event().type() != AuditEvent.Type.RUN_STARTED).count();
        if (rows != STEPS + 2L * STEPS / 5 + 1) {
            throw new IllegalStateException("audit log holds " + rows + " rows for the run");
        }
    }

    private static String scenarioText() {
        StringBuilder b = new StringBuilder("""
                apiVersion: gatehouse.dev/v1
                kind: Scenario
                metadata:
                  name: bench
                spec:
                  agent: customer-support-bot
                  tools:
                    lookup-order:
                      response: {status: delivered}
                    send-email:
                      response: {queued: true}
                  steps:
                """);
        for (int i = 0; i < STEPS / 5; i++) {
            b.append("    - call: {tool: lookup-order, args: {order_id: \"").append(10_000 + i).append("\"}}\n");
            b.append("    - call: {tool: update-admin-password, args: {user: admin}}\n");
            b.append("    - data: {resource: orders/").append(10_000 + i).append(", action: read}\n");
            b.append("    - call: {tool: send-email, args: {to: customer@example.com}}\n");
            b.append("    - advance: 1s\n");
        }
        return b.toString();
    }
}
