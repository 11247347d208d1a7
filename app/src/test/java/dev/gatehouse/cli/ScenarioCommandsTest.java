package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.sandbox.ProcessIsolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String AGENT = """
            apiVersion: orloj.dev/v1
            kind: Agent
            metadata:
              name: bot
            spec:
              model_ref: llm
              policies:
                - effect: allow
                  resource: search
                  action: invoke
              tools:
                - search
            """;
    private static final String TOOL = """
            apiVersion: orloj.dev/v1
            kind: Tool
            metadata:
              name: search
            spec:
              type: http
              endpoint: https://example.com/search
            """;
    private static final String MODEL = """
            apiVersion: orloj.dev/v1
            kind: ModelEndpoint
            metadata:
              name: llm
            spec:
              default_model: gpt-4o
            """;

    private static Path workspace(Path dir, String scenario) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bot.yaml"), AGENT);
        Files.writeString(dir.resolve("search.yaml"), TOOL);
        Files.writeString(dir.resolve("llm.yaml"), MODEL);
        Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(dir.resolve("scenarios/s.yaml"), scenario);
        return dir;
    }

    private static String scenario(String steps) {
        return "apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata:\n  name: s\nspec:\n  agent: bot\n  steps:\n" + steps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "governed"})
    void theSampleScenariosPassAsRecorded(String sample) throws Exception {
        CliRun text = CliRun.of("test", "../samples/" + sample);
        assertEquals(0, text.exit(), text.out());
        assertEquals("", text.err());
        CliRun json = CliRun.of("test", "--format", "json", "../samples/" + sample);
        JsonNode summary = JSON.readTree(json.out()).get("summary");
        assertEquals(summary.get("scenarios").asInt(), summary.get("passed").asInt());
        if (ProcessIsolation.detect() == ProcessIsolation.NONE && text.out().contains("(measured)")) {
            // The goldens record a process tool run under isolation; without any, it must not have started at all.
            assertTrue(text.out().contains("error tool isolation runtime unavailable for tool=close-account"), text.out());
            return;
        }
        Golden.assertMatches("test/" + sample + ".txt", measured(text.out()));
        Golden.assertMatches("test/" + sample + ".json", measured(json.out()));
    }

    /**
     * The one thing in a test report that is not reproducible: how long a real tool (a child process, an HTTP
     * request) took, and so the clock after it. Masked in the text ({@code in 4.2ms (measured)}) and in the JSON
     * (the executions whose backend is not a stub).
     */
    private static String measured(String report) throws Exception {
        if (!report.startsWith("{")) {
            return report.replaceAll(" in \\S+ \\(measured\\)", " in <measured> (measured)");
        }
        JsonNode root = JSON.readTree(report);
        for (JsonNode run : root.get("scenarios")) {
            for (JsonNode step : run.get("steps")) {
                JsonNode e = step.get("execution");
                if (e != null && !e.isNull() && !e.get("backend").asText().equals("stub")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) e).put("durationNanos", "<measured>");
                    for (JsonNode a : e.get("attempts")) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) a).put("elapsedNanos", "<measured>");
                    }
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "governed"})
    void coverageOfTheSamplesAsRecorded(String sample) throws Exception {
        CliRun text = CliRun.of("test", "--coverage", "../samples/" + sample);
        assertEquals(0, text.exit(), text.out());
        String withCoverage = measured(text.out());
        String plain = measured(CliRun.of("test", "../samples/" + sample).out());
        String summary = plain.substring(plain.lastIndexOf('\n', plain.length() - 2) + 1);
        assertTrue(withCoverage.startsWith(plain.substring(0, plain.length() - summary.length())), "coverage comes after the runs");
        assertTrue(withCoverage.endsWith("\n" + summary), "the pass/fail summary stays last");
        Golden.assertMatches("test/" + sample + "-coverage.txt", withCoverage.substring(plain.length() - summary.length()));
        CliRun json = CliRun.of("test", "--coverage", "--format", "json", "../samples/" + sample);
        assertEquals(0, json.exit());
        JsonNode coverage = JSON.readTree(json.out()).get("coverage");
        Golden.assertMatches("test/" + sample + "-coverage.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(coverage) + "\n");
        for (JsonNode t : coverage.get("tables")) {
            int exercised = 0;
            for (JsonNode c : t.get("cells")) {
                exercised += c.get("hits").asInt() > 0 ? 1 : 0;
            }
            assertEquals(t.get("exercised").asInt(), exercised, "exercised cells of " + t.get("matrix"));
            assertEquals(t.get("total").asInt(), t.get("cells").size(), "cells of " + t.get("matrix"));
        }
    }

    @Test
    void coverageListsTheExposuresNoScenarioTouches(@TempDir Path dir) throws Exception {
        String agent = AGENT.replace("  policies:\n    - effect: allow\n      resource: search\n      action: invoke\n", "");
        workspace(dir, scenario("    - model: {model: gpt-4o, tokens: 5}\n"));
        Files.writeString(dir.resolve("bot.yaml"), agent);
        CliRun run = CliRun.of("test", "--coverage", dir.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("tools in namespace default: 0 of 1 cells exercised (1 agents x 1 tools)\n"
                + "  allow                0 of 0\n"
                + "  approval_required    0 of 0\n"
                + "  deny                 0 of 1\n"
                + "  exposure             0 of 1\n"
                + "  exposures no scenario touches:\n"
                + "    bot  search  F1\n"), run.out());
        assertTrue(run.out().contains("  bot   +*\n"), run.out());
        assertTrue(run.out().contains("0 of 1 exposure cell exercised; no scenario touches 1\n"), run.out());
        CliRun json = CliRun.of("test", "--coverage", "--format", "json", dir.toString());
        JsonNode untouched = JSON.readTree(json.out()).get("coverage").get("untouchedExposures");
        assertEquals(JSON.readTree("[{\"namespace\":\"default\",\"matrix\":\"tools\",\"agent\":\"bot\",\"tool\":\"search\",\"item\":\"F1\"}]"), untouched);
    }

    @Test
    void withoutCoverageTheJsonHasNoCoverage() throws Exception {
        CliRun json = CliRun.of("test", "--format", "json", "../samples/seed");
        assertEquals(null, JSON.readTree(json.out()).get("coverage"));
    }

    @Test
    void validateSkipsScenarioFiles(@TempDir Path dir) throws Exception {
        workspace(dir, scenario("    - call: {tool: search}\n"));
        CliRun run = CliRun.of("validate", dir.toString());
        assertTrue(run.out().endsWith("3 files, 3 resources: 0 errors, 1 warning, 1 info\n"), run.out());
        assertEquals(0, run.exit());
    }

    @Test
    void aFailedExpectationExitsOneAndSaysWhatHappened(@TempDir Path dir) throws Exception {
        workspace(dir, scenario("    - call: {tool: search}\n      expect: deny\n"));
        CliRun run = CliRun.of("test", dir.toString());
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("      FAIL: expected deny, got allow (seed_grant)\n"), run.out());
        assertTrue(run.out().contains("\nFAIL s\n"), run.out());
        assertTrue(run.out().endsWith("1 scenario, 1 step: 0 passed, 1 failed\n"), run.out());
    }

    @Test
    void anInvalidScenarioExitsTwoWithItsPosition(@TempDir Path dir) throws Exception {
        workspace(dir, scenario("    - call: {tool: serch}\n"));
        CliRun run = CliRun.of("test", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.out().contains("/scenarios/s.yaml:8:20: error GH302: unknown tool `serch` in namespace `default`\n"
                + "    help: did you mean `search`?\n"), run.out());
        assertTrue(run.out().endsWith("0 scenarios, 0 steps: 0 passed, 0 failed, 1 error in scenario files\n"), run.out());
    }

    @Test
    void aWorkspaceWithoutScenariosIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bot.yaml"), AGENT);
        CliRun run = CliRun.of("test", dir.toString());
        assertEquals(2, run.exit());
        assertEquals("gatehouse: no scenario files (apiVersion: gatehouse.dev/v1, kind: Scenario) under " + dir + "\n", run.err());
    }

    @Test
    void junitXmlHasACasePerScenarioAndAFailurePerBrokenExpectation(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("out/junit.xml");
        CliRun run = CliRun.of("test", "--junit", report.toString(), "../samples/seed");
        assertEquals(0, run.exit());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("5", root.getAttribute("tests"));
        assertEquals("0", root.getAttribute("failures"));
        assertEquals(5, xml.getElementsByTagName("testcase").getLength());

        Path ws = workspace(dir.resolve("ws"), scenario("    - call: {tool: search}\n      expect: deny\n"));
        CliRun failing = CliRun.of("test", "--junit", report.toString(), ws.toString());
        assertEquals(1, failing.exit());
        Document failed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("step 1 (call search): expected deny, got allow (seed_grant)", failure.getAttribute("message"));
    }

    @Test
    void runStreamsTheLogAndLogExportsItAsJsonLines(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit.db");
        CliRun run = CliRun.of("run", "--log", db.toString(), "../samples/seed/scenarios/hallucinated-admin-password.yaml");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("run-1 t+0s run_started | scenario hallucinated-admin-password (agent customer-support-bot)"), lines.get(0));
        assertTrue(lines.contains("run-1 #4 t+0s decision customer-support-bot tool update-admin-password: deny (not_declared) | orloj deny (not_declared) -> refused"
                + " | Tool not available: `update-admin-password` is not in spec.tools of agent `customer-support-bot` | args {\"user\":\"admin\",\"new_password\":\"hunter2\"}"),
                run.out());
        assertEquals("PASS hallucinated-admin-password: failed (step 4: deny (not_declared) Tool not available: `update-admin-password` is not in spec.tools"
                + " of agent `customer-support-bot`)", lines.get(lines.size() - 1));

        CliRun again = CliRun.of("run", "--log", db.toString(), "../samples/seed/scenarios/hallucinated-admin-password.yaml");
        assertTrue(again.out().startsWith("run-2 "), again.out());

        CliRun export = CliRun.of("log", "--format", "jsonl", db.toString());
        assertEquals(0, export.exit());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : export.out().lines().toList()) {
            rows.add(JSON.readTree(line));
        }
        assertEquals(2 * 7, rows.size());
        JsonNode denied = rows.get(5);
        assertEquals("decision", denied.get("type").asText());
        assertEquals("update-admin-password", denied.get("subject").asText());
        assertEquals("not_declared", denied.get("strict").get("reason").asText());
        assertEquals("deny", denied.get("orloj").get("verdict").asText());
        assertEquals("refused", denied.get("outcome").asText());

        CliRun one = CliRun.of("log", "--run", "run-2", db.toString());
        assertEquals(7, one.out().lines().count());
        assertTrue(one.out().lines().allMatch(l -> l.startsWith("run-2 ")), one.out());
    }

    @Test
    void runAndLogRefuseWhatTheyCannotRead(@TempDir Path dir) throws Exception {
        CliRun notScenario = CliRun.of("run", "../samples/seed/agents/research-agent.yaml");
        assertEquals(2, notScenario.exit());
        assertEquals("gatehouse: ../samples/seed/agents/research-agent.yaml is not a scenario file (apiVersion: gatehouse.dev/v1, kind: Scenario)\n", notScenario.err());
        CliRun noLog = CliRun.of("log", dir.resolve("missing.db").toString());
        assertEquals(2, noLog.exit());
        assertEquals("gatehouse: no such audit log: " + dir.resolve("missing.db") + "\n", noLog.err());
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "not a database ".repeat(100));
        CliRun notLog = CliRun.of("log", text.toString());
        assertEquals(2, notLog.exit());
        assertTrue(notLog.err().startsWith("gatehouse: audit log " + text + ": "), notLog.err());
    }
}
