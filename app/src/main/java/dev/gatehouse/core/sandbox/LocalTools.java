package dev.gatehouse.core.sandbox;

import java.io.IOException;
import java.util.Optional;

/**
 * The real backends of one CLI or UI session: the HTTP tools' loopback mock and the process runner with the
 * isolation this machine gives, each set up on first use (so a run of canned stubs opens no port and probes no
 * isolation). Closing it stops the mock.
 */
public final class LocalTools implements AutoCloseable {
    private ProcessToolBackend process;
    private LoopbackMockServer mock;
    private HttpToolBackend http;

    public ToolBackends backends() {
        return new ToolBackends(this::http, (inv, timeout) -> process().attempt(inv, timeout));
    }

    public ProcessIsolation isolation() {
        return process().isolation();
    }

    private synchronized ProcessToolBackend process() {
        if (process == null) {
            process = ProcessToolBackend.detect();
        }
        return process;
    }

    public Optional<LoopbackMockServer> mock() {
        return Optional.ofNullable(mock);
    }

    private synchronized AttemptResult http(ToolInvocation inv, long timeoutNanos) {
        if (http == null) {
            try {
                mock = LoopbackMockServer.start();
            } catch (IOException e) {
                return AttemptResult.failed("cannot start the loopback mock server: " + e.getMessage(), false, 0, "no request sent");
            }
            http = new HttpToolBackend(mock);
        }
        return http.attempt(inv, timeoutNanos);
    }

    @Override
    public synchronized void close() {
        if (mock != null) {
            mock.close();
        }
    }
}
