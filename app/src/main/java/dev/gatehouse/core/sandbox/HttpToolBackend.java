package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.model.Tool;
import dev.gatehouse.core.source.Located;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an HTTP tool against the {@link LoopbackMockServer}: the request the tool would send to its declared
 * endpoint (POST, the arguments as a JSON body, its auth header with a stand-in secret) goes to the same path
 * on the mock instead, with the declared URL in a header. The client has no proxy and follows no redirect, and
 * every request is checked to go to a loopback address before it is sent: no request leaves the machine.
 *
 * <p>The reply's {@code delay} is virtual like a canned stub's: the mock answers at once and the attempt counts
 * the delay, a timeout when it reaches {@code runtime.timeout}. Statuses map as Orloj's do (§6.3): 2xx succeeds,
 * 429 and 5xx fail retryably, other 4xx fail for good.
 */
public final class HttpToolBackend implements ToolBackend {
    private static final Duration WALL_TIMEOUT = Duration.ofSeconds(30);

    private final LoopbackMockServer mock;
    private final HttpClient client;
    private final AtomicLong calls = new AtomicLong();

    public HttpToolBackend(LoopbackMockServer mock) {
        this.mock = mock;
        this.client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public AttemptResult attempt(ToolInvocation inv, long timeoutNanos) {
        Tool tool = inv.tool();
        String endpoint = tool.endpoint().map(Located::value).orElse("");
        if (endpoint.isBlank()) {
            return AttemptResult.failed("tool=" + tool.name() + " missing endpoint", false, 0, "no request sent");
        }
        URI declared;
        URI target;
        try {
            declared = new URI(endpoint);
            String path = declared.getRawPath() == null || declared.getRawPath().isEmpty() ? "/" : declared.getRawPath();
            target = new URI("http", null, mock.address().getHostAddress(), mock.port(), null, null, null).resolve(path);
        } catch (URISyntaxException e) {
            return AttemptResult.failed("tool=" + tool.name() + " endpoint is not a url: " + e.getMessage(), false, 0, "no request sent");
        }
        if (!loopback(target)) {
            return AttemptResult.failed("refused: " + target.getHost() + " is not a loopback address", false, 0, "no request sent");
        }
        ToolStub.Outcome reply = inv.stub().outcome(1);
        String call = inv.runId() + "/" + inv.step() + "/" + inv.attempt() + "/" + calls.incrementAndGet();
        mock.expect(call, reply);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(WALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(LoopbackMockServer.CALL_HEADER, call)
                .header(LoopbackMockServer.ORIGINAL_URL_HEADER, declared.toString())
                .POST(HttpRequest.BodyPublishers.ofString(inv.argsJson(), StandardCharsets.UTF_8));
        tool.auth().ifPresent(a -> {
            String secret = "gatehouse-stand-in-" + a.secretRef().map(Located::value).orElse("secret");
            switch (a.profile()) {
                case "api_key_header" -> request.header("X-Api-Key", secret);
                case "basic" -> request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8)));
                default -> request.header("Authorization", "Bearer " + secret);
            }
        });
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long elapsed = System.nanoTime() - start + reply.delayNanos();
            String headers = mock.forget(call).map(r -> {
                java.util.Map<String, String> shown = new java.util.TreeMap<>(r.headers());
                shown.keySet().removeIf(k -> k.startsWith("x-gatehouse-") || k.equals("host") || k.equals("connection")
                        || k.equals("content-length") || k.equals("http2-settings") || k.equals("upgrade") || k.equals("user-agent"));
                return " " + shown;
            }).orElse("");
            String seen = "POST " + declared.getRawPath() + " for " + declared.getHost() + ", sent to the loopback mock" + headers + " -> " + response.statusCode();
            if (timeoutNanos > 0 && elapsed >= timeoutNanos) {
                return AttemptResult.timedOut(timeoutNanos, seen + " too late");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return AttemptResult.succeeded(response.body(), elapsed, seen);
            }
            return AttemptResult.failed("http status " + status + (response.body().isEmpty() ? "" : ": " + response.body()),
                    status == 429 || status >= 500, elapsed, seen);
        } catch (IOException e) {
            return AttemptResult.failed("loopback request failed: " + e.getMessage(), true, System.nanoTime() - start, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptResult.failed("interrupted", false, System.nanoTime() - start, "");
        } finally {
            mock.forget(call);
        }
    }

    private static boolean loopback(URI target) {
        try {
            return target.getHost() != null && InetAddress.getByName(target.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
