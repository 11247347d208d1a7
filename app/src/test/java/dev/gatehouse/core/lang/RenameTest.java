package dev.gatehouse.core.lang;

import dev.gatehouse.core.edit.TextEdit;
import dev.gatehouse.core.edit.WorkspaceEdit;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
