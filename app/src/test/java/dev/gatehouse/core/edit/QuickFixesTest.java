package dev.gatehouse.core.edit;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Fix;
import dev.gatehouse.core.parse.ManifestBinder;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.validate.ValidationResult;
import dev.gatehouse.core.validate.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuickFixesTest {
    private static final SourceId AGENT = new SourceId("agents/writer.yaml");
    private static final SourceId JSON_AGENT = new SourceId("agents/writer.json");

    private static String endpoint(String name, String namespace) {
        return "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\nspec:\n  provider: openai\n  default_model: gpt-4o\n";
    }

    /** Two endpoints in the agent's namespace (written in reverse order), one in another namespace, one `/` name Orloj would split. */
    private static final Map<String, String> ENDPOINTS = Map.of(
            "models/zeta.yaml", endpoint("zeta", "team"),
            "models/alpha.yaml", endpoint("alpha", "team"),
            "models/elsewhere.yaml", endpoint("elsewhere", "default"),
            "models/slashed.yaml", endpoint("\"team/alpha\"", "team"));

    private static final String WRITER = """
            # drafts the weekly report
            apiVersion: orloj.dev/v1
            kind: Agent
            metadata:
              name: writer
              namespace: team
            spec:
              # what it is told
              prompt: |
                Write the weekly report.
              tools:
                # the only tool
                - web-search
              limits:
                max_steps: 4
            """;

    private static ValidationResult validated(Map<String, String> files) {
        List<SourceInput> inputs = new ArrayList<>();
        files.forEach((path, text) -> inputs.add(new SourceInput(new SourceId(path), text.getBytes(StandardCharsets.UTF_8))));
        inputs.sort((a, b) -> a.id().path().compareTo(b.id().path()));
        return Validator.validate(new WorkspaceReader().read(inputs));
    }

    private static Map<String, String> with(Map<String, String> base, String path, String text) {
        Map<String, String> out = new LinkedHashMap<>(base);
        out.put(path, text);
        return out;
    }

    private static Map<SourceId, String> ids(Map<String, String> files) {
        Map<SourceId, String> out = new LinkedHashMap<>();
        files.forEach((p, t) -> out.put(new SourceId(p), t));
        return out;
    }

    /** The GH203 for the missing model_ref, with its fixes attached. */
    private static Diagnostic missingModelRef(Map<String, String> files) {
        ValidationResult fixed = QuickFixes.attach(validated(files), ids(files));
        return fixed.diagnostics().stream()
                .filter(d -> d.code() == Code.GH203 && d.message().equals(ManifestBinder.MODEL_REF_REQUIRED)).findFirst().orElseThrow();
    }

    private static String applied(SourceId file, String text, Fix fix) {
        return WorkspaceEdit.applyTo(new SourceText(file, text), List.of(new TextEdit(fix.span(), fix.replacement()))).orElseThrow();
    }

    /** The validator's findings as {@code code line:col} in one file. */
    private static List<String> findings(Map<String, String> files, SourceId file) {
        return validated(files).diagnostics().stream().filter(d -> d.span().file().equals(file))
                .map(d -> d.code() + " " + d.span().line() + ":" + d.span().column()).toList();
    }

    @Test
    void anAgentWithoutModelRefGetsOneFixPerEndpointOfItsNamespaceInNameOrder() {
        Diagnostic d = missingModelRef(with(ENDPOINTS, AGENT.path(), WRITER));

        assertEquals(List.of("write `model_ref: alpha`", "write `model_ref: zeta`"), d.fixes().stream().map(Fix::title).toList());
        assertEquals(Optional.of("name the ModelEndpoint this agent uses: `alpha`, `zeta`"), d.help());
    }

    @Test
    void theFixWritesModelRefFirstUnderSpecAboveItsCommentsAndKeepsEveryOtherByte() {
        Map<String, String> files = with(ENDPOINTS, AGENT.path(), WRITER);
        Fix zeta = missingModelRef(files).fixes().get(1);

        String after = applied(AGENT, WRITER, zeta);

        assertEquals("""
                # drafts the weekly report
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: writer
                  namespace: team
                spec:
                  model_ref: zeta
                  # what it is told
                  prompt: |
                    Write the weekly report.
                  tools:
                    # the only tool
                    - web-search
                  limits:
                    max_steps: 4
                """, after);
        assertEquals(List.of("GH203 9:3", "GH302 13:7"), findings(files, AGENT));
        // The missing model_ref goes; the unknown tool stays, a line further down; no reading difference comes.
        assertEquals(List.of("GH302 14:7"), findings(with(files, AGENT.path(), after), AGENT));
    }

    @Test
    void anEmptyModelRefIsGivenTheNameInPlaceInItsQuoting() {
        String empty = WRITER.replace("  # what it is told\n", "  model_ref:\n");
        String quoted = WRITER.replace("  # what it is told\n", "  model_ref: \"\"\n");
        Map<String, String> files = with(ENDPOINTS, AGENT.path(), empty);
        Map<String, String> quotedFiles = with(ENDPOINTS, AGENT.path(), quoted);

        String after = applied(AGENT, empty, missingModelRef(files).fixes().get(0));
        String quotedAfter = applied(AGENT, quoted, missingModelRef(quotedFiles).fixes().get(0));

        assertEquals(WRITER.replace("  # what it is told\n", "  model_ref: alpha\n"), after);
        assertEquals(WRITER.replace("  # what it is told\n", "  model_ref: \"alpha\"\n"), quotedAfter);
        assertEquals(List.of("GH302 13:7"), findings(with(files, AGENT.path(), after), AGENT));
        assertEquals(List.of("GH302 13:7"), findings(with(files, AGENT.path(), quotedAfter), AGENT));
    }

    @Test
    void aJsonAgentGetsTheKeyAfterItsLastSpecKeyInItsLayout() {
        String json = """
                {
                  "apiVersion": "orloj.dev/v1",
                  "kind": "Agent",
                  "metadata": {"name": "writer", "namespace": "team"},
                  "spec": {
                    "prompt": "Write the weekly report.",
                    "tools": ["web-search"]
                  }
                }
                """;
        Map<String, String> files = with(ENDPOINTS, JSON_AGENT.path(), json);
        Diagnostic d = missingModelRef(files);

        String after = applied(JSON_AGENT, json, d.fixes().get(0));

        assertEquals(json.replace("\"tools\": [\"web-search\"]\n", "\"tools\": [\"web-search\"],\n    \"model_ref\": \"alpha\"\n"), after);
        assertEquals(List.of("write `model_ref: alpha`", "write `model_ref: zeta`"), d.fixes().stream().map(Fix::title).toList());
        assertEquals(List.of("GH203 5:11", "GH302 7:15"), findings(files, JSON_AGENT));
        assertEquals(List.of("GH302 7:15"), findings(with(files, JSON_AGENT.path(), after), JSON_AGENT));
    }

    @Test
    void withNoEndpointInItsNamespaceThereIsNoFixAndTheHintSaysSo() {
        Map<String, String> files = Map.of(AGENT.path(), WRITER, "models/elsewhere.yaml", endpoint("elsewhere", "default"));

        Diagnostic d = missingModelRef(files);

        assertEquals(List.of(), d.fixes());
        assertEquals(Optional.of("namespace `team` has no ModelEndpoint this agent can name: create one, then name it in `spec.model_ref`"), d.help());
    }

    @Test
    void aSeedAgentWithSpecModelStillNeedsModelRefAndKeepsItsSeedModel() {
        // ORLOJ.md §2.1: spec.model is removed and model_ref is required all the same; gatehouse reads model as a seed form.
        String seed = WRITER.replace("  # what it is told\n", "  model: gpt-4o\n");
        Map<String, String> files = with(ENDPOINTS, AGENT.path(), seed);

        String after = applied(AGENT, seed, missingModelRef(files).fixes().get(0));

        assertEquals(WRITER.replace("  # what it is told\n", "  model_ref: alpha\n  model: gpt-4o\n"), after);
        assertEquals(List.of("GH209 9:3"), findings(with(files, AGENT.path(), after), AGENT).stream()
                .filter(f -> f.startsWith("GH203") || f.startsWith("GH209")).toList());
    }

    @Test
    void anAgentWithoutSpecGetsASpecHoldingModelRef() {
        String bare = "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: writer\n  namespace: team\n";
        Map<String, String> files = with(ENDPOINTS, AGENT.path(), bare);

        String after = applied(AGENT, bare, missingModelRef(files).fixes().get(0));

        assertEquals(bare + "spec:\n  model_ref: alpha\n", after);
        assertEquals(List.of(), findings(with(files, AGENT.path(), after), AGENT).stream().filter(f -> f.startsWith("GH203")).toList());
    }

    @Test
    void theFixesAreComputedOnTheTextsGivenAndAFileWithoutTextGetsNone() {
        Map<String, String> files = with(ENDPOINTS, AGENT.path(), WRITER);
        ValidationResult result = validated(files);

        ValidationResult fixed = QuickFixes.attach(result, Map.of());

        assertEquals(result, fixed);
    }
}
