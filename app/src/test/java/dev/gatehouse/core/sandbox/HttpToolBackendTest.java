package dev.gatehouse.core.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.model.Workspace;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpToolBackendTest {
    private static final Workspace LAB = Lab.workspace();

    private static RunResult run(LocalTools tools, Workspace ws, SandboxFixtures.RecordingSink audit, String spec) {
        return new Sandbox(DecisionEngine.compile(ws), tools.backends(), audit).run(SandboxFixtures.scenario(ws, Lab.scenario(spec)), "run-1");
    }

    @Test
    void theRequestGoesToTheLoopbackMockWithItsSecretsRedacted() {
        SandboxFixtures.RecordingSink audit = new SandboxFixtures.RecordingSink();
        try (LocalTools tools = new LocalTools()) {
            RunResult r = run(tools, LAB, audit, """
                      agent: worker
                      tools:
                        crm:
                          http:
                            status: 200
                            body: {updated: true}
                      steps:
                        - call: {tool: crm, args: {contact: C-1, note: hello}}
                    """);
            Execution e = r.steps().get(0).execution().orElseThrow();
            assertEquals(Optional.of("{\"updated\":true}"), e.response());
            List<LoopbackMockServer.RecordedRequest> seen = tools.mock().orElseThrow().requests();
            assertEquals(1, seen.size());
            LoopbackMockServer.RecordedRequest req = seen.get(0);
            assertEquals("POST", req.method());
            assertEquals("/api/contacts/update", req.path());
            assertEquals("https://crm.example.com/api/contacts/update?x=1", req.originalUrl());
            assertEquals("{\"contact\":\"C-1\",\"note\":\"hello\"}", req.body());
            assertEquals("[redacted]", req.headers().get("authorization"));
            assertEquals("application/json", req.headers().get("content-type"));
            assertTrue(e.last().detail().contains("authorization=[redacted]"), e.last().detail());
            assertFalse(audit.events.stream().anyMatch(ev -> ev.detail().contains("gatehouse-stand-in")), "a secret reached the audit log");
        }
    }

    @Test
    void noRequestLeavesTheMachineEvenForAnEndpointThatAnswers() throws Exception {
        // A real server at the tool's declared endpoint: it must never be called.
        AtomicInteger hits = new AtomicInteger();
        HttpServer declared = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        declared.createContext("/", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        declared.start();
        try (LocalTools tools = new LocalTools()) {
            String endpoint = "http://127.0.0.1:" + declared.getAddress().getPort() + "/api/hit";
            Workspace ws = SandboxFixtures.of(Map.of("agent.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: Agent
                    metadata:
                      name: a
                    spec:
                      model_ref: llm
                      policies:
                        - effect: allow
                          resource: hit
                          action: invoke
                        - effect: allow
                          resource: outside
                          action: invoke
                      tools:
                        - hit
                        - outside
                    """, "hit.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: Tool
                    metadata:
                      name: hit
                    spec:
                      type: http
                      endpoint: %s
                    """.formatted(endpoint), "outside.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: Tool
                    metadata:
                      name: outside
                    spec:
                      type: http
                      endpoint: https://203.0.113.7/exfiltrate
                    """, "llm.yaml", """
                    apiVersion: orloj.dev/v1
                    kind: ModelEndpoint
                    metadata:
                      name: llm
                    spec:
                      default_model: gpt-4o
                    """));
            RunResult r = run(tools, ws, new SandboxFixtures.RecordingSink(), """
                      agent: a
                      tools:
                        hit:
                          http: {status: 200, body: ok}
                        outside:
                          http: {status: 200, body: ok}
                      steps:
                        - call: {tool: hit}
                        - call: {tool: outside}
                    """);
            assertEquals(List.of(true, true), r.steps().stream().map(s -> s.execution().orElseThrow().succeeded()).toList());
            assertEquals(0, hits.get());
            assertEquals(List.of(endpoint, "https://203.0.113.7/exfiltrate"),
                    tools.mock().orElseThrow().requests().stream().map(LoopbackMockServer.RecordedRequest::originalUrl).toList());
            assertTrue(tools.mock().orElseThrow().address().isLoopbackAddress());
        } finally {
            declared.stop(0);
        }
    }

    @Test
    void serverErrorsAreRetriedAndClientErrorsAreNot() {
        try (LocalTools tools = new LocalTools()) {
            RunResult r = run(tools, LAB, new SandboxFixtures.RecordingSink(), """
                      agent: worker
                      tools:
                        crm:
                          http: {status: 503, body: busy}
                      steps:
                        - call: {tool: crm}
                    """);
            assertEquals(3, r.steps().get(0).execution().orElseThrow().attempts().size());
            assertEquals(Optional.of("http status 503: busy"), r.steps().get(0).execution().orElseThrow().last().error());
            RunResult notFound = run(tools, LAB, new SandboxFixtures.RecordingSink(), """
                      agent: worker
                      tools:
                        crm:
                          http: {status: 404}
                      steps:
                        - call: {tool: crm}
                    """);
            assertEquals(1, notFound.steps().get(0).execution().orElseThrow().attempts().size());
        }
    }

    @Test
    void aLateReplyIsATimeoutAndTheDecisionIsOnDiskBeforeTheRequest() {
        SandboxFixtures.RecordingSink audit = new SandboxFixtures.RecordingSink();
        try (LocalTools tools = new LocalTools()) {
            ToolBackends checked = new ToolBackends((inv, timeout) -> {
                assertTrue(audit.durable.stream().anyMatch(e -> e.type() == AuditEvent.Type.DECISION && e.step() == inv.step()),
                        "the decision was not flushed before the request");
                return tools.backends().http().attempt(inv, timeout);
            }, tools.backends().process());
            RunResult r = new Sandbox(DecisionEngine.compile(LAB), checked, audit).run(SandboxFixtures.scenario(LAB, Lab.scenario("""
                      agent: worker
                      tools:
                        crm:
                          http: {status: 200, body: ok, delay: 6s}
                      steps:
                        - call: {tool: crm}
                    """)), "run-1");
            Execution e = r.steps().get(0).execution().orElseThrow();
            assertEquals(List.of(AttemptResult.Status.TIMED_OUT, AttemptResult.Status.TIMED_OUT, AttemptResult.Status.TIMED_OUT),
                    e.attempts().stream().map(AttemptResult::status).toList());
            assertEquals(3, tools.mock().orElseThrow().requests().size());
        }
    }
}
