package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real child processes: what they get (stdin, an empty environment, a directory), and what they cannot do. */
class ProcessToolBackendTest {
    private static final Workspace LAB = Lab.workspace();
    private static final long SECOND = 1_000_000_000L;
    private static final ProcessToolBackend BACKEND = ProcessToolBackend.detect();

    private static Tool tool(String name) {
        return LAB.find(Tool.class, "default", name).orElseThrow();
    }

    private static AttemptResult run(ProcessToolBackend backend, String tool, long timeout, String... command) {
        Span at = Span.fileStart(new SourceId("t.yaml"));
        ToolStub stub = new ToolStub(new Located<>(tool, at), ToolStub.Backend.PROCESS, List.of(), List.of(command), at);
        return backend.attempt(new ToolInvocation("run-1", "s", 1, "worker", tool(tool), "{\"q\":\"x\"}", 1, stub), timeout);
    }

    private static AttemptResult run(String... command) {
        return run(BACKEND, "search", 10 * SECOND, command);
    }

    private static boolean isolated() {
        return BACKEND.isolation() != ProcessIsolation.NONE;
    }

    @Test
    void theArgumentsArriveOnStdinAndStdoutIsTheResponse() {
        AttemptResult r = run("sh", "-c", "cat; echo; echo done");
        assertEquals(AttemptResult.Status.SUCCEEDED, r.status(), r.toString());
        assertEquals(Optional.of("{\"q\":\"x\"}\ndone"), r.response());
    }

    @Test
    void theEnvironmentIsEmpty() {
        AttemptResult r = run("env");
        assertEquals(Optional.of(""), r.response(), r.toString());
    }

    @Test
    void itRunsInAFreshDirectoryThatIsRemovedAfterwards() {
        AttemptResult r = run("sh", "-c", "pwd; touch made-here; ls");
        List<String> lines = r.response().orElseThrow().lines().toList();
        assertTrue(lines.get(0).contains("gatehouse-tool-"), lines.toString());
        assertEquals("made-here", lines.get(1));
        assertFalse(Files.exists(Path.of(lines.get(0))), "the working directory was left behind");
    }

    @Test
    void theDeadlineKillsTheWholeProcessTree() throws Exception {
        String marker = "31.4159" + ProcessHandle.current().pid();
        long start = System.nanoTime();
        AttemptResult r = run(BACKEND, "search", SECOND, "sh", "-c", "sleep " + marker + " & sleep " + marker + " & wait");
        assertEquals(AttemptResult.Status.TIMED_OUT, r.status(), r.toString());
        assertTrue(r.retryable());
        assertTrue(System.nanoTime() - start < 10 * SECOND, "the deadline was not kept");
        for (int i = 0; i < 50 && alive(marker); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertFalse(alive(marker), "a child of the tool outlived the deadline");
    }

    private static boolean alive(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.isAlive() && p.info().commandLine().orElse("").contains(marker));
    }

    @Test
    void outputPastTheCapStopsTheTool() {
        AttemptResult r = run(new ProcessToolBackend(BACKEND.isolation(), 1000), "search", 10 * SECOND, "sh", "-c", "yes");
        assertEquals(AttemptResult.Status.FAILED, r.status(), r.toString());
        assertEquals(Optional.of("output exceeds 1000 bytes"), r.error());
        assertFalse(r.retryable());
    }

    /**
     * A process that writes and exits at once: its output is read to the end before the Process is released
     * (destroying it closes the pipes). Many runs, since a lost line shows only when the readers fall behind.
     */
    @Test
    void everythingAQuickProcessWritesIsRead() {
        List<Optional<String>> got = new java.util.ArrayList<>();
        List<Optional<String>> want = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boolean failing = i % 2 == 0;
            AttemptResult r = run("sh", "-c", failing ? "echo oops >&2; exit 1" : "echo done");
            got.add(failing ? r.error() : r.response());
            want.add(Optional.of(failing ? "exit 1: oops" : "done"));
        }
        assertEquals(want, got);
    }

    @Test
    void exitSeventyFiveIsRetryableOtherFailuresAreNot() {
        AttemptResult temp = run("sh", "-c", "echo busy >&2; exit 75");
        assertEquals(Optional.of("exit 75: busy"), temp.error());
        assertTrue(temp.retryable());
        AttemptResult bad = run("sh", "-c", "exit 3");
        assertEquals(Optional.of("exit 3"), bad.error());
        assertFalse(bad.retryable());
        AttemptResult missing = run("/no/such/program");
        assertEquals(AttemptResult.Status.FAILED, missing.status());
    }

    @Test
    void aToolThatAsksForIsolationDoesNotRunWithout() {
        AttemptResult r = run(new ProcessToolBackend(ProcessIsolation.NONE, 1000), "sealed", SECOND, "sh", "-c", "echo ran");
        assertEquals(Optional.of("tool isolation runtime unavailable for tool=sealed (isolation_mode sandboxed; no bwrap or unshare here)"), r.error());
        assertFalse(r.retryable());
    }

    @Test
    void anIsolatedToolCannotOpenASocket() throws Exception {
        assumeTrue(isolated(), "no bwrap or unshare on this machine");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(1500);
            AttemptResult r = run("bash", "-c", "echo hi > /dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo reached");
            assertEquals(AttemptResult.Status.FAILED, r.status(), r.toString());
            assertTrue(r.error().orElseThrow().contains("Network is unreachable"), r.toString());
            boolean connected;
            try (var ignored = listener.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertFalse(connected, "the tool reached a socket on the host");
        }
    }

    @Test
    void anIsolatedToolCannotWriteOutsideItsDirectory(@TempDir Path outside) {
        assumeTrue(isolated(), "no bwrap or unshare on this machine");
        Path target = outside.resolve("escaped.txt");
        AttemptResult r = run("sh", "-c", "echo inside > here.txt && cat here.txt && echo x > " + target);
        assertEquals(AttemptResult.Status.FAILED, r.status(), r.toString());
        assertTrue(r.error().orElseThrow().contains("Read-only file system"), r.toString());
        assertFalse(Files.exists(target));
        AttemptResult sealed = run(BACKEND, "sealed", 10 * SECOND, "sh", "-c", "echo ok");
        assertEquals(Optional.of("ok"), sealed.response(), sealed.toString());
    }

    @Test
    void theSandboxRunsProcessStubsFromAScenario() {
        RunResult r = new Sandbox(dev.gatehouse.core.engine.DecisionEngine.compile(LAB), new ToolBackends(ToolBackend.unavailable("http"), BACKEND),
                AuditSink.NONE).run(SandboxFixtures.scenario(LAB, Lab.scenario("""
                  agent: worker
                  tools:
                    search:
                      process:
                        command: [sh, -c, "tr a-z A-Z"]
                  steps:
                    - call: {tool: search, args: {q: returns}}
                """)), "run-1");
        assertEquals(Optional.of("{\"Q\":\"RETURNS\"}"), r.steps().get(0).execution().orElseThrow().response());
        assertEquals(Map.of("search", 1), r.invocations());
    }

    /** The governed sample whose process tool tries to reach the network, run with the given process backend. */
    private static RunResult offlineSample(ProcessToolBackend backend) {
        Workspace governed = SandboxFixtures.sample("governed");
        SourceInput in;
        try {
            in = new dev.gatehouse.core.workspace.WorkspaceFiles().read(Path.of("../samples/governed/scenarios/close-account-offline.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ScenarioReader.Reading reading = new ScenarioReader().read(in, governed);
        assertEquals(List.of(), reading.diagnostics());
        return new Sandbox(dev.gatehouse.core.engine.DecisionEngine.compile(governed), new ToolBackends(ToolBackend.unavailable("http"), backend),
                AuditSink.NONE).run(reading.scenarios().get(0), "run-1");
    }

    @Test
    void theSampleToolThatReachesForTheNetworkIsRefusedByTheIsolation() {
        assumeTrue(isolated(), "no bwrap or unshare on this machine");
        RunResult r = offlineSample(BACKEND);
        AttemptResult a = r.steps().get(1).execution().orElseThrow().last();
        assertEquals(Optional.of("exit 1: no network: connect to 203.0.113.10:443 failed"), a.error(), a.toString());
        assertTrue(a.detail().startsWith("isolation " + BACKEND.isolation().name().toLowerCase(java.util.Locale.ROOT) + "; exit 1"), a.detail());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void withoutIsolationTheSampleToolIsNotStartedAtAll() {
        RunResult r = offlineSample(new ProcessToolBackend(ProcessIsolation.NONE, 1000));
        AttemptResult a = r.steps().get(1).execution().orElseThrow().last();
        assertEquals(Optional.of("tool isolation runtime unavailable for tool=close-account (isolation_mode sandboxed; no bwrap or unshare here)"), a.error());
        assertEquals("not run", a.detail());
        assertEquals(0L, a.elapsedNanos());
        assertTrue(r.passed(), "the sample's expectations hold where the tool fails closed: " + r);
    }
}
