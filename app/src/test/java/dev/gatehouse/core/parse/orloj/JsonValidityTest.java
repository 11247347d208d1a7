package dev.gatehouse.core.parse.orloj;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** encoding/json#Valid, which decides between Orloj's JSON and YAML paths. */
class JsonValidityTest {

    @Test
    void acceptsOneRfc8259Value() {
        for (String ok : new String[] {"{}", "[]", " {\"a\": [1, -2.5e+3, true, false, null, \"x\\u00e9\\n\"]}\n",
                "\"s\"", "0", "-0", "null", "[[],[{}]]", "\t\r\n{\"k\":\"é\"}\r\n"}) {
            assertTrue(JsonValidity.valid(ok), ok);
        }
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"", "   ", "{", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "1e", "+1", "{a: 1}",
                "'a'", "nul", "\"a\\x\"", "\"\\u12G4\"", "{} {}", "[1] x", "\uFEFF{}", "{\"a\" 1}",
                "\"tab\tin string\"", "\u00a0{}", "kind: Agent", "\"\\u１２３４\""}) {
            assertFalse(JsonValidity.valid(bad), bad);
        }
    }

    @Test
    void nestingDepthIsCappedAtTenThousand() {
        assertTrue(JsonValidity.valid("[".repeat(10_000) + "]".repeat(10_000)));
        assertFalse(JsonValidity.valid("[".repeat(10_001) + "]".repeat(10_001)));
        assertTrue(JsonValidity.valid("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
    }
}
