package dev.gatehouse.core.parse.orloj;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Go standard-library behaviour the readers depend on. */
class GoStringsTest {

    @Test
    void trimSpaceTrimsWhatUnicodeIsSpaceCalls() {
        assertEquals("a b", GoStrings.trimSpace("\t\u000b\f\r\n \u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000"
                + "a b \t"));
        // Not white space to Go: zero-width space, BOM, U+180E.
        assertEquals("\u200ba\ufeff\u180e", GoStrings.trimSpace("\u200ba\ufeff\u180e"));
    }

    @Test
    void leadingSpacesCountsOnlySpaces() {
        assertEquals(2, GoStrings.leadingSpaces("  \t a"));
        assertEquals(0, GoStrings.leadingSpaces("\u00a0a"));
        assertEquals(3, GoStrings.leadingSpaces("   "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "\"a\"|a", "'a'|a", "\"a'|\"a'", "\"|\"", "\"\"|``", "''|``", "  \"a\"  |a", "\"\"a\"\"|\"a\"",
            "\"a\"  # c|\"a\"  # c", "'it''s'|it''s"})
    void stripQuotesRemovesOneEnclosingPair(String in, String out) {
        assertEquals(out, GoStrings.stripQuotes(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "+7|7", "-0|0", "007|7", "-12|-12",
            "9223372036854775807|9223372036854775807", "-9223372036854775808|-9223372036854775808"})
    void atoiAcceptsSignedDecimals(String in, long out) {
        assertEquals(OptionalLong.of(out), GoStrings.atoi(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"``", "+", "-", "1_000", "0x10", "1.5", "` 4`", "`4 `",
            "٣", "１", "9223372036854775808", "-9223372036854775809", "1e3", "++1"})
    void atoiRejectsEverythingElse(String in) {
        assertEquals(OptionalLong.empty(), GoStrings.atoi(in));
    }

    @Test
    void booleansAreTrueOnlyForTrueInAnyCaseOrOne() {
        for (String t : new String[] {"true", "TRUE", "True", "tRUE", "1"}) {
            assertTrue(GoStrings.goBool(t), t);
        }
        for (String f : new String[] {"yes", "on", "y", "false", "0", "01", "true ", "truе", ""}) {
            assertFalse(GoStrings.goBool(f), f);
        }
    }

    @Test
    void quoteEscapesAsGoPercentQ() {
        assertEquals("\"plain\"", GoStrings.quote("plain"));
        assertEquals("\"a\\\"b\\\\c\"", GoStrings.quote("a\"b\\c"));
        assertEquals("\"\\t\\r\\n\\a\\b\\f\\v\"", GoStrings.quote("\t\r\n\u0007\b\f\u000b"));
        assertEquals("\"\\x00\\x1f\\x7f\"", GoStrings.quote("\u0000\u001f\u007f"));
        assertEquals("\"é中\uD83D\uDE00\"", GoStrings.quote("é中\uD83D\uDE00"));
        assertEquals("\"\\u00a0\\u200b\\ufeff\\u2028\"", GoStrings.quote("\u00a0\u200b\ufeff\u2028"));
        assertEquals("\"\\U000e0001\"", GoStrings.quote(new String(Character.toChars(0xE0001))));
    }

    @Test
    void toLowerIsTheSimpleMapping() {
        assertEquals("item", GoStrings.toLower("İTEM"));
        assertEquals("agent", GoStrings.toLower("AgEnT"));
    }

    @Test
    void byteSuffixCutsThroughUtf8() {
        assertEquals("bc", GoStrings.byteSuffix("abc", 1));
        assertEquals("\uFFFDx", GoStrings.byteSuffix("éx", 1));
        assertEquals("\uFFFD\uFFFD\uFFFDx", GoStrings.byteSuffix("\uD83D\uDE00x", 1));
        assertEquals("", GoStrings.byteSuffix("ab", 2));
    }
}
