package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadingDifferencesTest {
    static final SourceId FILE = new SourceId("agents/a.yaml");
    static final String AGENT = "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\n  labels:\n    team: ops\nspec:\n  model_ref: m\n"
            + "  prompt: |\n    Research.\n";

    @Test
    void aNewDifferenceIsFoundByItsField() {
        String after = AGENT.replace("    team: ops\n", "    team: ops\n    kind: Tool\n");

        assertEquals(Optional.of("orloj's reader reads `kind` as `Tool`, a yaml parser as `Agent`"), ReadingDifferences.added(FILE, AGENT, after));
        assertEquals(Optional.empty(), ReadingDifferences.added(FILE, AGENT, AGENT.replace("team: ops", "team: dev")));
    }

    @Test
    void aDifferenceTheFieldHadIsNotNewWhateverItsValues() {
        String before = AGENT.replace("team: ops", "team: ops  # owners");
        String after = before.replace("  # owners", "  # the owners");

        assertEquals(List.of(Optional.empty()), List.of(ReadingDifferences.added(FILE, before, after)));
    }

    @Test
    void aPromptWarningIsAllowedAndAnyOtherDifferenceIsNot() {
        String blank = AGENT.replace("    Research.\n", "    Research.\n\n    Then write.\n");
        String flow = AGENT.replace("  model_ref: m\n", "  model_ref: m\n  tools: [web]\n");

        assertEquals(Optional.empty(), ReadingDifferences.added(FILE, AGENT, blank));
        assertEquals(true, ReadingDifferences.added(FILE, AGENT, flow).isPresent());
    }
}
