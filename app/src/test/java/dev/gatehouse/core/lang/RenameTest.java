package dev.gatehouse.core.lang;

import dev.gatehouse.core.edit.TextEdit;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.sandbox.ScenarioReader;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.gatehouse.core.lang.NavigationTest.SMALL;
import static dev.gatehouse.core.lang.NavigationTest.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RenameTest {
    private static Map<SourceId, String> applied(Texts texts, RenameResult result) {
        WorkspaceEdit edit = ((RenameResult.Renamed) result).edit();
        return edit.apply(texts.files()).orElseThrow();
    }

    @Test
    void renamingARoleInTheGovernedSampleEditsTheRoleAndEveryAgentNamingIt() {
        Texts governed = Texts.sample("governed");
        RenameResult result = governed.service().rename(governed.caret("roles/support-reader.yaml", "support-reader"), "support-viewer");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename AgentRole `support-reader` to `support-viewer`", List.of(
                new TextEdit(span("roles/support-reader.yaml", 4, 9, 23), "support-viewer"),
                new TextEdit(span("agents/support-agent.yaml", 15, 7, 21), "support-viewer"),
                new TextEdit(span("agents/triage-agent.json", 15, 8, 22), "support-viewer"))), List.of()), result);
        Texts renamed = governed.with(applied(governed, result));
        assertEquals("    - support-viewer", renamed.text("agents/support-agent.yaml").lines().toList().get(14));
        assertEquals("      \"support-viewer\"", renamed.text("agents/triage-agent.json").lines().toList().get(14));
        assertEquals(governed.findings(), renamed.findings());
    }

    @Test
    void renamingFromAReferenceRenamesTheResourceItNames() {
        Texts governed = Texts.sample("governed");
        RenameResult fromDefinition = governed.service().rename(governed.caret("roles/support-reader.yaml", "support-reader"), "support-viewer");

        assertEquals(fromDefinition, governed.service().rename(governed.caret("agents/triage-agent.json", "support-reader", 1, 4), "support-viewer"));
    }

    @Test
    void renamingASystemReachesTasksAndPoliciesAndKeepsTheFindings() {
        Texts governed = Texts.sample("governed");
        RenameResult result = governed.service().rename(governed.caret("tasks/ticket-48213.yaml", "customer-ops-system"), "custops-desk");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename AgentSystem `customer-ops-system` to `custops-desk`", List.of(
                new TextEdit(span("systems/customer-ops-system.yaml", 4, 9, 28), "custops-desk"),
                new TextEdit(span("policies/customer-ops-guardrails.yaml", 9, 7, 26), "custops-desk"),
                new TextEdit(span("tasks/ticket-48213.yaml", 7, 11, 30), "custops-desk"))), List.of()), result);
        assertEquals(governed.findings(), governed.with(applied(governed, result)).findings());
    }

    @Test
    void eachReferenceKeepsItsQuotingStyle() {
        Texts texts = SMALL.with(Map.of(new SourceId("agents/other.yaml"), """
                apiVersion: orloj.dev/v1
                kind: Agent
                metadata:
                  name: other
                  namespace: team
                spec:
                  model_ref: "shared/gpt"
                  roles:
                    - "edit\\x6fr"
                """));
        RenameResult result = texts.service().rename(texts.caret("agents/writer.yaml", "editor"), "author");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename AgentRole `editor` to `author`", List.of(
                new TextEdit(span("roles/editor.yaml", 4, 9, 15), "author"),
                new TextEdit(span("agents/other.yaml", 9, 7, 18), "\"author\""),
                new TextEdit(span("agents/writer.yaml", 11, 8, 14), "author"))), List.of()), result);
        Map<SourceId, String> out = applied(texts, result);
        assertEquals("    - 'author'", out.get(new SourceId("agents/writer.yaml")).lines().toList().get(10));
        assertEquals("    - \"author\"", out.get(new SourceId("agents/other.yaml")).lines().toList().get(8));
    }

    @Test
    void aQualifiedReferenceKeepsItsNamespace() {
        RenameResult result = SMALL.service().rename(SMALL.caret("models/gpt.yaml", "gpt"), "gpt-main");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename ModelEndpoint `gpt` to `gpt-main`", List.of(
                new TextEdit(span("models/gpt.yaml", 4, 9, 12), "gpt-main"),
                new TextEdit(span("agents/writer.yaml", 7, 22, 25), "gpt-main"))), List.of()), result);
        assertEquals("  model_ref: \"shared/gpt-main\"", applied(SMALL, result).get(new SourceId("agents/writer.yaml")).lines().toList().get(6));
    }

    @Test
    void renamingAToolWritesOutADefaultedToolRefAndNotesPermissionStrings() {
        Texts texts = SMALL.with(Map.of(new SourceId("permissions/search.yaml"), """
                apiVersion: orloj.dev/v1
                kind: ToolPermission
                metadata:
                  name: search
                  namespace: team
                spec:
                  required_permissions:
                    - tool:search:invoke
                """));
        RenameResult result = texts.service().rename(texts.caret("tools/search.yaml", "search"), "lookup");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename Tool `search` to `lookup`", List.of(
                new TextEdit(span("tools/search.yaml", 4, 9, 15), "lookup"),
                new TextEdit(span("agents/writer.yaml", 9, 7, 13), "lookup"),
                new TextEdit(span("permissions/search-rule.yaml", 7, 13, 19), "lookup"),
                new TextEdit(span("policies/guard.yaml", 9, 7, 13), "lookup"),
                new TextEdit(span("permissions/search.yaml", 6, 6, 6), "\n  tool_ref: lookup"))), List.of(
                new RenameResult.Note(span("permissions/search.yaml", 8, 7, 25),
                        "permission `tool:search:invoke` is not renamed: it is a permission string, not a name; `tool:lookup:invoke` would grant the renamed tool"),
                new RenameResult.Note(span("roles/editor.yaml", 8, 7, 25),
                        "permission `tool:search:invoke` is not renamed: it is a permission string, not a name; `tool:lookup:invoke` would grant the renamed tool"))),
                result);
        Texts renamed = texts.with(applied(texts, result));
        assertEquals("spec:\n  tool_ref: lookup\n  required_permissions:\n    - tool:search:invoke\n",
                renamed.text("permissions/search.yaml").substring(renamed.text("permissions/search.yaml").indexOf("spec:")));
        assertEquals(texts.findings(), renamed.findings());
    }

    @Test
    void aReferenceThatWouldStartNamingTheRenamedResourceIsNoted() {
        Texts texts = SMALL.with(Map.of(new SourceId("agents/writer.yaml"), SMALL.text("agents/writer.yaml") + "    - reviewer\n"));
        RenameResult result = texts.service().rename(texts.caret("roles/editor.yaml", "editor"), "reviewer");

        assertEquals(List.of(new RenameResult.Note(span("agents/writer.yaml", 12, 7, 15),
                "`spec.roles` entry `reviewer` will name the renamed AgentRole `team/reviewer`")), ((RenameResult.Renamed) result).notes());
    }

    @ParameterizedTest(name = "`{0}`")
    @CsvSource(delimiter = '|', textBlock = """
            ''          | a name cannot be empty
            bad name    | `bad name` is not a valid name: use letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit, at most 253 characters
            team/editor | `team/editor` is not a valid name: use letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit, at most 253 characters
            -editor     | `-editor` is not a valid name: use letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit, at most 253 characters
            yes         | `yes` is not a valid name: a yaml 1.1 reader reads it as a boolean
            null        | `null` is not a valid name: a yaml reader reads it as null
            1e3         | `1e3` is not a valid name: a yaml reader reads it as a number
            editor      | AgentRole `team/editor` is already named `editor`
            """)
    void anInvalidNameIsRefusedWithTheReason(String name, String reason) {
        assertEquals(new RenameResult.Refused(reason), SMALL.service().rename(SMALL.caret("roles/editor.yaml", "editor"), name == null ? "" : name));
    }

    @Test
    void aNameTakenInTheNamespaceIsRefusedIgnoringCase() {
        Texts texts = SMALL.with(Map.of(new SourceId("roles/reviewer.yaml"),
                SMALL.text("roles/editor.yaml").replace("name: editor", "name: reviewer")));
        LanguageService ls = texts.service();

        assertEquals(new RenameResult.Refused("name `reviewer` is taken by AgentRole `team/reviewer`"),
                ls.rename(texts.caret("roles/editor.yaml", "editor"), "reviewer"));
        assertEquals(new RenameResult.Refused("name `Reviewer` is taken by AgentRole `team/reviewer`, and some references match names ignoring case"),
                ls.rename(texts.caret("roles/editor.yaml", "editor"), "Reviewer"));
    }

    @Test
    void aNameUsedInAnotherNamespaceIsFree() {
        RenameResult result = SMALL.service().rename(SMALL.caret("policies/guard.yaml", "guard"), "search-rule");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename AgentPolicy `guard` to `search-rule`",
                List.of(new TextEdit(span("policies/guard.yaml", 4, 9, 14), "search-rule"))), List.of()), result);
    }

    @Test
    void whatCannotBeRenamedExactlyIsRefused() {
        Texts twoSearches = SMALL.with(Map.of(new SourceId("tools/lab-search.yaml"),
                SMALL.text("tools/search.yaml").replace("namespace: team", "namespace: lab")));
        Texts dangling = SMALL.with(Map.of(new SourceId("agents/writer.yaml"), SMALL.text("agents/writer.yaml").replace("- search", "- serch")));

        assertEquals(new RenameResult.Refused("`spec.blocked_tools` entry `Search` at policies/guard.yaml:9:7 also names Tool `lab/search`: "
                        + "renaming it would change what it names"),
                twoSearches.service().rename(twoSearches.caret("tools/search.yaml", "search"), "lookup"));
        assertEquals(new RenameResult.Refused("`Search` names 2 resources (Tool `lab/search`, Tool `team/search`): renaming one changes what it names"),
                twoSearches.service().rename(twoSearches.caret("policies/guard.yaml", "Search"), "lookup"));
        assertEquals(new RenameResult.Refused("`serch` names no Tool in namespace `team`: there is nothing to rename"),
                dangling.service().rename(dangling.caret("agents/writer.yaml", "serch"), "lookup"));
        assertEquals(new RenameResult.Refused("`GPT-4o` is a model id, not a resource name: change the endpoint's `default_model` and the "
                        + "`allowed_models` entries by hand"),
                SMALL.service().rename(SMALL.caret("policies/guard.yaml", "GPT-4o"), "gpt-5"));
        assertEquals(new RenameResult.Refused("no resource name at agents/writer.yaml:8:3"),
                SMALL.service().rename(SMALL.caret("agents/writer.yaml", "tools:"), "x"));
    }

    @Test
    void aRepeatedRoleThatTheReaderDropsIsRenamedToo() {
        Texts texts = SMALL.with(Map.of(new SourceId("agents/writer.yaml"), SMALL.text("agents/writer.yaml") + "    - editor\n"));
        RenameResult result = texts.service().rename(texts.caret("roles/editor.yaml", "editor"), "author");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename AgentRole `editor` to `author`", List.of(
                new TextEdit(span("roles/editor.yaml", 4, 9, 15), "author"),
                new TextEdit(span("agents/writer.yaml", 11, 8, 14), "author"),
                new TextEdit(span("agents/writer.yaml", 12, 7, 13), "author"))), List.of()), result);
        assertEquals(texts.findings(), texts.with(applied(texts, result)).findings());
    }

    @Test
    void aRenameThatWouldLiftASeedDenyIsRefused() {
        Texts seed = Texts.sample("seed");
        LanguageService ls = seed.service();
        Caret tool = seed.caret("tools/payment-api.yaml", "payment-api");

        assertEquals(new RenameResult.Refused("seed policy `deny payment-*` of agent `customer-support-bot` matches `payment-api` "
                + "but not `charge-api`: the rename would lift the deny"), ls.rename(tool, "charge-api"));
        RenameResult kept = ls.rename(tool, "payment-gateway");
        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename Tool `payment-api` to `payment-gateway`", List.of(
                new TextEdit(span("tools/payment-api.yaml", 4, 9, 20), "payment-gateway"),
                new TextEdit(span("agents/customer-support-bot.yaml", 34, 7, 18), "payment-gateway"),
                new TextEdit(span("tool-permissions/payment-api.yaml", 7, 13, 24), "payment-gateway"))), List.of(
                new RenameResult.Note(span("tool-permissions/payment-api.yaml", 12, 7, 30), "permission `tool:payment-api:invoke` is not renamed: "
                        + "it is a permission string, not a name; `tool:payment-gateway:invoke` would grant the renamed tool"))), kept);
        assertEquals(seed.findings(), seed.with(applied(seed, kept)).findings());
    }

    @Test
    void renamingAToolPermissionWithoutToolRefKeepsItOnItsTool() {
        Texts texts = SMALL.with(Map.of(new SourceId("permissions/search.yaml"), """
                apiVersion: orloj.dev/v1
                kind: ToolPermission
                metadata:
                  name: search
                  namespace: team
                spec:
                    required_permissions:
                      - tool:search:invoke
                """));
        RenameResult result = texts.service().rename(texts.caret("permissions/search.yaml", "search"), "search-invoke");

        assertEquals(new RenameResult.Renamed(new WorkspaceEdit("rename ToolPermission `search` to `search-invoke`", List.of(
                new TextEdit(span("permissions/search.yaml", 4, 9, 15), "search-invoke"),
                new TextEdit(span("permissions/search.yaml", 6, 6, 6), "\n    tool_ref: search"))), List.of()), result);
        assertEquals(texts.findings(), texts.with(applied(texts, result)).findings());
    }

    @Test
    void aToolPermissionWithoutASpecBlockLineIsNotMovedSilently() {
        Texts texts = SMALL.with(Map.of(new SourceId("permissions/search.json"), """
                {"apiVersion": "orloj.dev/v1", "kind": "ToolPermission",
                 "metadata": {"name": "search", "namespace": "team"}, "spec": {"required_permissions": ["tool:search:invoke"]}}
                """));

        assertEquals(new RenameResult.Refused("ToolPermission `search` governs `search` by its own name and has no `spec:` block to write "
                        + "`tool_ref` in: add `tool_ref: search` to it first"),
                texts.service().rename(texts.caret("permissions/search.json", "search"), "search-invoke"));
        assertEquals(new RenameResult.Refused("ToolPermission `search` governs `search` by its own name and has no `spec:` block to write "
                        + "`tool_ref` in: add `tool_ref: search` to it first"),
                texts.service().rename(texts.caret("tools/search.yaml", "search"), "lookup"));
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    /** A scenario of namespace team naming the writer, the search tool and the shared gpt endpoint in every field that can. */
    private static final String SCENARIO = """
            # writer looks things up; search is stubbed
            apiVersion: gatehouse.dev/v1
            kind: Scenario
            metadata:
              name: writer-searches
              description: writer calls search
            spec:
              namespace: team
              agent: writer
              tools:
                "search":
                  response: {hits: 3}
              steps:
                - call: {tool: 'search', args: {q: search}}
                  expect: allow
                - agent: writer
                  approve:
                    tool: search   # the one waiting
                - deny: {tool: search}
                - model: {model: gpt, tokens: 10}
              expect:
                never_executed: [search]
            """;

    /** The same names in namespace default, where they name nothing of SMALL's. */
    private static final String ELSEWHERE = """
            {"apiVersion": "gatehouse.dev/v1", "kind": "Scenario", "metadata": {"name": "elsewhere"},
             "spec": {"agent": "writer", "steps": [{"call": {"tool": "search"}}]}}
            """;

    private static Texts withScenarios() {
        return SMALL.with(Map.of(new SourceId("scenarios/writer-searches.yaml"), SCENARIO, new SourceId("scenarios/elsewhere.json"), ELSEWHERE));
    }

    @Test
    void renamingAToolRewritesEveryScenarioFieldNamingIt() {
        Texts texts = withScenarios();
        RenameResult result = texts.service().rename(texts.caret("tools/search.yaml", "search"), "lookup");

        Map<SourceId, String> out = applied(texts, result);
        assertEquals("""
                # writer looks things up; search is stubbed
                apiVersion: gatehouse.dev/v1
                kind: Scenario
                metadata:
                  name: writer-searches
                  description: writer calls search
                spec:
                  namespace: team
                  agent: writer
                  tools:
                    "lookup":
                      response: {hits: 3}
                  steps:
                    - call: {tool: 'lookup', args: {q: search}}
                      expect: allow
                    - agent: writer
                      approve:
                        tool: lookup   # the one waiting
                    - deny: {tool: lookup}
                    - model: {model: gpt, tokens: 10}
                  expect:
                    never_executed: [lookup]
                """, out.get(new SourceId("scenarios/writer-searches.yaml")));
        assertEquals(false, out.containsKey(new SourceId("scenarios/elsewhere.json")), "namespace default has no tool search");
        assertEquals(texts.findings(), texts.with(out).findings());
    }

    @Test
    void renamingAnAgentOrAnEndpointRewritesOnlyTheFieldsNamingThatKind() {
        Texts texts = withScenarios().with(Map.of(new SourceId("models/team-gpt.yaml"),
                SMALL.text("models/gpt.yaml").replace("namespace: shared", "namespace: team")));
        LanguageService ls = texts.service();

        Map<SourceId, String> agent = applied(texts, ls.rename(texts.caret("agents/writer.yaml", "writer"), "author"));
        Map<SourceId, String> model = applied(texts, ls.rename(texts.caret("models/team-gpt.yaml", "gpt"), "gpt-main"));

        assertEquals(SCENARIO.replace("  agent: writer\n", "  agent: author\n").replace("- agent: writer\n", "- agent: author\n"),
                agent.get(new SourceId("scenarios/writer-searches.yaml")));
        assertEquals(SCENARIO.replace("{model: gpt,", "{model: gpt-main,"), model.get(new SourceId("scenarios/writer-searches.yaml")));
        assertEquals(false, agent.containsKey(new SourceId("scenarios/elsewhere.json")));
    }

    @Test
    void aJsonScenarioKeepsItsQuotes() {
        String team = ELSEWHERE.replace("{\"agent\": \"writer\",", "{\"namespace\": \"team\", \"agent\": \"writer\",");
        Texts texts = SMALL.with(Map.of(new SourceId("scenarios/elsewhere.json"), team));
        RenameResult result = texts.service().rename(texts.caret("tools/search.yaml", "search"), "lookup");

        assertEquals(team.replace("{\"tool\": \"search\"}", "{\"tool\": \"lookup\"}"),
                applied(texts, result).get(new SourceId("scenarios/elsewhere.json")));
    }

    @Test
    void aScenarioFileThatCannotBeReadIsLeftAsWrittenAndTheRenameSaysSo() {
        String broken = SCENARIO.replace("  agent: writer\n", "  agent: [writer\n");
        Texts texts = SMALL.with(Map.of(new SourceId("scenarios/broken.yaml"), broken,
                new SourceId("scenarios/unrelated.yaml"), "apiVersion: gatehouse.dev/v1\nkind: Scenario\nspec: [\n"));
        RenameResult result = texts.service().rename(texts.caret("tools/search.yaml", "search"), "lookup");

        List<RenameResult.Note> notes = ((RenameResult.Renamed) result).notes().stream()
                .filter(n -> n.span().file().path().startsWith("scenarios/")).toList();
        assertEquals(List.of(new RenameResult.Note(span("scenarios/broken.yaml", 1, 1, 1),
                "scenario file `scenarios/broken.yaml` cannot be read and is left as written: rename `search` in it by hand where it names the Tool")), notes);
        assertEquals(List.of(), ((RenameResult.Renamed) result).edit().files().stream().filter(f -> f.path().startsWith("scenarios/")).toList());
    }

    @Test
    void aScenarioEntryNamingTheNewNameIsNotedAndTwoStubsOfOneToolAreRefused() {
        Texts calling = SMALL.with(Map.of(new SourceId("scenarios/s.yaml"), SCENARIO.replace("- deny: {tool: search}", "- deny: {tool: lookup}")));
        Texts stubbing = SMALL.with(Map.of(new SourceId("scenarios/s.yaml"),
                SCENARIO.replace("  tools:\n", "  tools:\n    lookup:\n      response: {}\n")));

        RenameResult noted = calling.service().rename(calling.caret("tools/search.yaml", "search"), "lookup");
        RenameResult refused = stubbing.service().rename(stubbing.caret("tools/search.yaml", "search"), "lookup");

        assertEquals(List.of(new RenameResult.Note(span("scenarios/s.yaml", 19, 20, 26),
                "scenario `spec.steps[2].deny.tool` entry `lookup` will name the renamed Tool `team/lookup`")),
                ((RenameResult.Renamed) noted).notes().stream().filter(n -> n.span().file().path().startsWith("scenarios/")).toList());
        assertEquals(new RenameResult.Refused("scenario file `scenarios/s.yaml` stubs both `search` and `lookup` in `spec.tools`: "
                + "the rename would give it two stubs of one tool"), refused);
    }

    @Test
    void renamingAToolInTheGovernedSampleRewritesItsScenariosWhichStillRead() {
        Texts governed = Texts.sampleWithScenarios("governed");
        RenameResult result = governed.service().rename(governed.caret("tools/kb-search.yaml", "kb-search"), "knowledge-search");

        Texts renamed = governed.with(applied(governed, result));
        String faq = governed.text("scenarios/faq-agent-without-roles.yaml");
        assertEquals(faq.replace("    kb-search:\n", "    knowledge-search:\n").replace("tool: kb-search\n", "tool: knowledge-search\n")
                .replace("      - kb-search\n", "      - knowledge-search\n"), renamed.text("scenarios/faq-agent-without-roles.yaml"));
        assertEquals(true, faq.startsWith("# faq-agent has no roles and kb-search"), "a comment is not a name");
        for (String scenario : List.of("scenarios/faq-agent-without-roles.yaml", "scenarios/ticket-48213.yaml")) {
            ScenarioReader.Reading reading = new ScenarioReader().read(new SourceInput(new SourceId(scenario),
                    renamed.text(scenario).getBytes(StandardCharsets.UTF_8)), renamed.workspace());
            assertEquals(List.of(), reading.diagnostics(), scenario);
        }
        assertEquals(governed.findings(), renamed.findings());
    }
}
