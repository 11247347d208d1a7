package dev.gatehouse.core.edit;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Line differences between two texts of one file: as unified-diff text (three lines of context, {@code a/} and
 * {@code b/} prefixes, {@code /dev/null} for a created or deleted file, git's "\ No newline at end of file"), and
 * as the whole-line {@link TextEdit}s that turn the first text into the second.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000L;

    private UnifiedDiff() {
    }

    private enum Op { SAME, DELETE, INSERT }

    private record Line(Op op, String text) {}

    /** The unified diff of {@code file} from {@code before} to {@code after} (absent: the file does not exist); empty text when equal. */
    public static String of(SourceId file, Optional<String> before, Optional<String> after) {
        List<Line> lines = diff(split(before.orElse("")), split(after.orElse("")));
        if (lines.stream().allMatch(l -> l.op() == Op.SAME)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before.isPresent() ? "a/" + file.path() : "/dev/null").append('\n');
        out.append("+++ ").append(after.isPresent() ? "b/" + file.path() : "/dev/null").append('\n');
        int i = 0;
        while (i < lines.size()) {
            if (lines.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < lines.size()) {
                if (lines.get(end).op() != Op.SAME) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT) {
                    break;
                }
                end++;
            }
            end = Math.min(lines.size(), lastChange + CONTEXT + 1);
            hunk(out, lines, start, end);
            i = end;
        }
        return out.toString();
    }

    /** The whole-line edits turning {@code before} into {@code after}, first in the text first; none when equal. */
    public static List<TextEdit> edits(SourceId file, String before, String after) {
        List<Line> lines = diff(split(before), split(after));
        SourceText text = new SourceText(file, before);
        List<TextEdit> out = new ArrayList<>();
        int offset = 0;
        int i = 0;
        while (i < lines.size()) {
            Line l = lines.get(i);
            if (l.op() == Op.SAME) {
                offset += l.text().length();
                i++;
                continue;
            }
            int start = offset;
            StringBuilder replacement = new StringBuilder();
            while (i < lines.size() && lines.get(i).op() != Op.SAME) {
                if (lines.get(i).op() == Op.DELETE) {
                    offset += lines.get(i).text().length();
                } else {
                    replacement.append(lines.get(i).text());
                }
                i++;
            }
            out.add(new TextEdit(text.span(start, offset), replacement.toString()));
        }
        return out;
    }

    private static void hunk(StringBuilder out, List<Line> lines, int start, int end) {
        int oldStart = 1;
        int newStart = 1;
        for (int k = 0; k < start; k++) {
            oldStart += lines.get(k).op() != Op.INSERT ? 1 : 0;
            newStart += lines.get(k).op() != Op.DELETE ? 1 : 0;
        }
        int oldCount = 0;
        int newCount = 0;
        for (int k = start; k < end; k++) {
            oldCount += lines.get(k).op() != Op.INSERT ? 1 : 0;
            newCount += lines.get(k).op() != Op.DELETE ? 1 : 0;
        }
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (int k = start; k < end; k++) {
            Line l = lines.get(k);
            out.append(switch (l.op()) {
                case SAME -> ' ';
                case DELETE -> '-';
                case INSERT -> '+';
            });
            String t = l.text();
            if (t.endsWith("\n")) {
                out.append(t, 0, t.length() - (t.endsWith("\r\n") ? 2 : 1)).append('\n');
            } else {
                out.append(t).append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int start, int count) {
        if (count == 0) {
            return (start - 1) + ",0";
        }
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    /** Lines with their line breaks; the last without one when the text does not end in one. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(at, i + 1));
                at = i + 1;
            }
        }
        if (at < text.length()) {
            out.add(text.substring(at));
        }
        return out;
    }

    /** A shortest edit script by longest common subsequence, after the common head and tail are set aside. */
    private static List<Line> diff(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            out.add(new Line(Op.SAME, a.get(k)));
        }
        List<String> x = a.subList(head, a.size() - tail);
        List<String> y = b.subList(head, b.size() - tail);
        if ((long) x.size() * y.size() > MAX_CELLS) {
            x.forEach(l -> out.add(new Line(Op.DELETE, l)));
            y.forEach(l -> out.add(new Line(Op.INSERT, l)));
        } else {
            int[][] lcs = new int[x.size() + 1][y.size() + 1];
            for (int i = x.size() - 1; i >= 0; i--) {
                for (int j = y.size() - 1; j >= 0; j--) {
                    lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
                }
            }
            int i = 0;
            int j = 0;
            while (i < x.size() || j < y.size()) {
                if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                    out.add(new Line(Op.SAME, x.get(i++)));
                    j++;
                } else if (i < x.size() && (j == y.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                    out.add(new Line(Op.DELETE, x.get(i++)));
                } else {
                    out.add(new Line(Op.INSERT, y.get(j++)));
                }
            }
        }
        for (int k = a.size() - tail; k < a.size(); k++) {
            out.add(new Line(Op.SAME, a.get(k)));
        }
        return out;
    }
}
