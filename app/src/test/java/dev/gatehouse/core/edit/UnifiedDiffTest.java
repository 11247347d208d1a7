package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnifiedDiffTest {
    static final SourceId F = new SourceId("roles/r.yaml");

    static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append("line ").append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void changesFarApartMakeTwoHunksWithThreeLinesOfContext() {
        String before = lines(1, 20);
        String after = before.replace("line 2\n", "line two\n").replace("line 18\n", "").replace("line 20\n", "line 20\nline 21\n");

        assertEquals("""
                --- a/roles/r.yaml
                +++ b/roles/r.yaml
                @@ -1,5 +1,5 @@
                 line 1
                -line 2
                +line two
                 line 3
                 line 4
                 line 5
                @@ -15,6 +15,6 @@
                 line 15
                 line 16
                 line 17
                -line 18
                 line 19
                 line 20
                +line 21
                """, UnifiedDiff.of(F, Optional.of(before), Optional.of(after)));
    }

    @Test
    void aCreatedFileAndAMissingFinalNewlineAreShownAsGitShowsThem() {
        assertEquals("--- /dev/null\n+++ b/roles/r.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of(F, Optional.empty(), Optional.of("a\nb\n")));
        assertEquals("--- a/roles/r.yaml\n+++ b/roles/r.yaml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
                UnifiedDiff.of(F, Optional.of("a\nb"), Optional.of("a\nb\n")));
        assertEquals("", UnifiedDiff.of(F, Optional.of("a\n"), Optional.of("a\n")));
    }

    @Test
    void theEditsOfADiffTurnTheFirstTextIntoTheSecond() {
        String before = lines(1, 12);
        String after = "line 0\n" + before.replace("line 5\nline 6\n", "five\n").replace("line 12\n", "line 12");
        List<TextEdit> edits = UnifiedDiff.edits(F, before, after);

        assertEquals(3, edits.size());
        assertEquals(Optional.of(after), WorkspaceEdit.applyTo(new SourceText(F, before), edits));
    }
}
