package dev.gatehouse.core.edit;

import dev.gatehouse.core.diag.Diagnostic;
import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.model.AgentRole;
import dev.gatehouse.core.model.ToolPermission;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.Located;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import dev.gatehouse.core.validate.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class YamlEditsTest {
    static final SourceId AGENT = new SourceId("agents/a.yaml");
    static final SourceId ROLE = new SourceId("roles/r.yaml");
    static final SourceId RULE = new SourceId("tool-permissions/p.yaml");
    static final String MODEL = "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n";
    static final String TOOL = "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: web-search\nspec:\n  risk_level: low\n";

    static final String AGENT_TEXT = """
            # the research agent
            apiVersion: orloj.dev/v1
            kind: Agent
            metadata:
              name: a
            spec:
              model_ref: m
              prompt: |
                Research things.

                # not a comment: prompt text
              tools:
                - web-search
              # roles come later
              limits:
                max_steps: 4
            """;

    static final String ROLE_TEXT = """
            apiVersion: orloj.dev/v1
            kind: AgentRole
            metadata:
              name: r
            spec:
              description: "reads the web"
              permissions:
                - "tool:web-search:invoke"
                - capability:web.read
            """;

    static final String RULE_TEXT = """
            apiVersion: orloj.dev/v1
            kind: ToolPermission
            metadata:
              name: p
            spec:
              tool_ref: web-search
              operation_rules:
                - operation_class: read
                  verdict: deny
              target_agents:
                - a
              apply_mode: scoped
            """;

    static String apply(String text, SourceId id, Optional<TextEdit> edit) {
        TextEdit e = edit.orElseThrow(() -> new AssertionError("no edit"));
        return WorkspaceEdit.applyTo(new SourceText(id, text), List.of(e)).orElseThrow();
    }

    static YamlEdits edits(SourceId id, String text) {
        return YamlEdits.of(id, text).orElseThrow();
    }

    static Workspace read(Map<SourceId, String> files) {
        List<SourceInput> in = new ArrayList<>();
        new java.util.TreeMap<>(files).forEach((id, t) -> in.add(new SourceInput(id, t.getBytes(StandardCharsets.UTF_8))));
        return new WorkspaceReader().read(in);
    }

    static Map<SourceId, String> base() {
        Map<SourceId, String> m = new LinkedHashMap<>();
        m.put(new SourceId("m.yaml"), MODEL);
        m.put(new SourceId("tools/web-search.yaml"), TOOL);
        m.put(AGENT, AGENT_TEXT);
        m.put(ROLE, ROLE_TEXT);
        m.put(RULE, RULE_TEXT);
        return m;
    }

    /** Diagnostics without their positions, which an edit may move. */
    static List<String> findings(Map<SourceId, String> files) {
        return Validator.validate(read(files)).diagnostics().stream()
                .map((Diagnostic d) -> d.code() + " " + d.span().file() + " " + d.message()).sorted().toList();
    }

    static Map<SourceId, String> with(SourceId id, String text) {
        Map<SourceId, String> m = base();
        m.put(id, text);
        return m;
    }

    static List<String> values(List<Located<String>> l) {
        return l.stream().map(Located::value).toList();
    }

    static Agent agent(Map<SourceId, String> files) {
        return read(files).all(Agent.class).get(0);
    }

    @Test
    void addingAnItemCreatesTheMissingListAfterTheLastKeyOfSpec() {
        String out = apply(AGENT_TEXT, AGENT, edits(AGENT, AGENT_TEXT).addItem(List.of("spec", "roles"), "r"));

        assertEquals(AGENT_TEXT + "  roles:\n    - r\n", out);
        assertEquals(List.of("r"), values(agent(with(AGENT, out)).roles()));
        assertEquals(findings(base()).stream().filter(f -> !f.contains("agents/a.yaml")).toList(),
                findings(with(AGENT, out)).stream().filter(f -> !f.contains("agents/a.yaml")).toList());
    }

    @Test
    void aFirstFieldGoesAboveTheCommentsOverTheFirstKeyAtItsIndentation() {
        String wide = "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n    # tools first\n    tools:\n      - web-search\n"
                + "    limits:\n      max_steps: 4\n";

        String out = apply(wide, AGENT, edits(AGENT, wide).addFirstField(List.of("spec"), "model_ref", "m"));

        assertEquals(wide.replace("spec:\n", "spec:\n    model_ref: m\n"), out);
        // Right under spec: no subsection is open, so orloj's reader reads it even at this indentation.
        assertEquals(findings(base()).stream().filter(f -> !f.contains("agents/a.yaml")).toList(),
                findings(with(AGENT, out)).stream().filter(f -> !f.contains("agents/a.yaml")).toList());
        assertEquals(List.of(), findings(with(AGENT, out)).stream().filter(f -> f.contains("agents/a.yaml")).toList());
        assertEquals(Optional.empty(), edits(AGENT, AGENT_TEXT).addFirstField(List.of("spec"), "model_ref", "other"));
    }

    @Test
    void addingAnItemGoesAfterTheLastItemInTheQuotingOfTheFirst() {
        String out = apply(ROLE_TEXT, ROLE, edits(ROLE, ROLE_TEXT).addItem(List.of("spec", "permissions"), "tool:kb:invoke"));

        assertEquals(ROLE_TEXT.replace("    - capability:web.read\n", "    - capability:web.read\n    - \"tool:kb:invoke\"\n"), out);
        assertEquals(List.of("tool:web-search:invoke", "capability:web.read", "tool:kb:invoke"),
                values(read(with(ROLE, out)).all(AgentRole.class).get(0).permissions()));
        assertEquals(findings(base()), findings(with(ROLE, out)));
    }

    @Test
    void addingToAToolListKeepsPromptAndCommentsByteIdentical() {
        String out = apply(AGENT_TEXT, AGENT, edits(AGENT, AGENT_TEXT).addItem(List.of("spec", "tools"), "kb"));

        assertEquals(AGENT_TEXT.replace("    - web-search\n", "    - web-search\n    - kb\n"), out);
        Agent a = agent(with(AGENT, out));
        assertEquals(List.of("web-search", "kb"), values(a.tools()));
        assertEquals(agent(base()).prompt().map(Located::value), a.prompt().map(Located::value));
    }

    @Test
    void removingAnItemTakesItsWholeLineAndTheLastItemTakesItsKey() {
        YamlEdits e = edits(ROLE, ROLE_TEXT);
        String one = apply(ROLE_TEXT, ROLE, e.removeItem(List.of("spec", "permissions"), "tool:web-search:invoke"));
        String none = apply(one, ROLE, edits(ROLE, one).removeItem(List.of("spec", "permissions"), "capability:web.read"));

        assertEquals(ROLE_TEXT.replace("    - \"tool:web-search:invoke\"\n", ""), one);
        assertEquals(ROLE_TEXT.replace("  permissions:\n    - \"tool:web-search:invoke\"\n    - capability:web.read\n", ""), none);
        assertEquals(List.of(), read(with(ROLE, none)).all(AgentRole.class).get(0).permissions());
        assertEquals(Optional.empty(), e.removeItem(List.of("spec", "permissions"), "tool:nope:invoke"));
    }

    @Test
    void settingAScalarKeepsItsQuoting() {
        String out = apply(ROLE_TEXT, ROLE, edits(ROLE, ROLE_TEXT).setScalar(List.of("spec", "description"), "reads: the web"));
        String verdict = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).setScalar(List.of("spec", "operation_rules", "0", "verdict"), "allow"));

        assertEquals(ROLE_TEXT.replace("\"reads the web\"", "\"reads: the web\""), out);
        assertEquals(RULE_TEXT.replace("verdict: deny", "verdict: allow"), verdict);
        assertEquals(Verdict.ALLOW, read(with(RULE, verdict)).all(ToolPermission.class).get(0).operationRules().get(0).verdict().value());
        assertEquals(findings(base()), findings(with(RULE, verdict)));
    }

    @Test
    void aValueThatMeansSomethingToAReaderIsQuoted() {
        YamlEdits e = edits(AGENT, AGENT_TEXT);

        assertEquals("    - \"a: b\"\n", e.addItem(List.of("spec", "tools"), "a: b").orElseThrow().replacement());
        assertEquals("    - \"yes\"\n", e.addItem(List.of("spec", "tools"), "yes").orElseThrow().replacement());
        assertEquals("    - \"x #1\"\n", e.addItem(List.of("spec", "tools"), "x #1").orElseThrow().replacement());
        assertEquals("    - 'say \"hi\"'\n", e.addItem(List.of("spec", "tools"), "say \"hi\"").orElseThrow().replacement());
        assertEquals(Optional.empty(), e.addItem(List.of("spec", "tools"), "a\nb"));
        assertEquals(Optional.empty(), e.addItem(List.of("spec", "tools"), "it's \"both\""));
    }

    @Test
    void aMapItemFollowsTheLayoutOfTheFirstItem() {
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("operation_class", "write");
        rule.put("verdict", "allow");
        String out = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).addMapItem(List.of("spec", "operation_rules"), rule));

        assertEquals(RULE_TEXT.replace("      verdict: deny\n", "      verdict: deny\n    - operation_class: write\n      verdict: allow\n"), out);
        ToolPermission p = read(with(RULE, out)).all(ToolPermission.class).get(0);
        assertEquals(List.of("read", "write"), p.operationRules().stream().map(r -> r.operationClass().value()).toList());
        assertEquals(List.of("web-search"), List.of(p.toolRef().value()));
        assertEquals(List.of("a"), values(p.targetAgents()));
        assertEquals(findings(base()), findings(with(RULE, out)));
    }

    @Test
    void anEmptyOrFlowListIsRewrittenInBlockStyle() {
        String empty = AGENT_TEXT.replace("  # roles come later\n", "  roles:\n");
        String flow = AGENT_TEXT.replace("  # roles come later\n", "  roles: [x]\n");

        assertEquals(AGENT_TEXT.replace("  # roles come later\n", "  roles:\n    - r\n"),
                apply(empty, AGENT, edits(AGENT, empty).addItem(List.of("spec", "roles"), "r")));
        String out = apply(flow, AGENT, edits(AGENT, flow).addItem(List.of("spec", "roles"), "r"));
        assertEquals(AGENT_TEXT.replace("  # roles come later\n", "  roles:\n    - x\n    - r\n"), out);
        assertEquals(List.of("x", "r"), values(agent(with(AGENT, out)).roles()));
    }

    @Test
    void removingAFieldTakesItsBlockAndLeavesTheNextComment() {
        String out = apply(AGENT_TEXT, AGENT, edits(AGENT, AGENT_TEXT).removeField(List.of("spec", "tools")));

        assertEquals(AGENT_TEXT.replace("  tools:\n    - web-search\n", ""), out);
        assertEquals(List.of(), agent(with(AGENT, out)).tools());
    }

    @Test
    void aFieldIsAddedAtItsMapsIndentation() {
        String out = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).addField(List.of("spec"), "match_mode", "any"));

        assertEquals(RULE_TEXT + "  match_mode: any\n", out);
        assertEquals("any", read(with(RULE, out)).all(ToolPermission.class).get(0).matchMode().value());
        assertEquals(Optional.empty(), edits(RULE, RULE_TEXT).addField(List.of("spec"), "tool_ref", "x"));
    }

    @Test
    void aFileWithoutFinalNewlineOrWithCrLfKeepsItsShape() {
        String bare = ROLE_TEXT.substring(0, ROLE_TEXT.length() - 1);
        String crlf = ROLE_TEXT.replace("\n", "\r\n");

        assertEquals(bare + "\n    - \"x\"", apply(bare, ROLE, edits(ROLE, bare).addItem(List.of("spec", "permissions"), "x")));
        assertEquals(bare.replace("\n    - capability:web.read", ""),
                apply(bare, ROLE, edits(ROLE, bare).removeItem(List.of("spec", "permissions"), "capability:web.read")));
        assertEquals(crlf + "  x: z\r\n", apply(crlf, ROLE, edits(ROLE, crlf).addField(List.of("spec"), "x", "z")));
    }

    @Test
    void aListCreatedBeforeAKeyGoesAboveTheCommentsOfThatKey() {
        String text = AGENT_TEXT.replace("  limits:\n", "  # the lists\n  roles:\n    - r\n  limits:\n");
        String out = apply(text, AGENT, edits(AGENT, text).addItem(List.of("spec", "models"), "gpt-4o", List.of("tools", "roles")));

        assertEquals(text.replace("  tools:\n", "  models:\n    - gpt-4o\n  tools:\n"), out);
        String commented = AGENT_TEXT.replace("  tools:\n", "  # declared tools\n  tools:\n");
        assertEquals(commented.replace("  # declared tools\n", "  models:\n    - gpt-4o\n  # declared tools\n"),
                apply(commented, AGENT, edits(AGENT, commented).addItem(List.of("spec", "models"), "gpt-4o", List.of("tools"))));
        assertEquals(List.of("gpt-4o"), values(agent(with(AGENT, out)).seedModels()));
    }

    @Test
    void anIntOrBoolFieldIsWrittenPlainWhereAStringWouldBeQuoted() {
        YamlEdits e = edits(AGENT, AGENT_TEXT);

        assertEquals(Optional.of("25"), e.setTyped(List.of("spec", "limits", "max_steps"), "25").map(TextEdit::replacement));
        assertEquals(Optional.of("\"true\""), e.setScalar(List.of("spec", "model_ref"), "true").map(TextEdit::replacement));
        assertEquals(Optional.of("true"), e.setTyped(List.of("spec", "model_ref"), "true").map(TextEdit::replacement));
        assertEquals(Optional.of("m2"), e.setTyped(List.of("spec", "model_ref"), "m2").map(TextEdit::replacement));
        String out = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).addTypedField(List.of("spec"), "max_turns", "3"));
        assertEquals(RULE_TEXT + "  max_turns: 3\n", out);
        assertEquals(Optional.of("  x: \"3s\"\n"), edits(RULE, RULE_TEXT).addTypedField(List.of("spec"), "x", "3s").map(TextEdit::replacement));
    }

    @Test
    void aNestedFieldOrListCreatesTheMappingsAboveItThatAreMissing() {
        String runtime = apply(TOOL, new SourceId("tools/t.yaml"), edits(new SourceId("tools/t.yaml"), TOOL)
                .addNestedField(List.of("spec", "runtime", "retry"), "max_attempts", "3", true));
        String memory = apply(AGENT_TEXT, AGENT, edits(AGENT, AGENT_TEXT).addNestedItem(List.of("spec", "memory", "allow"), "read"));
        String existing = apply(AGENT_TEXT, AGENT, edits(AGENT, AGENT_TEXT).addNestedField(List.of("spec", "limits"), "timeout", "30s", false));

        assertEquals(TOOL + "  runtime:\n    retry:\n      max_attempts: 3\n", runtime);
        assertEquals(AGENT_TEXT + "  memory:\n    allow:\n      - read\n", memory);
        assertEquals(AGENT_TEXT + "    timeout: \"30s\"\n", existing);
        assertEquals(Optional.empty(), edits(AGENT, AGENT_TEXT).addNestedField(List.of("spec", "model_ref", "x"), "y", "z", false));
        assertEquals(Optional.empty(), edits(RULE, RULE_TEXT).addNestedField(List.of("spec", "operation_rules", "5"), "verdict", "deny", false));
    }

    @Test
    void aMapItemOfAMissingOrEmptyListCreatesTheList() {
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("operation_class", "read");
        rule.put("verdict", "deny");
        SourceId tool = new SourceId("tools/t.yaml");
        String missing = apply(TOOL, tool, edits(tool, TOOL).addNestedMapItem(List.of("spec", "operation_rules"), rule));
        String empty = TOOL + "  operation_rules:\n";
        String filled = apply(empty, tool, edits(tool, empty).addNestedMapItem(List.of("spec", "operation_rules"), rule));
        String more = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).addNestedMapItem(List.of("spec", "operation_rules"), rule));

        assertEquals(TOOL + "  operation_rules:\n    - operation_class: read\n      verdict: deny\n", missing);
        assertEquals(missing, filled);
        assertEquals(apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).addMapItem(List.of("spec", "operation_rules"), rule)), more);
    }

    @Test
    void jsonAndBrokenYamlAreNotEdited() {
        assertEquals(Optional.empty(), YamlEdits.of(new SourceId("a.json"), "{\"kind\": \"Agent\"}").map(YamlEdits::file));
        assertEquals(Optional.empty(), YamlEdits.of(AGENT, "a: [\n").map(YamlEdits::file));
    }
}
