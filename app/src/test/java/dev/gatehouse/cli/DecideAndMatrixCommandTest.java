package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecideAndMatrixCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void seedMatrixShowsTheSupportBotCannotTouchPaymentsNorTheHallucinatedTool() throws Exception {
        CliRun text = CliRun.of("matrix", "../samples/seed");
        Golden.assertMatches("matrix/seed.txt", text.out());
        Golden.assertMatches("matrix/seed.csv", CliRun.of("matrix", "--format", "csv", "../samples/seed").out());
        JsonNode json = JSON.readTree(CliRun.of("matrix", "--format", "json", "../samples/seed").out());
        assertEquals(0, text.exit());
        JsonNode payment = cell(json, "customer-support-bot", "payment-api");
        assertEquals("deny", payment.get("strict").get("decision").asText());
        assertEquals("explicit_deny", payment.get("strict").get("reason").asText());
        assertEquals("deny", payment.get("orloj").get("decision").asText());
        JsonNode admin = cell(json, "customer-support-bot", "update-admin-password");
        assertEquals("not_declared", admin.get("strict").get("reason").asText());
        CliRun explain = CliRun.of("decide", "../samples/seed", "--agent", "customer-support-bot", "--tool", "update-admin-password");
        assertTrue(explain.out().contains("Tool not available"), explain.out());
        assertEquals(0, explain.exit());
    }

    private static JsonNode cell(JsonNode matrix, String agent, String tool) {
        for (JsonNode c : matrix.get("cells")) {
            if (c.get("agent").asText().equals(agent) && c.get(c.has("tool") ? "tool" : "model").asText().equals(tool)) {
                return c;
            }
        }
        throw new AssertionError("no cell " + agent + " x " + tool);
    }

    @Test
    void governedMatrixShowsEachDeliberateExposure() throws Exception {
        CliRun text = CliRun.of("matrix", "--namespace", "custops", "../samples/governed");
        Golden.assertMatches("matrix/governed.txt", text.out());
        JsonNode json = JSON.readTree(CliRun.of("matrix", "--namespace", "custops", "--format", "json", "../samples/governed").out());
        List<String> exposures = new ArrayList<>();
        for (JsonNode c : json.get("cells")) {
            if (!c.get("exposure").isNull()) {
                exposures.add(c.get("exposure").asText() + " " + c.get("agent").asText() + " " + c.get("tool").asText());
            }
        }
        assertEquals(List.of("F9 billing-agent issue-refund", "F8 billing-agent order-lookup", "F1 faq-agent kb-search",
                "F27 ops-agent prod-db-query", "F7 triage-agent send-customer-email"), exposures);
        assertEquals(List.of("account-agent", "billing-agent", "faq-agent", "ops-agent", "support-agent", "triage-agent"),
                JSON.convertValue(json.get("agents"), List.class));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            billing-agent, issue-refund,        F9
            billing-agent, order-lookup,        F8
            faq-agent,     kb-search,           F1
            ops-agent,     prod-db-query,       F27
            triage-agent,  send-customer-email, F7
            """)
    void decideExplainsEachExposure(String agent, String tool, String exposure) throws Exception {
        CliRun run = CliRun.of("decide", "../samples/governed", "--namespace", "custops", "--agent", agent, "--tool", tool, "--format", "json");
        JsonNode a = JSON.readTree(run.out());
        assertEquals(exposure, a.get("exposure").asText());
        assertTrue(a.get("trace").size() > 3);
        for (JsonNode step : a.get("trace")) {
            assertTrue(step.has("check") && step.has("result") && step.has("source"));
        }
        Golden.assertMatches("decide/governed-" + agent + "-" + tool + ".txt",
                CliRun.of("decide", "../samples/governed", "--namespace", "custops", "--agent", agent, "--tool", tool).out());
        assertEquals(0, run.exit());
    }

    @Test
    void anUnknownAgentToolOrModelIsADenialNotAnError() throws Exception {
        CliRun run = CliRun.of("decide", "../samples/seed", "--agent", "nobody", "--tool", "web-search", "--format", "json");
        JsonNode a = JSON.readTree(run.out());
        assertEquals(0, run.exit());
        assertEquals("unknown_agent", a.get("strict").get("reason").asText());
        assertEquals("task_invalid", a.get("orloj").get("reason").asText());
        assertTrue(a.get("exposure").isNull());
        assertEquals("agent", a.get("missing").get(0).get("kind").asText());
        JsonNode m = JSON.readTree(CliRun.of("decide", "../samples/seed", "--agent", "research-agent", "--model", "nope", "--format", "json").out());
        assertEquals("model_not_allowed", m.get("strict").get("reason").asText());
        assertEquals("model_not_served", m.get("orloj").get("reason").asText());
    }

    @Test
    void dataAccessIsGrantedBySeedFormsAndNotEnforcedByOrloj() throws Exception {
        JsonNode denied = JSON.readTree(CliRun.of("decide", "../samples/seed", "--agent", "research-agent", "--resource", "secrets/payroll.csv",
                "--action", "read", "--format", "json").out());
        assertEquals("data_not_granted", denied.get("strict").get("reason").asText());
        assertEquals("not_enforced", denied.get("orloj").get("reason").asText());
        assertEquals("S1", denied.get("exposure").asText());
    }

    @Test
    void decideNeedsExactlyOneSubject() {
        assertEquals(2, CliRun.of("decide", "../samples/seed", "--agent", "a").exit());
        assertEquals(2, CliRun.of("decide", "../samples/seed", "--agent", "a", "--tool", "t", "--model", "m").exit());
        assertEquals(2, CliRun.of("decide", "../samples/seed", "--agent", "a", "--resource", "r").exit());
        assertEquals(2, CliRun.of("decide", "../samples/seed", "--tool", "t").exit());
        assertEquals(2, CliRun.of("decide", "no/such/path", "--agent", "a", "--tool", "t").exit());
        assertEquals(2, CliRun.of("matrix", "--format", "xml", "../samples/seed").exit());
    }

    @Test
    void modelsMatrixListsModelIds() throws Exception {
        JsonNode json = JSON.readTree(CliRun.of("matrix", "--models", "--format", "json", "../samples/seed").out());
        assertTrue(json.has("models"));
        assertTrue(json.get("cells").get(0).has("model"));
    }
}
