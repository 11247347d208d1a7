package dev.gatehouse.ui.editor;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours mapping keys, comments, quoted strings and document markers of YAML (and of JSON, whose keys are
 * quoted keys) line by line. An approximation for reading, not a parser: block scalars are left plain, and the
 * validator, not the colours, says what a file means.
 */
public final class YamlHighlighter {
    /** Token kinds; each name is a regex group below, each carries the CSS class that colours it. */
    enum Token {
        COMMENT("yaml-comment"),
        KEY("yaml-key"),
        STRING("yaml-string"),
        MARKER("yaml-marker");

        final String styleClass;

        Token(String styleClass) {
            this.styleClass = styleClass;
        }
    }

    private static final String QUOTED = "\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\n]|'')*'";
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?<=^|[ \\t])#[^\\n]*)"
                    + "|(?<KEYLINE>^[ \\t]*(?:-[ \\t]+)*(?<KEY>" + QUOTED + "|[^\\s#'\"\\[\\]{},:&*!|>%@`-][^\\n#]*?|-[^\\s#][^\\n#]*?)[ \\t]*:(?=[ \\t]|$))"
                    + "|(?<STRING>" + QUOTED + ")"
                    + "|(?<MARKER>^(?:---|\\.\\.\\.)(?=[ \\t]|$))",
            Pattern.MULTILINE);

    /** Past this size a file is shown plain: a manifest this large is read for its findings, not its colours. */
    private static final int MAX_HIGHLIGHTED_CHARS = 1_000_000;

    private YamlHighlighter() {
    }

    public static StyleSpans<Collection<String>> styles(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int end = 0;
        if (text.length() <= MAX_HIGHLIGHTED_CHARS) {
            Matcher m = TOKENS.matcher(text);
            while (m.find()) {
                Token token = Arrays.stream(Token.values()).filter(t -> m.group(t.name()) != null).findFirst().orElseThrow();
                int from = m.start(token.name());
                int to = m.end(token.name());
                if (from > end) {
                    spans.add(List.of(), from - end);
                }
                spans.add(List.of(token.styleClass), to - from);
                end = to;
            }
        }
        spans.add(List.of(), text.length() - end);
        return spans.create();
    }
}
