package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.parse.ListNode;
import dev.gatehouse.core.parse.MapNode;
import dev.gatehouse.core.parse.ScalarNode;
import dev.gatehouse.core.parse.ScalarStyle;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.source.Span;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.gatehouse.core.parse.orloj.TreeText.FILE;
import static dev.gatehouse.core.parse.orloj.TreeText.at;
import static dev.gatehouse.core.parse.orloj.TreeText.error;
import static dev.gatehouse.core.parse.orloj.TreeText.read;
import static dev.gatehouse.core.parse.orloj.TreeText.spec;
import static dev.gatehouse.core.parse.orloj.TreeText.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DetectKind, ParseManifest's dispatch, and the rules all the line readers share (ORLOJ.md §1.5–1.6). */
class OrlojYamlReaderTest {

    // ------------------------------------------------------------------ DetectKind and dispatch

    @Test
    void detectKindTakesTheFirstKindLineAtAnyDepth() {
        String yaml = "metadata:\n  labels:\n    kind: Tool\nkind: Agent\nspec:\n  model_ref: m\n";
        OrlojReading r = read(yaml);
        assertEquals(Optional.of("Tool"), r.detectedKind());
        // The Tool reader runs and keeps the last kind line: the resource says Agent. A "kind" line is never a
        // label, and model_ref is not a Tool field.
        assertEquals("{kind:Agent}", tree(yaml));
    }

    @Test
    void detectKindUnquotesButDoesNotTrimTheInnerValue() {
        assertEquals(Optional.of("Agent"), read("kind: \"Agent\"\n").detectedKind());
        OrlojReading spaced = read("kind: ' Agent '\n");
        assertEquals(Optional.of(" Agent "), spaced.detectedKind());
        assertTrue(spaced.emulated());
    }

    @Test
    void kindIsRequired() {
        OrlojReading none = read("apiVersion: orloj.dev/v1\nmetadata:\n  name: x\n");
        assertEquals(Optional.of(new OrlojError("kind is required", new Span(FILE, 1, 1, 1, 25))), none.error());
        assertEquals(Optional.empty(), none.detectedKind());
        assertFalse(none.emulated());

        assertEquals(Optional.of(new OrlojError("kind is required", new Span(FILE, 2, 1, 2, 9))),
                read("apiVersion: v\nkind: \"\"\nkind: Agent\n").error());
        // "kind:" alone is a header to the kind readers, but DetectKind reads it as an empty value.
        assertEquals("kind is required", error("kind:\n  x: y\nkind: Agent\n"));
        assertEquals("kind is required", error(""));
        assertEquals(Optional.of(new OrlojError("kind is required", new Span(FILE, 1, 1, 1, 1))), read("").error());
    }

    @Test
    void dispatchLowercasesAndTrimsTheKind() {
        OrlojReading r = read("kind: AgEnT\nmetadata:\n  name: casing-test\n");
        assertTrue(r.emulated());
        assertEquals("{kind:AgEnT,metadata:{name:casing-test}}", TreeText.render(r.tree().orElseThrow()));
    }

    @Test
    void unknownKindFailsAsParseManifestDoes() {
        OrlojReading r = read("apiVersion: orloj.dev/v1\nkind: NotAnOrlojKind\nmetadata:\n  name: x\nspec: {}\n");
        assertEquals(Optional.of(new OrlojError("unsupported kind \"notanorlojkind\"", new Span(FILE, 2, 1, 2, 21))),
                r.error());
        assertEquals(Optional.of("NotAnOrlojKind"), r.detectedKind());
        assertFalse(r.emulated());
        assertEquals(Optional.empty(), r.tree());
    }

    @Test
    void kindWithAnInlineCommentIsUnsupported() {
        assertEquals("unsupported kind \"agent  # main\"", error("kind: Agent  # main\n"));
    }

    @Test
    void unsupportedKindMessageQuotesLikeGo() {
        assertEquals("unsupported kind \"a\\tb\\\"c\"", error("kind: a\tb\"c\n"));
        // strings.ToLower maps U+0130 to a plain i (Java's toLowerCase would add a combining dot).
        assertEquals("unsupported kind \"item\"", error("kind: İtem\n"));
        assertEquals("unsupported kind \"\"", error("kind: \" \"\n"));
    }

    @Test
    void kindsThatAreNotEmulatedAreRecognised() {
        for (String kind : new String[] {"Secret", "Memory", "McpServer", "TaskSchedule", "TaskWebhook", "Worker",
                "ToolApproval"}) {
            OrlojReading r = read("kind: " + kind + "\nmetadata:\n  name: x\n");
            assertEquals(new OrlojReading(Optional.of(kind), Optional.empty(), Optional.empty(), false), r, kind);
        }
    }

    @Test
    void validJsonTakesOrlojsJsonPath() {
        String json = "{\"kind\": \"Agent\", \"metadata\": {\"name\": \"x\"}}";
        assertTrue(OrlojYamlReader.takesJsonPath(new SourceText(FILE, json)));
        assertEquals(new OrlojReading(Optional.empty(), Optional.empty(), Optional.empty(), false), read(json));
        // A flow mapping that is not JSON goes down the line readers: its one line has the key "{kind".
        assertEquals("kind is required", error("{kind: Agent, metadata: {name: x}}"));
    }

    // ------------------------------------------------------------------ shared line rules

    @Test
    void crlfIsReadAsLf() {
        String yaml = "apiVersion: orloj.dev/v1\r\nkind: AgentRole\r\nmetadata:\r\n  name: r\r\nspec:\r\n"
                + "  permissions:\r\n    - tool:x:invoke\r\n";
        assertEquals("{apiVersion:orloj.dev/v1,kind:AgentRole,metadata:{name:r},spec:{permissions:[\"tool:x:invoke\"]}}",
                tree(yaml));
    }

    @Test
    void blankAndCommentLinesAreSkipped() {
        String yaml = "# header\nkind: AgentRole\n\nmetadata:\n   # note\n  name: r\nspec:\n  permissions:\n\n"
                + "    # - commented\n    - a\n";
        assertEquals("{kind:AgentRole,metadata:{name:r},spec:{permissions:[a]}}", tree(yaml));
    }

    @Test
    void tabsAreNotIndentation() {
        // "\tteam: x" has indentation 0: it closes labels and is read as an (ignored) metadata key.
        String yaml = "kind: AgentRole\nmetadata:\n  name: r\n  labels:\n\tteam: x\n    tier: y\n";
        assertEquals("{kind:AgentRole,metadata:{name:r}}", tree(yaml));
        // A tab-indented "name" is still a metadata key.
        assertEquals("{kind:AgentRole,metadata:{name:t}}", tree("kind: AgentRole\nmetadata:\n\tname: t\n"));
    }

    @Test
    void metadataAndSpecHeadersSwitchSectionsEvenWhenNested() {
        String yaml = "kind: AgentRole\nmetadata:\n  labels:\n    spec:\n    description: d\n  name: n\n";
        // "    spec:" switched to spec, so "name: n" at indent 2 is not metadata any more.
        assertEquals("{kind:AgentRole,spec:{description:d}}", tree(yaml));
    }

    @Test
    void unknownHeadersLeaveTheSubsectionOpen() {
        String yaml = "kind: AgentRole\nspec:\n  permissions:\n    - a\n  extra:\n    - b\n";
        assertEquals("{permissions:[a,b]}", spec(yaml));
    }

    @Test
    void valuesSplitOnTheFirstColonAndAreUnquotedOnce() {
        String yaml = "kind: Tool\nspec:\n  endpoint: https://api.example.com:8443/v1\n  type: \"'http'\"\n"
                + "  risk_level: 'low\"\n";
        assertEquals("{type:\"'http'\",endpoint:\"https://api.example.com:8443/v1\",risk_level:\"'low\\\"\"}",
                spec(yaml));
    }

    @Test
    void escapesAreNotProcessed() {
        assertEquals("a\\nb", ((ScalarNode) at(read("kind: Tool\nspec:\n  type: \"a\\nb\"\n").tree().orElseThrow(),
                "spec.type")).text());
    }

    @Test
    void inlineCommentsStayInValuesAndItems() {
        String yaml = """
                kind: AgentPolicy
                spec:
                  apply_mode: global  # note
                  blocked_tools:
                    - web_search  # main
                    - "shell"  # quoted
                    - 'ok'
                """;
        assertEquals("{blocked_tools:[\"web_search  # main\",\"\\\"shell\\\"  # quoted\",ok],apply_mode:\"global  # note\"}",
                spec(yaml));
    }

    @Test
    void apiVersionAndKindAreReadAnywhereAndTheLastWins() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: Task
                metadata:
                  name: t
                  labels:
                    apiVersion: v9
                spec:
                  input:
                    kind: Agent
                """;
        // Neither line becomes a label or an input: the apiVersion/kind case comes first.
        assertEquals("{apiVersion:v9,kind:Agent,metadata:{name:t}}", tree(yaml));
    }

    @Test
    void flowCollectionsAreDropped() {
        String yaml = "kind: Tool\nspec:\n  capabilities: [web.read]\n  operation_classes: [write, delete]\n"
                + "  runtime: {timeout: 5s}\n  type: http\n";
        assertEquals("{type:http}", spec(yaml));
    }

    @Test
    void anchorsAliasesAndQuotedKeysAreTakenLiterally() {
        String yaml = "kind: AgentRole\nspec:\n  \"description\": quoted key\n  permissions: &p\n    - &a read\n    - *a\n";
        // "permissions: &p" is a key-value line (value "&p"), so the items have no list to go to.
        assertEquals("-", spec(yaml));
        assertEquals("{permissions:[&a read,*a]}", spec("kind: AgentRole\nspec:\n  permissions:\n    - &a read\n    - *a\n"));
    }

    @Test
    void aFieldAssignedTheEmptyStringIsPresent() {
        assertEquals("{description:\"\",permissions:[\"\",\"\"]}",
                spec("kind: AgentRole\nspec:\n  description: \"\"\n  permissions:\n    - ''\n    - \"\"\n"));
        assertEquals("{kind:\"\"}", tree("kind: Tool\nkind: ''\n"));
    }

    @Test
    void unknownKeysAreIgnored() {
        assertEquals("{kind:AgentRole,metadata:{name:r}}",
                tree("kind: AgentRole\nstatus:\n  phase: Ready\nmetadata:\n  name: r\n  uid: 1\nfoo: bar\n"));
    }

    @Test
    void goTrimSpaceTrimsUnicodeSpacesButNotTheByteOrderMark() {
        assertEquals("{kind:AgentRole,metadata:{name:r}}", tree("kind: AgentRole\nmetadata:\n  name:\u00a0r\u3000\n"));
        // A BOM is not white space to Go: the first key is "\uFEFFapiVersion", which nothing reads.
        assertEquals("{kind:AgentRole}", tree("\uFEFFapiVersion: v1\nkind: AgentRole\n"));
    }

    // ------------------------------------------------------------------ metadata

    @Test
    void metadataFieldsAndAliases() {
        String yaml = """
                kind: AgentRole
                metadata:
                  name: r
                  namespace: team-a
                  resource_version: "7"
                  generation: 3
                  created_at: 2026-01-01T00:00:00Z
                  uid: ignored
                """;
        assertEquals("{kind:AgentRole,metadata:{name:r,namespace:team-a,resourceVersion:7,generation:3,"
                + "createdAt:\"2026-01-01T00:00:00Z\"}}", tree(yaml));
        assertEquals("{kind:AgentRole,metadata:{resourceVersion:1,createdAt:now}}",
                tree("kind: AgentRole\nmetadata:\n  resourceVersion: 1\n  createdAt: now\n"));
    }

    @Test
    void generationMustBeAnInteger() {
        assertEquals("invalid metadata.generation value \"x\"", error("kind: Tool\nmetadata:\n  generation: \"x\"\n"));
        assertEquals("invalid metadata.generation value \"1_000\"", error("kind: Tool\nmetadata:\n  generation: 1_000\n"));
        assertEquals("invalid metadata.generation value \"9223372036854775808\"",
                error("kind: Tool\nmetadata:\n  generation: 9223372036854775808\n"));
        assertEquals("invalid metadata.generation value \"٣\"", error("kind: Tool\nmetadata:\n  generation: ٣\n"));
        assertEquals("{kind:Tool,metadata:{generation:-9223372036854775808}}",
                tree("kind: Tool\nmetadata:\n  generation: -9223372036854775808\n"));
    }

    @Test
    void annotationsBecomeLabelsAfterLabelsAndMetadataKeysOtherwise() {
        String afterLabels = "kind: AgentRole\nmetadata:\n  name: r\n  labels:\n    team: a\n  annotations:\n    note: x\n";
        assertEquals("{kind:AgentRole,metadata:{name:r,labels:{team:a,note:x}}}", tree(afterLabels));
        String alone = "kind: AgentRole\nmetadata:\n  name: r\n  annotations:\n    name: evil\n    namespace: other\n";
        assertEquals("{kind:AgentRole,metadata:{name:evil,namespace:other}}", tree(alone));
    }

    // ------------------------------------------------------------------ files and documents

    @Test
    void twoDocumentsAreMergedF29() {
        String yaml = """
                apiVersion: orloj.dev/v1
                kind: AgentRole
                metadata:
                  name: first
                spec:
                  permissions:
                    - a
                ---
                apiVersion: orloj.dev/v1
                kind: AgentRole
                metadata:
                  name: second
                spec:
                  description: d
                  permissions:
                    - b
                """;
        assertEquals("{apiVersion:orloj.dev/v1,kind:AgentRole,metadata:{name:second},spec:{description:d,"
                + "permissions:[a,b]}}", tree(yaml));
    }

    @Test
    void mixedKindsReportTheFirstButKeepTheLast() {
        String yaml = "kind: AgentRole\nmetadata:\n  name: r\n---\nkind: Agent\nmetadata:\n  name: a\n";
        OrlojReading r = read(yaml);
        assertEquals(Optional.of("AgentRole"), r.detectedKind());
        assertEquals("{kind:Agent,metadata:{name:a}}", TreeText.render(r.tree().orElseThrow()));
    }

    // ------------------------------------------------------------------ positions

    @Test
    void spansPointAtWhatWasRead() {
        String yaml = "kind: AgentRole\nmetadata:\n  name: \"r\"  \nspec:\n  permissions:\n    -   a\n    - b\n";
        MapNode t = read(yaml).tree().orElseThrow();
        MapNode meta = (MapNode) at(t, "metadata");
        MapNode.Entry name = meta.entry("name").orElseThrow();
        assertEquals(new ScalarNode("name", ScalarStyle.PLAIN, new Span(FILE, 3, 3, 3, 7)), name.key());
        assertEquals(new ScalarNode("r", ScalarStyle.PLAIN, new Span(FILE, 3, 9, 3, 12)), name.value());
        assertEquals(new Span(FILE, 2, 1, 3, 12), meta.span());

        ListNode perms = (ListNode) at(t, "spec.permissions");
        assertEquals(new Span(FILE, 5, 3, 7, 8), perms.span());
        assertEquals(new Span(FILE, 6, 9, 6, 10), perms.items().get(0).span());
        assertEquals(new Span(FILE, 5, 3, 5, 14), ((MapNode) at(t, "spec")).entry("permissions").orElseThrow().key().span());
        assertEquals(new Span(FILE, 1, 1, 7, 8), t.span());
        assertFalse(t.flow());
        assertFalse(perms.flow());
    }

    @Test
    void theLastAssignmentGivesTheSpan() {
        MapNode t = read("kind: AgentRole\nkind: AgentRole\n").tree().orElseThrow();
        assertEquals(new Span(FILE, 2, 7, 2, 16), at(t, "kind").span());
        assertEquals(new Span(FILE, 2, 1, 2, 5), t.entry("kind").orElseThrow().key().span());
    }

    @Test
    void errorSpanIsTheOffendingLine() {
        OrlojReading r = read("kind: Task\nspec:\n  max_turns: many\n");
        assertEquals(Optional.of(new OrlojError("invalid spec.max_turns value \"many\"", new Span(FILE, 3, 1, 3, 18))),
                r.error());
        assertEquals(Optional.of("Task"), r.detectedKind());
        assertTrue(r.emulated());
        assertEquals(Optional.empty(), r.tree());
    }
}
