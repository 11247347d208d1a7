package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input never crashes or hangs: each gets its own diagnostic with a position, and the other files of
 * the workspace are still read. The timeouts are a harness bound against hangs, not speed assertions.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HostileInputTest {
    private static final String GOOD = "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: reader\nspec:\n  permissions:\n    - tool:web_search:invoke\n";

    private static final String ALPHABET = " :-[]{}&*!|>#'\"\t\nax0";

    private static Diagnostic find(Workspace ws, Code code) {
        return ws.diagnostics().stream().filter(d -> d.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + ": " + ws.diagnostics()));
    }

    private static Workspace read(String name, byte[] bytes) {
        return new WorkspaceReader().read(List.of(
                new SourceInput(new SourceId(name), bytes),
                new SourceInput(new SourceId("z-good.yaml"), GOOD.getBytes(StandardCharsets.UTF_8))));
    }

    private static Workspace read(String name, String text) {
        return read(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first diagnostic of the hostile file; asserts the good file was still read. */
    private static Diagnostic first(Workspace ws, String name) {
        assertEquals(1, ws.all(dev.gatehouse.core.model.AgentRole.class).size(), "the good file is still read");
        return ws.diagnostics().stream().filter(d -> d.span().file().path().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no diagnostic for " + name + ": " + ws.diagnostics()));
    }

    private static void assertAt(Diagnostic d, Code code, int line, int column) {
        assertEquals(code, d.code(), d.toString());
        assertEquals(line, d.span().line(), d.toString());
        assertEquals(column, d.span().column(), d.toString());
    }

    @Test
    void invalidUtf8IsReportedAtTheBadByte() {
        byte[] bytes = "kind: Agent\nmetadata:\n  name: \u00e9\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xff;
        assertAt(first(read("bad.yaml", bytes), "bad.yaml"), Code.GH103, 3, 9);
    }

    @Test
    void nulBytesAreBinaryContent() {
        assertAt(first(read("nul.yaml", "kind: Agent\nmeta\u0000data:\n"), "nul.yaml"), Code.GH104, 2, 5);
    }

    @Test
    void randomBinaryJunkIsReportedNotThrown() {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Diagnostic d = first(read("junk.yaml", junk), "junk.yaml");
        assertTrue(d.code() == Code.GH103 || d.code() == Code.GH104, d.toString());
    }

    @Test
    void aFileOverTheSizeLimitIsNotParsed() {
        WorkspaceReader reader = new WorkspaceReader(new ReadLimits(100, 64, 1000, 50, 100_000));
        Workspace ws = reader.read(List.of(new SourceInput(new SourceId("big.yaml"), "#".repeat(101).getBytes(StandardCharsets.UTF_8))));
        assertAt(ws.diagnostics().get(0), Code.GH105, 1, 1);
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() {
        String deep = "kind: Agent\nspec:\n  x: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        // Root mapping (1), spec (2), then the 62nd '[' is level 64: the 63rd, at column 6 + 62, is one too deep.
        assertAt(first(read("deep.yaml", deep), "deep.yaml"), Code.GH106, 3, 68);
    }

    @Test
    void deepJsonNestingStopsAtTheDepthLimit() {
        String deep = "{\"kind\":\"Agent\",\"spec\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}";
        Diagnostic d = first(read("deep.json", deep), "deep.json");
        assertEquals(Code.GH106, d.code());
    }

    @Test
    void tooManyDocumentsStopAtTheLimit() {
        String docs = (GOOD + "---\n").repeat(1005);
        Workspace ws = read("many.yaml", docs);
        Diagnostic limit = ws.diagnostics().stream().filter(d -> d.code() == Code.GH107).findFirst().orElseThrow();
        // Each document is 8 lines; the 1001st starts at the `---` that ends the 1000th.
        assertEquals(8 * 1000, limit.span().line());
        assertEquals(1000 + 1, ws.manifests().size());
    }

    @Test
    void billionLaughsIsStoppedByTheAliasLimit() {
        StringBuilder y = new StringBuilder("kind: Agent\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                y.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        Diagnostic d = first(read("lol.yaml", y.toString()), "lol.yaml");
        assertEquals(Code.GH108, d.code());
        assertTrue(d.span().line() >= 3, d.toString());
    }

    @Test
    void nestedAliasExpansionIsCappedEvenUnderTheAliasCount() {
        StringBuilder y = new StringBuilder("kind: Agent\na0: &a0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        assertEquals(Code.GH108, first(read("chain.yaml", y.toString()), "chain.yaml").code());
    }

    @Test
    void aRecursiveAliasIsRefused() {
        assertEquals(Code.GH108, first(read("rec.yaml", "kind: Agent\nspec: &s\n  tools: *s\n"), "rec.yaml").code());
    }

    @Test
    void duplicateKeysAreReportedAtTheSecondKey() {
        Diagnostic d = find(read("dup.yaml", "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: t\n  name: u\n"), Code.GH113);
        assertAt(d, Code.GH113, 5, 3);
        assertEquals(4, d.related().get(0).span().line());
    }

    @Test
    void duplicateJsonKeysAreReported() {
        Diagnostic d = first(read("dup.json", "{\"apiVersion\":\"orloj.dev/v1\",\"kind\":\"Tool\",\"metadata\":{\"name\":\"t\",\"name\":\"u\"}}"), "dup.json");
        assertEquals(Code.GH113, d.code());
    }

    @Test
    void tabIndentationHasItsOwnCode() {
        assertAt(first(read("tab.yaml", "kind: Agent\nspec:\n\ttools:\n"), "tab.yaml"), Code.GH114, 3, 1);
    }

    @Test
    void aJsonArrayIsNotAManifest() {
        assertAt(first(read("arr.json", "[{\"kind\":\"Agent\"}]"), "arr.json"), Code.GH109, 1, 1);
    }

    @Test
    void aScalarDocumentIsNotAManifest() {
        assertAt(first(read("s.yaml", "just a string\n"), "s.yaml"), Code.GH109, 1, 1);
    }

    @Test
    void aListWhereAMapBelongsIsAWrongShape() {
        Diagnostic d = find(read("m.yaml", "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  - name\n"), Code.GH202);
        assertAt(d, Code.GH202, 4, 3);
    }

    @Test
    void invalidJsonInAJsonFileIsAJsonError() {
        assertAt(first(read("x.json", "{\"kind\": \"Agent\",\n \"spec\": }"), "x.json"), Code.GH102, 2, 10);
    }

    @Test
    void unclosedFlowIsAYamlSyntaxErrorWithAPosition() {
        Diagnostic d = first(read("u.yaml", "kind: Agent\nspec:\n  tools: [a, b\n"), "u.yaml");
        assertEquals(Code.GH101, d.code());
        assertTrue(d.span().line() >= 3);
    }

    @Test
    void anEmptyFileIsAWarningNotAnError() {
        Diagnostic d = first(read("e.yaml", "# nothing here\n"), "e.yaml");
        assertEquals(Code.GH115, d.code());
        assertFalse(d.isError());
    }

    @Test
    void missingKindAndUnknownKindHaveTheirOwnCodes() {
        assertEquals(Code.GH110, first(read("k.yaml", "metadata:\n  name: a\n"), "k.yaml").code());
        Diagnostic d = first(read("k2.yaml", "kind: Agnet\nmetadata:\n  name: a\n"), "k2.yaml");
        assertAt(d, Code.GH111, 1, 7);
        assertEquals("did you mean `Agent`?", d.help().orElseThrow());
    }

    @Test
    void randomMutationsOfAManifestNeverThrow() {
        Random random = new Random(7);
        byte[] base = GOOD.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2000; i++) {
            byte[] m = base.clone();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                m[random.nextInt(m.length)] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            Workspace ws = new WorkspaceReader().read(List.of(new SourceInput(new SourceId("m.yaml"), m)));
            ws.diagnostics().forEach(d -> assertTrue(d.span().line() >= 1));
        }
    }
}
