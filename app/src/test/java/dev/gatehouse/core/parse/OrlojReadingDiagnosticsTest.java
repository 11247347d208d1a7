package dev.gatehouse.core.parse;

import dev.gatehouse.core.diag.Code;
import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.diag.Severity;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.source.SourceId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each malformed case of ORLOJ.md §1–2 and §7 gives its code at its position: what Orloj's reader reads
 * differently (F19–F23, F29–F31), what its Normalize refuses, and the fail-closed rules beyond Orloj.
 */
class OrlojReadingDiagnosticsTest {
    private static final String AGENT = "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n  model_ref: m\n";
    private static final String POLICY = "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: p\nspec:\n";
    private static final String PERMISSION = "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: tp\nspec:\n";
    private static final String TOOL = "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: t\nspec:\n";

    record Expected(Code code, int line, int column, Severity severity) {}

    static Expected e(Code code, int line, int column) {
        return new Expected(code, line, column, Severity.ERROR);
    }

    static Expected w(Code code, int line, int column) {
        return new Expected(code, line, column, Severity.WARNING);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("F19 flow roles", AGENT + "  roles: [planner]\n", List.of(e(Code.GH502, 7, 10))),
                Arguments.of("flow tools", AGENT + "  tools: [web]\n", List.of(e(Code.GH502, 7, 10))),
                Arguments.of("allowed_tools in yaml is dropped", AGENT + "  allowed_tools:\n    - web\n", List.of(e(Code.GH502, 8, 5))),
                Arguments.of("allowed_tools after tools joins tools", AGENT + "  tools:\n    - web\n  allowed_tools:\n    - mail\n",
                        List.of(e(Code.GH503, 8, 5), e(Code.GH502, 10, 5))),
                Arguments.of("F31 commented header drops agent roles", AGENT + "  roles:  # bound roles\n    - planner\n", List.of(e(Code.GH502, 8, 5))),
                Arguments.of("F23 inline comment in a role", AGENT + "  roles:\n    - planner  # main\n", List.of(e(Code.GH501, 8, 7))),
                Arguments.of("F20 flow blocked tools", POLICY + "  apply_mode: global\n  blocked_tools: [shell]\n", List.of(e(Code.GH502, 7, 18))),
                Arguments.of("F20 camelCase policy key", POLICY + "  apply_mode: global\n  blockedTools:\n    - shell\n", List.of(e(Code.GH201, 7, 3))),
                Arguments.of("F31 commented header moves items to the list above", POLICY + "  apply_mode: global\n  allowed_models:\n    - gpt-4o\n  blocked_tools:  # no\n    - shell\n",
                        List.of(e(Code.GH503, 8, 5), e(Code.GH502, 10, 5))),
                Arguments.of("F5 scoped policy without targets", POLICY + "  blocked_tools:\n    - shell\n", List.of(e(Code.GH211, 4, 9))),
                Arguments.of("F21 tool_ref after operation rules", PERMISSION + "  operation_rules:\n    - operation_class: write\n      verdict: deny\n  tool_ref: web\n",
                        List.of(w(Code.GH403, 6, 3), e(Code.GH502, 9, 13))),
                Arguments.of("F22 flow-map operation rule", PERMISSION + "  tool_ref: web\n  required_permissions:\n    - x\n  operation_rules:\n    - {operation_class: write, verdict: deny}\n",
                        List.of(e(Code.GH502, 10, 25), e(Code.GH502, 10, 41))),
                Arguments.of("F23 inline comment on tool_ref", PERMISSION + "  tool_ref: web  # the search tool\n", List.of(e(Code.GH501, 6, 13))),
                Arguments.of("F30 flow operation classes", TOOL + "  risk_level: low\n  operation_classes: [write]\n", List.of(e(Code.GH502, 7, 22))),
                Arguments.of("F29 two documents", TOOL + "  risk_level: low\n---\n" + TOOL + "  risk_level: high\n", List.of(e(Code.GH504, 8, 1))),
                Arguments.of("F25 apiVersion", "apiVersion: orloj.dev/v2\nkind: AgentRole\nmetadata:\n  name: r\n", List.of(e(Code.GH208, 1, 13))),
                Arguments.of("F24 unknown field", AGENT + "  allowed_tool:\n    - web\n", List.of(e(Code.GH201, 7, 3))),
                Arguments.of("F13 timeout", AGENT + "  limits:\n    timeout: 5 minutes\n", List.of(e(Code.GH206, 8, 14))),
                Arguments.of("F14 critical unisolated", TOOL + "  risk_level: critical\n  runtime:\n    isolation_mode: none\n", List.of(w(Code.GH406, 8, 21))),
                Arguments.of("F12 zero timeout", TOOL + "  runtime:\n    timeout: 0s\n", List.of(w(Code.GH407, 7, 14))),
                Arguments.of("integer with underscore", AGENT + "  limits:\n    max_steps: 1_000\n", List.of(e(Code.GH205, 8, 16))),
                Arguments.of("integer with inline comment", AGENT + "  limits:\n    max_steps: 5  # five\n", List.of(e(Code.GH505, 8, 1))),
                Arguments.of("removed spec.model", "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n  model: gpt-4o\n",
                        List.of(w(Code.GH209, 6, 3), e(Code.GH203, 6, 3))),
                Arguments.of("missing model_ref", "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n  prompt: hi\n", List.of(e(Code.GH203, 6, 3))),
                Arguments.of("missing name", "apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  namespace: x\n", List.of(e(Code.GH203, 4, 3))),
                Arguments.of("bad enum", TOOL + "  risk_level: extreme\n", List.of(e(Code.GH204, 6, 15))),
                Arguments.of("bad apply_mode", POLICY + "  apply_mode: everywhere\n", List.of(e(Code.GH204, 6, 15))),
                Arguments.of("enum with inline comment: a yaml parser strips it, orloj does not", POLICY + "  apply_mode: global  # all\n", List.of(e(Code.GH501, 6, 15))),
                Arguments.of("scoped permission without targets", PERMISSION + "  apply_mode: scoped\n", List.of(e(Code.GH203, 6, 15))),
                Arguments.of("memory op", AGENT + "  memory:\n    ref: mem\n    allow:\n      - erase\n", List.of(e(Code.GH213, 10, 9))),
                Arguments.of("memory allow without ref", AGENT + "  memory:\n    allow:\n      - read\n", List.of(e(Code.GH203, 8, 5), w(Code.GH409, 9, 9))),
                Arguments.of("contract without sequence", AGENT + "  execution:\n    profile: contract\n", List.of(e(Code.GH203, 8, 5))),
                Arguments.of("anchor and alias", AGENT + "  tools: &t\n    - web\n  roles: *t\n",
                        List.of(e(Code.GH506, 7, 10), e(Code.GH502, 7, 10), e(Code.GH502, 7, 10), e(Code.GH506, 9, 10))),
                Arguments.of("yes is not true", "apiVersion: orloj.dev/v1\nkind: TaskSchedule\nmetadata:\n  name: s\nspec:\n  task_ref: t\n  schedule: \"0 * * * *\"\n  suspend: yes\n",
                        List.of(e(Code.GH207, 8, 12))),
                Arguments.of("json camelCase alias is ignored by orloj", "{\"apiVersion\":\"orloj.dev/v1\",\"kind\":\"Agent\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"modelRef\":\"m\"}}",
                        List.of(e(Code.GH203, 1, 76), e(Code.GH507, 1, 77))),
                Arguments.of("json key in another case", "{\"apiVersion\":\"orloj.dev/v1\",\"kind\":\"Agent\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"model_ref\":\"m\",\"Roles\":[\"r\"]}}",
                        List.of(e(Code.GH507, 1, 93))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseHasItsCodeAndPosition(String name, String text, List<Expected> expected) {
        String file = text.startsWith("{") ? "x.json" : "x.yaml";
        Workspace ws = new WorkspaceReader().read(List.of(new SourceInput(new SourceId(file), text.getBytes(StandardCharsets.UTF_8))));
        List<Expected> actual = ws.diagnostics().stream()
                .filter(d -> d.code() != Code.GH210 && d.code() != Code.GH411)
                .map(d -> new Expected(d.code(), d.span().line(), d.span().column(), d.severity())).toList();
        assertEquals(expected, actual, ws.diagnostics().stream().map(Diagnostic::toString).reduce("", (a, b) -> a + "\n" + b));
    }
}
