package dev.gatehouse.core.lang;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renames of every resource of the samples to generated names: the findings stay, and renaming back restores the texts. */
class RenameProperties {
    private static final Map<String, Texts> SAMPLES = Map.of("governed", Texts.sample("governed"), "seed", Texts.sample("seed"));
    private static final Map<String, List<Definition>> DEFINITIONS = Map.of(
            "governed", SAMPLES.get("governed").service().definitions(), "seed", SAMPLES.get("seed").service().definitions());

    /** A sample, one of its definitions, and a new name not used by any resource of that sample. */
    record Rename(String sample, Definition definition, String newName) {
    }

    @Provide
    Arbitrary<Rename> renames() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-._").ofMinLength(0).ofMaxLength(14)
                .map(s -> "n" + s + "1");
        return Arbitraries.of("governed", "seed").flatMap(sample -> Combinators.combine(
                        Arbitraries.of(DEFINITIONS.get(sample)), names)
                .as((d, n) -> new Rename(sample, d, n))
                .filter(r -> DEFINITIONS.get(sample).stream().noneMatch(d -> d.name().equalsIgnoreCase(r.newName()))));
    }

    private static Caret caretOn(Definition d) {
        return new Caret(d.span().file(), d.span().line(), d.span().column());
    }

    @Property(tries = 40)
    void aRenameKeepsTheFindingsAndRenamingBackRestoresTheTexts(@ForAll("renames") Rename r) {
        Texts texts = SAMPLES.get(r.sample());
        RenameResult result = texts.service().rename(caretOn(r.definition()), r.newName());
        if (result instanceof RenameResult.Refused refused) {
            assertTrue(refused.reason().startsWith("seed policy `deny"), refused.reason());
            return;
        }
        Map<SourceId, String> changed = ((RenameResult.Renamed) result).edit().apply(texts.files()).orElseThrow();
        Texts renamed = texts.with(changed);
        assertEquals(texts.findings(), renamed.findings());

        SourceId file = r.definition().span().file();
        SourceText edited = new SourceText(file, renamed.text(file.path()));
        Caret back = Caret.at(edited, edited.lineStart(r.definition().span().line()) + r.definition().span().column() - 1);
        RenameResult undo = renamed.service().rename(back, r.definition().name());
        Map<SourceId, String> restored = ((RenameResult.Renamed) undo).edit().apply(renamed.files()).orElseThrow();
        assertEquals(texts.files(), renamed.with(restored).files());
    }
}
