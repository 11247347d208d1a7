package dev.gatehouse.core.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server every HTTP tool talks to in the sandbox: the JDK's HTTP server bound to the loopback address only,
 * on a free port. It records each request (method, path, the URL the tool really points at, headers with
 * secrets redacted, body) and answers with the reply the scenario gave for that call. Nothing it answers comes
 * from outside, and nothing it records holds a secret.
 */
public final class LoopbackMockServer implements AutoCloseable {
    /** The header that names the reply a request gets. */
    static final String CALL_HEADER = "X-Gatehouse-Call";
    /** The header that carries the tool's declared endpoint, which is never contacted. */
    static final String ORIGINAL_URL_HEADER = "X-Gatehouse-Original-Url";
    static final String REDACTED = "[redacted]";
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final Map<String, ToolStub.Outcome> replies = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, RecordedRequest> byCall = new ConcurrentHashMap<>();

    /** One request as the mock saw it; secret headers hold {@value #REDACTED}. */
    public record RecordedRequest(String method, String path, String originalUrl, Map<String, String> headers, String body) {
        public RecordedRequest {
            headers = Map.copyOf(headers);
        }
    }

    private LoopbackMockServer(HttpServer server) {
        this.server = server;
    }

    public static LoopbackMockServer start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        LoopbackMockServer mock = new LoopbackMockServer(s);
        s.createContext("/", mock::handle);
        s.start();
        return mock;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public InetAddress address() {
        return server.getAddress().getAddress();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    void expect(String call, ToolStub.Outcome reply) {
        replies.put(call, reply);
    }

    /** The reply for the call is no longer wanted; its recorded request, if any, is handed over. */
    java.util.Optional<RecordedRequest> forget(String call) {
        replies.remove(call);
        return java.util.Optional.ofNullable(byCall.remove(call));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            String call = ex.getRequestHeaders().getFirst(CALL_HEADER);
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), secret(k) ? REDACTED : String.join(",", v)));
            RecordedRequest recorded = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    String.valueOf(ex.getRequestHeaders().getFirst(ORIGINAL_URL_HEADER)), headers, new String(body, StandardCharsets.UTF_8));
            requests.add(recorded);
            if (call != null) {
                byCall.put(call, recorded);
            }
            ToolStub.Outcome reply = call == null ? null : replies.get(call);
            int status = reply == null ? 404 : reply.status();
            byte[] out = (reply == null ? "{\"error\":\"no reply for this call\"}" : reply.response().orElse("")).getBytes(StandardCharsets.UTF_8);
            if (reply != null) {
                reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            }
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        }
    }

    /** Headers that carry credentials, by name: what must never reach a log or a report. */
    static boolean secret(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.equals("authorization") || h.equals("proxy-authorization") || h.equals("cookie") || h.equals("set-cookie")
                || h.contains("token") || h.contains("secret") || h.contains("api-key") || h.contains("apikey")
                || h.contains("password") || h.contains("session");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
