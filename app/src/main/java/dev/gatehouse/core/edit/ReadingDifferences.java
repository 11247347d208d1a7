package dev.gatehouse.core.edit;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether an edit makes Orloj's reader read a manifest otherwise than a parser does where it did not before: the
 * reading differences (GH5xx) of the text after the edit that the text before had not, each known by its code and
 * the field it names (a difference the field already had, now with other values, is not new). Structural edits are
 * read back by the parser ({@link ManifestEdits}); this is the other reader's half. Orloj's line reader scans every
 * line, so a line of a block scalar can read as a key or an item ({@code kind: Tool} in a description), a key written
 * after a ToolPermission's rules joins the last rule, and so on: whatever the cause, the edit is refused.
 *
 * <p>A new <em>warning</em> on {@code spec.prompt} is allowed: Orloj drops blank and {@code #} lines inside a
 * prompt block, which docs/semantics.md records as a warning since the prompt has no governance effect; the
 * validator still reports it.
 */
public final class ReadingDifferences {
    private static final Pattern FIELD = Pattern.compile("`([^`]*)`");

    private ReadingDifferences() {
    }

    /** The first reading difference {@code after} has that {@code before} had not, as its message; empty when none. */
    public static Optional<String> added(SourceId file, String before, String after) {
        Set<String> had = differences(file, before).stream().map(ReadingDifferences::key).collect(Collectors.toSet());
        return differences(file, after).stream()
                .filter(d -> !had.contains(key(d)))
                .filter(d -> !(d.severity() == Severity.WARNING && field(d).equals("spec.prompt")))
                .map(Diagnostic::message).findFirst();
    }

    private static List<Diagnostic> differences(SourceId file, String text) {
        return new WorkspaceReader().readFile(new SourceInput(file, text.getBytes(StandardCharsets.UTF_8))).diagnostics().stream()
                .filter(d -> d.code().name().startsWith("GH5")).toList();
    }

    private static String key(Diagnostic d) {
        String field = field(d);
        return d.code() + " " + (field.isEmpty() ? d.message() : field);
    }

    /** The field a difference names: the first text in backticks of its message. */
    private static String field(Diagnostic d) {
        Matcher m = FIELD.matcher(d.message());
        return m.find() ? m.group(1) : "";
    }
}
