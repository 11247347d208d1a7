package dev.gatehouse.core.diag;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded edit distance "did you mean" uses agrees with the full one wherever the bound lets it answer. */
class SuggestionsProperties {
    @Property(tries = 2000)
    void theBoundedDistanceIsExactUpToItsLimit(@ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'e') String a,
                                               @ForAll @StringLength(max = 12) @CharRange(from = 'a', to = 'e') String b,
                                               @ForAll @IntRange(max = 5) int limit) {
        int full = Suggestions.distance(a, b);
        int bounded = Suggestions.distance(a, b, limit);
        if (full <= limit) {
            assertEquals(full, bounded, a + " / " + b);
        } else {
            assertTrue(bounded > limit, a + " / " + b + ": " + bounded);
        }
    }

    @Example
    void aSwapOfTwoLettersIsOneEdit() {
        assertEquals(1, Suggestions.distance("web-saerch", "web-search", 1));
        assertEquals(Optional.of("web-search"), Suggestions.closest("web-saerch", List.of("web-fetch", "web-search", "kb")));
        assertEquals(Optional.empty(), Suggestions.closest("payments", List.of("web-fetch", "web-search", "kb")));
    }
}
