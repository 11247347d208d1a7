package dev.gatehouse.core.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a process tool: the scenario's command as a child process with an empty environment, in a fresh temporary
 * directory (deleted afterwards), the call's arguments on stdin, stdout and stderr capped, and a deadline from
 * {@code runtime.timeout} past which the whole process tree is killed. {@link ProcessIsolation} fences it in where
 * the platform allows; a Tool whose {@code isolation_mode} is not {@code none} does not run without it (Orloj's
 * {@code isolation_unavailable}, fail-closed).
 *
 * <p>Exit 0 is success with stdout as the response; exit 75 ({@code EX_TEMPFAIL}) a retryable failure; any other
 * exit, or output past the cap, a failure that is not retried.
 */
public final class ProcessToolBackend implements ToolBackend {
    /** A tool with no deadline (F12) still gets one here: a test run must end. */
    static final long NO_DEADLINE_CAP = TimeUnit.MINUTES.toNanos(10);
    private static final int EX_TEMPFAIL = 75;

    private final ProcessIsolation isolation;
    private final int maxOutputBytes;

    public ProcessToolBackend(ProcessIsolation isolation, int maxOutputBytes) {
        this.isolation = isolation;
        this.maxOutputBytes = maxOutputBytes;
    }

    public static ProcessToolBackend detect() {
        return new ProcessToolBackend(ProcessIsolation.detect(), 64 * 1024);
    }

    public ProcessIsolation isolation() {
        return isolation;
    }

    @Override
    public AttemptResult attempt(ToolInvocation inv, long timeoutNanos) {
        String mode = inv.tool().runtime().isolationMode().value();
        if (!mode.equals("none") && isolation == ProcessIsolation.NONE) {
            return AttemptResult.failed("tool isolation runtime unavailable for tool=" + inv.tool().name() + " (isolation_mode "
                    + mode + "; no bwrap or unshare here)", false, 0, "not run");
        }
        long deadline = timeoutNanos > 0 ? timeoutNanos : NO_DEADLINE_CAP;
        Path dir;
        try {
            dir = Files.createTempDirectory("gatehouse-tool-");
        } catch (IOException e) {
            return AttemptResult.failed("cannot create a working directory: " + e.getMessage(), false, 0, "not run");
        }
        long start = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(isolation.wrap(inv.stub().command(), dir)).directory(dir.toFile());
            pb.environment().clear();
            if (isolation == ProcessIsolation.UNSHARE) {
                // Only the fence needs a PATH to find its tools; it runs the command with `env -i`.
                pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            }
            Process p = pb.start();
            Capped out = new Capped(p.getInputStream(), maxOutputBytes);
            Capped err = new Capped(p.getErrorStream(), maxOutputBytes);
            Thread feeder = new Thread(() -> feed(p, inv.argsJson()), "gatehouse-tool-stdin");
            feeder.setDaemon(true);
            feeder.start();
            out.start();
            err.start();
            boolean ended = false;
            while (!ended && System.nanoTime() - start < deadline && !out.overflowed() && !err.overflowed()) {
                ended = p.waitFor(Math.min(20, TimeUnit.NANOSECONDS.toMillis(deadline - (System.nanoTime() - start)) + 1), TimeUnit.MILLISECONDS);
            }
            long elapsed = System.nanoTime() - start;
            String how = "isolation " + isolation.name().toLowerCase(java.util.Locale.ROOT);
            if (!ended) {
                killTree(p);
                if (out.overflowed() || err.overflowed()) {
                    return AttemptResult.failed("output exceeds " + maxOutputBytes + " bytes", false, elapsed, how + "; killed");
                }
                return AttemptResult.timedOut(timeoutNanos > 0 ? timeoutNanos : deadline, how + "; process tree killed at the deadline");
            }
            // What it wrote is in the pipes. Kill what it left behind, read the pipes to their end, and only then
            // release the Process: destroying it closes its streams, and output not yet read would be lost.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            out.join(2000);
            err.join(2000);
            killTree(p);
            int exit = p.exitValue();
            String detail = how + "; exit " + exit;
            if (out.overflowed() || err.overflowed()) {
                return AttemptResult.failed("output exceeds " + maxOutputBytes + " bytes", false, elapsed, detail);
            }
            if (exit == 0) {
                return AttemptResult.succeeded(out.text().strip(), elapsed, detail);
            }
            String message = err.text().strip().lines().findFirst().orElse(out.text().strip().lines().findFirst().orElse(""));
            return AttemptResult.failed("exit " + exit + (message.isEmpty() ? "" : ": " + message), exit == EX_TEMPFAIL, elapsed, detail);
        } catch (IOException e) {
            return AttemptResult.failed("cannot start " + inv.stub().command().get(0) + ": " + e.getMessage(), false, System.nanoTime() - start, "not run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed("interrupted", false, System.nanoTime() - start, "");
        } finally {
            delete(dir);
        }
    }

    private static void feed(Process p, String args) {
        try (OutputStream in = p.getOutputStream()) {
            in.write(args.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The process closed its stdin or ended first: it did not want the arguments.
        }
    }

    /** Descendants first (a snapshot before the parent dies and they are re-parented), then the process. */
    static void killTree(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | UncheckedIOException e) {
            // A file the tool left unreadable stays in the temp folder; the result does not depend on it.
        }
    }

    /** Reads a stream on its own thread, keeping at most {@code cap} bytes and noting when there was more. */
    private static final class Capped extends Thread {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean overflowed;

        Capped(InputStream in, int cap) {
            super("gatehouse-tool-output");
            setDaemon(true);
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int room = cap - kept.size();
                    kept.write(buf, 0, Math.min(room, n));
                    if (n > room) {
                        overflowed = true;
                        return;
                    }
                }
            } catch (IOException e) {
                // The process was killed mid-write; what was read is kept.
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
