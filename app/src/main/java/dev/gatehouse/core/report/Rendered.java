package dev.gatehouse.core.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/** A rendering that writes to a {@link Writer}, made into a string for the callers that want one. */
@FunctionalInterface
interface Rendered {
    void writeTo(Writer out) throws IOException;

    static String asString(Rendered rendering) {
        StringWriter w = new StringWriter();
        try {
            rendering.writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw
        }
        return w.toString();
    }
}
