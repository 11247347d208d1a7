package dev.gatehouse.ui.editor;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours mapping keys, comments, quoted strings, numbers, document markers, the {@code kind} and the values of
 * keys that name resources ({@code model_ref}, {@code tool_ref}, {@code system}, ...) of YAML (and of JSON, whose
 * keys are quoted keys) line by line, so the editor can restyle one paragraph at a time. An approximation for
 * reading, not a parser: block scalars are left plain, and the validator, not the colours, says what a file means.
 */
public final class YamlHighlighter {
    /** Token kinds; each name is a regex group below, each carries the CSS class that colours it. */
    enum Token {
        COMMENT("yaml-comment"),
        KEY("yaml-key"),
        STRING("yaml-string"),
        MARKER("yaml-marker"),
        NUMBER("yaml-number");

        final String styleClass;

        Token(String styleClass) {
            this.styleClass = styleClass;
        }
    }

    private static final String QUOTED = "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*'";
    /**
     * Keys whose plain value names a resource (or, for {@code kind}, says what the manifest is): the value gets its
     * own colour, so a reader sees at once which words are names the validator resolves.
     */
    private static final Pattern NAMED_VALUE = Pattern.compile(
            "^[ \\t]*(?:-[ \\t]+)?(?<NKEY>kind|model_ref|tool_ref|system|ref|secretRef|to|agent)[ \\t]*:[ \\t]+"
                    + "(?<NVALUE>[^\\s#'\"\\[{|>&*!][^\\n#]*?)[ \\t]*(?=[ \\t]#|$)", Pattern.MULTILINE);
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?<=^|[ \\t])#[^\\n]*)"
                    + "|(?<KEYLINE>^[ \\t]*(?:-[ \\t]+)*(?<KEY>" + QUOTED + "|[^\\s#'\"\\[\\]{},:&*!|>%@`-][^\\n#]*?|-[^\\s#][^\\n#]*?)[ \\t]*:(?=[ \\t]|$))"
                    + "|(?<STRING>" + QUOTED + ")"
                    + "|(?<MARKER>^(?:---|\\.\\.\\.)(?=[ \\t]|$))"
                    + "|(?<NUMBER>(?<=:[ \\t]|-[ \\t])-?\\d+(?:\\.\\d+)?(?=[ \\t]*(?:[ \\t]#|$)))",
            Pattern.MULTILINE);

    /** Past this size a file is shown plain: a manifest this large is read for its findings, not its colours. */
    private static final int MAX_HIGHLIGHTED_CHARS = 1_000_000;

    private YamlHighlighter() {
    }

    public static StyleSpans<Collection<String>> styles(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int end = 0;
        if (text.length() <= MAX_HIGHLIGHTED_CHARS) {
            // Tokens and named values as [from, to) ranges; a plain value is no token, so the two never overlap
            // but for a quoted value, which stays a string.
            List<int[]> ranges = new ArrayList<>();
            List<String> classes = new ArrayList<>();
            Matcher m = TOKENS.matcher(text);
            while (m.find()) {
                Token token = Arrays.stream(Token.values()).filter(t -> m.group(t.name()) != null).findFirst().orElseThrow();
                ranges.add(new int[] {m.start(token.name()), m.end(token.name()), classes.size()});
                classes.add(token.styleClass);
            }
            Matcher named = NAMED_VALUE.matcher(text);
            while (named.find()) {
                ranges.add(new int[] {named.start("NVALUE"), named.end("NVALUE"), classes.size()});
                classes.add(named.group("NKEY").equals("kind") ? "yaml-kind" : "yaml-reference");
            }
            ranges.sort(Comparator.comparingInt((int[] r) -> r[0]));
            for (int[] r : ranges) {
                if (r[0] < end) {
                    continue;
                }
                if (r[0] > end) {
                    spans.add(List.of(), r[0] - end);
                }
                spans.add(List.of(classes.get(r[2])), r[1] - r[0]);
                end = r[1];
            }
        }
        spans.add(List.of(), text.length() - end);
        return spans.create();
    }
}
