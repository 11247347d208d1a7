package dev.gatehouse.core.engine;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Kind;
import dev.gatehouse.core.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The fail-open reading items (ORLOJ.md §7: F19–F25, F29–F31) behind a resource's reading diagnostics: what
 * made Orloj read the manifest differently from what its author wrote.
 */
final class ReadingItems {
    private ReadingItems() {
    }

    static List<String> of(Resource r, List<Diagnostic> fileErrors) {
        List<String> out = new ArrayList<>();
        int from = r.meta().span().line();
        int to = r.meta().span().endLine();
        for (Diagnostic d : fileErrors) {
            boolean here = d.code() == Code.GH504 || (d.span().line() >= from && d.span().line() <= to);
            if (!here) {
                continue;
            }
            String item = item(d, r.meta().kind());
            if (item != null && !out.contains(item)) {
                out.add(item);
            }
        }
        return out;
    }

    private static String item(Diagnostic d, Kind kind) {
        String help = d.help().orElse("");
        return switch (d.code()) {
            case GH504 -> "F29";
            case GH208 -> "F25";
            case GH201, GH507 -> "F24";
            case GH206 -> d.message().contains("limits.timeout") ? "F13" : null;
            case GH211 -> "F5";
            case GH501, GH502, GH503, GH506 -> {
                if (help.contains("inline comments")) {
                    yield "F23";
                }
                if (help.contains("flow")) {
                    yield switch (kind) {
                        case AGENT -> "F19";
                        case AGENT_POLICY -> "F20";
                        case TOOL -> "F30";
                        default -> "F22";
                    };
                }
                if (kind == Kind.TOOL_PERMISSION && (d.message().contains("tool_ref") || d.message().contains("`spec.action`")
                        || d.message().contains("match_mode") || d.message().contains("apply_mode"))) {
                    yield "F21";
                }
                yield "F31";
            }
            default -> null;
        };
    }
}
