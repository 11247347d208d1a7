package dev.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"seed", "governed", "mistakes"})
    void samplesValidateAsRecorded(String sample) throws Exception {
        CliRun text = CliRun.of("validate", "../samples/" + sample);
        Golden.assertMatches("validate/" + sample + ".txt", text.out());
        CliRun json = CliRun.of("validate", "--format", "json", "../samples/" + sample);
        Golden.assertMatches("validate/" + sample + ".json", json.out());
        assertEquals(sample.equals("mistakes") ? 1 : 0, text.exit());
        assertEquals(text.exit(), json.exit());
        assertEquals("", text.err());
    }

    @Test
    void governedSampleValidatesCleanAndShowsEachExposureOnce() throws Exception {
        CliRun run = CliRun.of("validate", "--format", "json", "../samples/governed");
        JsonNode root = JSON.readTree(run.out());
        List<String> exposures = new ArrayList<>();
        for (JsonNode d : root.get("diagnostics")) {
            assertEquals("warning", d.get("severity").asText(), d.toString());
            exposures.add(d.get("exposure").asText());
        }
        assertEquals(List.of("F1", "F27", "F7", "F9", "F8", "F14"), exposures);
        assertEquals(0, run.exit());
    }

    @Test
    void everyFileReadIsListedEvenOneThatFailedToParse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.yaml"), "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: r\nspec:\n  permissions:\n    - tool:x:invoke\n");
        Files.writeString(dir.resolve("bad.yaml"), "kind: [\n");
        CliRun run = CliRun.of("validate", "--format", "json", dir.toString());
        JsonNode files = JSON.readTree(run.out()).get("files");
        assertEquals(2, files.size());
        assertTrue(files.get(0).get("path").asText().endsWith("bad.yaml"));
        assertEquals(0, files.get(0).get("resources").size());
        assertEquals("AgentRole", files.get(1).get("resources").get(0).get("kind").asText());
        assertEquals(4, files.get(1).get("resources").get(0).get("line").asInt() + 3);
        assertEquals(1, run.exit());
    }

    @Test
    void textFormatIsOneLinePerFindingThenASummary(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: t\nspec:\n  risk_level: extreme\n");
        CliRun run = CliRun.of("validate", dir.resolve("a.yaml").toString());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].matches(".*a\\.yaml:6:15: error GH204: invalid `risk_level` value `extreme`: expected low, medium, high or critical"), lines[0]);
        assertEquals("1 file, 1 resource: 1 error, 0 warnings, 0 info", lines[lines.length - 1]);
        assertEquals(1, run.exit());
    }

    @Test
    void aPathThatDoesNotExistIsAUsageErrorWithOneLine() {
        CliRun run = CliRun.of("validate", "no/such/dir");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("gatehouse: no such file or directory: no/such/dir"), run.err());
    }

    @Test
    void anUnknownOptionOrFormatIsAUsageError() {
        assertEquals(2, CliRun.of("validate", "--format", "xml", "../samples/seed").exit());
        assertEquals(2, CliRun.of("validate", "--frobnicate", "../samples/seed").exit());
        assertEquals(2, CliRun.of("validate").exit());
        assertEquals(2, CliRun.of("no-such-command").exit());
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.exit());
        assertEquals("gatehouse " + GatehouseCommand.VERSION, v.out().strip());
        assertEquals(0, CliRun.of("validate", "--help").exit());
        assertTrue(CliRun.of("validate", "--help").out().contains("--format"));
        assertEquals(0, CliRun.of("validate", "--version").exit());
    }

    @Test
    void sarifIsVersion210WithRuleIdsAndPhysicalLocations() throws Exception {
        CliRun run = CliRun.of("validate", "--format", "sarif", "../samples/mistakes");
        JsonNode root = JSON.readTree(run.out());
        assertEquals("2.1.0", root.get("version").asText());
        JsonNode runNode = root.get("runs").get(0);
        assertEquals("gatehouse", runNode.get("tool").get("driver").get("name").asText());
        List<String> ruleIds = new ArrayList<>();
        runNode.get("tool").get("driver").get("rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        for (JsonNode r : runNode.get("results")) {
            assertTrue(ruleIds.contains(r.get("ruleId").asText()));
            JsonNode region = r.get("locations").get(0).get("physicalLocation").get("region");
            assertTrue(region.get("startLine").asInt() >= 1);
            assertTrue(region.get("startColumn").asInt() >= 1);
            assertTrue(r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText().startsWith("../samples/mistakes/"));
        }
        assertEquals(1, run.exit());
    }

    @Test
    void theDocsCodeTableIsTheGeneratedOne() throws Exception {
        assertEquals(Files.readString(Path.of("../docs/diagnostics.md")), CliRun.of("codes").out(),
                "regenerate with: java -jar app/target/gatehouse.jar codes > docs/diagnostics.md");
    }

    @Test
    void codesTableListsEveryCode() {
        CliRun run = CliRun.of("codes");
        for (dev.gatehouse.core.diag.Code c : dev.gatehouse.core.diag.Code.values()) {
            assertTrue(run.out().contains("| " + c.name() + " |"), c.name());
        }
    }
}
