package dev.gatehouse.core.edit;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonEditsTest {
    static final SourceId FILE = new SourceId("agents/a.json");
    static final String TEXT = """
            {
              "apiVersion": "orloj.dev/v1",
              "kind": "Agent",
              "metadata": {"name": "a"},
              "spec": {
                "model_ref": "m",
                "roles": ["r1", "r2"],
                "tools": [
                  "web-search",
                  "kb"
                ],
                "allowed_tools": []
              }
            }
            """;

    static String apply(String text, Optional<TextEdit> edit) {
        return WorkspaceEdit.applyTo(new SourceText(FILE, text), List.of(edit.orElseThrow(() -> new AssertionError("no edit")))).orElseThrow();
    }

    static ManifestEdits edits(String text) {
        return ManifestEdits.of(FILE, text).orElseThrow();
    }

    static Agent agent(String text) {
        Map<SourceId, String> files = new LinkedHashMap<>(YamlEditsTest.base());
        files.remove(YamlEditsTest.AGENT);
        files.put(FILE, text);
        return YamlEditsTest.read(files).all(Agent.class).get(0);
    }

    static List<String> values(List<Located<String>> l) {
        return l.stream().map(Located::value).toList();
    }

    @Test
    void anItemFollowsTheLayoutOfItsList() {
        String lines = apply(TEXT, edits(TEXT).addItem(List.of("spec", "tools"), "db/query"));
        String inline = apply(TEXT, edits(TEXT).addItem(List.of("spec", "roles"), "r3"));
        String empty = apply(TEXT, edits(TEXT).addItem(List.of("spec", "allowed_tools"), "kb"));

        assertEquals(TEXT.replace("      \"kb\"\n", "      \"kb\",\n      \"db/query\"\n"), lines);
        assertEquals(TEXT.replace("[\"r1\", \"r2\"]", "[\"r1\", \"r2\", \"r3\"]"), inline);
        assertEquals(TEXT.replace("\"allowed_tools\": []", "\"allowed_tools\": [\"kb\"]"), empty);
        assertEquals(List.of("web-search", "kb", "db/query"), values(agent(lines).tools()));
        assertEquals(Optional.of(List.of("kb")), agent(empty).allowedTools().map(JsonEditsTest::values));
    }

    @Test
    void aFirstFieldGoesLastAndMissingObjectsAreCreatedInline() {
        String noModel = TEXT.replace("    \"model_ref\": \"m\",\n", "");
        String noSpec = "{\"apiVersion\": \"orloj.dev/v1\", \"kind\": \"Agent\", \"metadata\": {\"name\": \"a\"}}\n";

        String out = apply(noModel, edits(noModel).addFirstField(List.of("spec"), "model_ref", "m"));
        String created = apply(noSpec, edits(noSpec).addFirstField(List.of("spec"), "model_ref", "m"));

        assertEquals(noModel.replace("    \"allowed_tools\": []\n", "    \"allowed_tools\": [],\n    \"model_ref\": \"m\"\n"), out);
        assertEquals(noSpec.replace("}}", "}, \"spec\": {\"model_ref\": \"m\"}}"), created);
        assertEquals(Optional.of("m"), agent(created).modelRef().map(Located::value));
        assertEquals(Optional.empty(), edits(TEXT).addFirstField(List.of("spec"), "model_ref", "other"));
    }

    @Test
    void aMissingListIsAddedAfterTheLastFieldAtItsIndentation() {
        String out = apply(TEXT, edits(TEXT).addItem(List.of("spec", "models"), "gpt-4o"));

        assertEquals(TEXT.replace("    \"allowed_tools\": []\n", "    \"allowed_tools\": [],\n    \"models\": [\"gpt-4o\"]\n"), out);
        assertEquals(List.of("gpt-4o"), values(agent(out).seedModels()));
    }

    @Test
    void removingAnItemTakesItsCommaAndTheLastItemLeavesAnEmptyList() {
        String first = apply(TEXT, edits(TEXT).removeItem(List.of("spec", "tools"), "web-search"));
        String last = apply(TEXT, edits(TEXT).removeItem(List.of("spec", "roles"), "r2"));
        String only = apply(last, edits(last).removeItem(List.of("spec", "roles"), "r1"));

        assertEquals(TEXT.replace("      \"web-search\",\n", ""), first);
        assertEquals(TEXT.replace("[\"r1\", \"r2\"]", "[\"r1\"]"), last);
        assertEquals(TEXT.replace("[\"r1\", \"r2\"]", "[]"), only);
        assertEquals(List.of(), agent(only).roles());
    }

    @Test
    void scalarsFieldsAndMapItemsAreWrittenAsJson() {
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("effect", "allow");
        rule.put("resource", "say \"hi\"");

        assertEquals(TEXT.replace("\"model_ref\": \"m\"", "\"model_ref\": \"n\""), apply(TEXT, edits(TEXT).setScalar(List.of("spec", "model_ref"), "n")));
        assertEquals(TEXT.replace("{\"name\": \"a\"}", "{\"name\": \"a\", \"namespace\": \"x\"}"),
                apply(TEXT, edits(TEXT).addField(List.of("metadata"), "namespace", "x")));
        assertEquals(TEXT.replace("    \"allowed_tools\": []\n", "    \"allowed_tools\": [],\n    \"policies\": [{\"effect\": \"allow\", \"resource\": \"say \\\"hi\\\"\"}]\n"),
                apply(TEXT, edits(TEXT).addMapItem(List.of("spec", "policies"), rule)));
        assertEquals(TEXT.replace("    \"model_ref\": \"m\",\n", ""), apply(TEXT, edits(TEXT).removeField(List.of("spec", "model_ref"))));
        assertEquals(TEXT.replace(",\n    \"allowed_tools\": []", ""), apply(TEXT, edits(TEXT).removeField(List.of("spec", "allowed_tools"))));
    }
}
