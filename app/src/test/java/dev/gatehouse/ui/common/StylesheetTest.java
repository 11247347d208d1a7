package dev.gatehouse.ui.common;

import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's stylesheet parses without an error: a lost brace would silently drop every rule after it. */
class StylesheetTest {
    @Test
    void gatehouseCssParsesWithoutErrors() throws IOException {
        URL css = Objects.requireNonNull(StylesheetTest.class.getResource(Theme.GATEHOUSE_CSS));
        CssParser.errorsProperty().clear();

        var sheet = new CssParser().parse(css);

        assertEquals(List.of(), CssParser.errorsProperty().stream().map(Object::toString).toList());
        assertTrue(sheet.getRules().size() > 100, "rules parsed: " + sheet.getRules().size());
    }
}
