package dev.gatehouse.core.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * resources/schemas/scenario.schema.json (packed as /gatehouse/schemas/) says what {@link ScenarioReader} accepts:
 * the same field names in every part, the same values where they are a closed set, every sample valid, and the
 * documents the reader refuses for their shape refused by the schema too.
 */
class ScenarioSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Workspace SEED = SandboxFixtures.sample("seed");
    private static final JsonNode SCHEMA_TREE;
    private static final Schema SCHEMA;

    static {
        try (InputStream in = ScenarioSchemaTest.class.getResourceAsStream("/gatehouse/schemas/scenario.schema.json")) {
            if (in == null) {
                throw new AssertionError("the schema is not on the classpath under /gatehouse/schemas/");
            }
            SCHEMA_TREE = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_TREE.toString());
    }

    private static List<String> errors(String yaml) {
        try {
            return SCHEMA.validate(YAML.readTree(yaml)).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sampleScenarios() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../samples"))) {
            return files.filter(f -> f.getParent().getFileName().toString().equals("scenarios") && f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everySampleScenarioValidates() throws IOException {
        List<Path> files = sampleScenarios();
        assertTrue(files.size() >= 11, "the seed's and governed's scenarios: " + files);
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (Path f : files) {
            List<String> e = errors(Files.readString(f));
            if (!e.isEmpty()) {
                invalid.put(f.toString(), e);
            }
        }
        assertEquals(Map.of(), invalid);
    }

    /** The node at a JSON pointer into the schema, failing when it is not there. */
    private static JsonNode at(String pointer) {
        JsonNode n = SCHEMA_TREE.at(pointer);
        assertFalse(n.isMissingNode(), "no " + pointer + " in the schema");
        return n;
    }

    private static Set<String> properties(String pointer) {
        Set<String> out = new TreeSet<>();
        at(pointer).fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> values(String pointer) {
        Set<String> out = new TreeSet<>();
        at(pointer).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Each field list of the reader and where the schema lists the same names. */
    private static final Map<String, String> WHERE = Map.ofEntries(
            Map.entry("ROOT", "/properties"),
            Map.entry("METADATA", "/properties/metadata/properties"),
            Map.entry("SPEC", "/properties/spec/properties"),
            Map.entry("STUB", "/$defs/stub/properties"),
            Map.entry("OUTCOME", "/$defs/outcome/properties"),
            Map.entry("ERROR", "/$defs/error/anyOf/1/properties"),
            Map.entry("HTTP", "/$defs/stub/properties/http/properties"),
            Map.entry("PROCESS", "/$defs/stub/properties/process/properties"),
            Map.entry("STEP", "/$defs/step/properties"),
            Map.entry("CALL", "/$defs/step/properties/call/properties"),
            Map.entry("MODEL", "/$defs/step/properties/model/properties"),
            Map.entry("DATA", "/$defs/step/properties/data/properties"),
            Map.entry("RESOLVE", "/$defs/resolve/anyOf/1/properties"),
            Map.entry("EXPECT", "/$defs/finalExpectations/properties"));

    @Test
    void everyFieldTheReaderAcceptsIsInTheSchemaAndNoOther() throws IllegalAccessException {
        Set<String> lists = new TreeSet<>();
        for (Field f : ScenarioReader.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == List.class) {
                lists.add(f.getName());
            }
        }
        Set<String> covered = new TreeSet<>(WHERE.keySet());
        covered.addAll(List.of("ACTIONS", "EXECUTIONS"));
        assertEquals(covered, lists, "a field list of the reader that this test does not compare with the schema");

        Map<String, Set<String>> differ = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(WHERE).entrySet()) {
            Field f = Arrays.stream(ScenarioReader.class.getDeclaredFields()).filter(x -> x.getName().equals(e.getKey())).findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Set<String> reader = new TreeSet<>((List<String>) f.get(null));
            Set<String> schema = properties(e.getValue());
            if (!reader.equals(schema)) {
                differ.put(e.getKey() + " reader " + reader + " vs schema " + e.getValue(), schema);
            }
        }
        assertEquals(Map.of(), differ);

        Set<String> actions = new TreeSet<>();
        at("/$defs/step/oneOf").forEach(o -> o.get("required").forEach(r -> actions.add(r.asText())));
        assertEquals(new TreeSet<>(ScenarioReader.ACTIONS), actions);
        Set<String> kinds = new TreeSet<>();
        Arrays.stream(StepKind.values()).forEach(k -> kinds.add(k.wireName()));
        assertEquals(kinds, actions, "one action per step kind");
    }

    @Test
    void closedSetsOfValuesAreTheReadersOwn() {
        assertEquals(new TreeSet<>(ScenarioReader.EXECUTIONS), values("/$defs/step/properties/execution/enum"));
        Set<String> verdicts = new TreeSet<>();
        Arrays.stream(Verdict.values()).forEach(v -> verdicts.add(v.wireName()));
        assertEquals(verdicts, values("/$defs/step/properties/expect/enum"));
        assertEquals(ScenarioReader.reasonCodes(), values("/$defs/step/properties/reason/enum"));
        Set<String> outcomes = new TreeSet<>();
        Arrays.stream(RunOutcome.values()).forEach(o -> outcomes.add(o.wireName()));
        assertEquals(outcomes, values("/$defs/finalExpectations/properties/outcome/enum"));
        assertEquals(ScenarioFiles.API_VERSION, at("/properties/apiVersion/const").asText());
        assertEquals(ScenarioFiles.KIND, at("/properties/kind/const").asText());
    }

    private static final String HEAD = "apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata:\n  name: s\nspec:\n  agent: research-agent\n";

    /** Documents the reader refuses for their shape (not for a name the workspace lacks): the schema refuses them too. */
    @ParameterizedTest
    @ValueSource(strings = {
            "  agnet: x\n  steps:\n    - advance: 1s\n",
            "  steps: []\n",
            "  tools: {}\n",
            "  steps:\n    - advance: 1s\n      call: {tool: web-search}\n",
            "  steps:\n    - {}\n",
            "  steps:\n    - call: {tool: web-search}\n      expect: denied\n",
            "  steps:\n    - call: {tool: web-search}\n      reason: not_declard\n",
            "  steps:\n    - call: {tool: web-search}\n      execution: ran\n",
            "  steps:\n    - advance: 1d\n",
            "  steps:\n    - model: {model: gpt-4o}\n",
            "  steps:\n    - model: {model: gpt-4o, tokens: lots}\n",
            "  steps:\n    - call: {tool: web-search}\n      repeat: 0\n",
            "  steps:\n    - call: {tool: web-search, args: [a]}\n",
            "  steps:\n    - data: {resource: orders/1}\n",
            "  steps:\n    - approve: {tool: web-search, why: x}\n",
            "  tools:\n    web-search: {response: ok, sequence: [{response: ok}]}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {response: ok, error: bad}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {sequence: []}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {http: {status: 700}}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {process: {}}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {process: {command: []}}\n  steps:\n    - advance: 1s\n",
            "  tools:\n    web-search: {error: {message: x, retryable: maybe}}\n  steps:\n    - advance: 1s\n",
            "  steps:\n    - advance: 1s\n  expect: {outcome: done}\n",
            "  steps:\n    - advance: 1s\n  expect: {max_tokens: -1}\n",
            "  steps:\n    - advance: 1s\n  expect: {never_executed: web-search}\n",
    })
    void whatTheReaderRefusesTheSchemaRefuses(String spec) {
        ScenarioReader.Reading r = SandboxFixtures.read(SEED, HEAD + spec);
        assertTrue(r.hasErrors(), "the reader accepts " + spec);
        assertNotEquals(List.of(), errors(HEAD + spec), "the schema accepts " + spec);
    }

    @Test
    void theEnvelopeIsChecked() {
        String body = "metadata:\n  name: s\nspec:\n  agent: research-agent\n  steps:\n    - advance: 1s\n";
        for (String head : List.of("apiVersion: orloj.dev/v1\nkind: Scenario\n", "apiVersion: gatehouse.dev/v1\nkind: Agent\n",
                "apiVersion: gatehouse.dev/v1\nkind: Scenario\nstatus: {}\n", "apiVersion: gatehouse.dev/v1\nkind: Scenario\nspec2: {}\n")) {
            assertTrue(SandboxFixtures.read(SEED, head + body).hasErrors(), head);
            assertNotEquals(List.of(), errors(head + body), head);
        }
        assertNotEquals(List.of(), errors("apiVersion: gatehouse.dev/v1\nkind: Scenario\nspec:\n  agent: a\n  steps:\n    - advance: 1s\n"), "no metadata.name");
        assertNotEquals(List.of(), errors("apiVersion: gatehouse.dev/v1\nkind: Scenario\nmetadata: {name: s}\nspec:\n  steps:\n    - advance: 1s\n"), "nobody acts");
    }

    /** Forms the reader accepts that are easy to get wrong in a schema. */
    @Test
    void whatTheReaderAcceptsTheSchemaAccepts() {
        List<String> specs = List.of(
                "  steps:\n    - approve:\n    - deny: {}\n    - approve: {tool: web-search}\n",
                "  tools:\n    web-search: {sequence: [{}, {delay: .5s}, {error: {retryable: \"true\"}}]}\n  steps:\n    - advance: 0\n",
                "  tools:\n    web-search: {http: {status: \"503\", body: {a: 1}, headers: {x-id: 7}, delay: 1m30s}}\n  steps:\n    - call: {tool: web-search}\n      repeat: \"3\"\n",
                "  tools:\n    fetch-page: {process: {command: [sh, -c, \"cat\", 5]}}\n  steps:\n    - model: {model: openai-default, tokens: \"+10\"}\n      name: first turn\n",
                "  namespace: default\n  steps:\n    - data: {resource: orders/1, action: read}\n      expect: deny\n      reason: data_not_granted\n  expect: {never_executed: [fetch-page], max_tokens: 0, outcome: waiting_approval}\n");
        List<String> problems = new ArrayList<>();
        for (String spec : specs) {
            ScenarioReader.Reading r = SandboxFixtures.read(SEED, HEAD + spec);
            if (r.hasErrors()) {
                problems.add("reader: " + spec + " " + r.diagnostics());
            }
            List<String> e = errors(HEAD + spec);
            if (!e.isEmpty()) {
                problems.add("schema: " + spec + " " + e);
            }
        }
        assertEquals(List.of(), problems);
    }
}
