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

    // ------------------------------------------------------------------------------------------------ maps

    static final SourceId SYSTEM = new SourceId("systems/s.yaml");
    static final String LABELLED = """
            apiVersion: orloj.dev/v1
            kind: Agent
            metadata:
              name: a
              # who owns it
              labels:
                team: support
                tier: "gold"
            spec:
              model_ref: m
            """;

    @Test
    void aLabelGoesAfterTheLastOneAndKeepsTheCommentsAndIndentation() {
        String out = apply(LABELLED, AGENT, edits(AGENT, LABELLED).putEntry(List.of("metadata", "labels"), "owner", "ops"));
        String four = "kind: Agent\nmetadata:\n    name: a\n    labels:\n        team: support\n        tier: \"gold\"\nspec:\n    model_ref: m\n";
        String deeper = apply(four, AGENT, edits(AGENT, four).putEntry(List.of("metadata", "labels"), "owner", "ops"));

        assertEquals(LABELLED.replace("    tier: \"gold\"\n", "    tier: \"gold\"\n    owner: ops\n"), out);
        assertEquals(four.replace("        tier: \"gold\"\n", "        tier: \"gold\"\n        owner: ops\n"), deeper);
        assertEquals(Map.of("team", "support", "tier", "gold", "owner", "ops"), labels(out));
    }

    @Test
    void aMissingOrEmptyOrFlowMapBecomesABlockMapping() {
        String bare = "kind: Task\nmetadata:\n  name: t\nspec:\n  system: s\n";
        String empty = bare.replace("  system: s\n", "  input: {}\n  system: s\n");
        String nothing = bare.replace("  system: s\n", "  input:   # filled in later\n  system: s\n");
        String flow = bare.replace("  system: s\n", "  input: {topic: refunds, 'id': \"7\"}  # kickoff\n  system: s\n");
        SourceId task = new SourceId("tasks/t.yaml");

        assertEquals(bare + "  input:\n    topic: a b\n",
                apply(bare, task, edits(task, bare).putEntry(List.of("spec", "input"), "topic", "a b")));
        assertEquals(bare.replace("  system: s\n", "  input:\n    topic: a b\n  system: s\n"),
                apply(empty, task, edits(task, empty).putEntry(List.of("spec", "input"), "topic", "a b")));
        assertEquals(bare.replace("  system: s\n", "  # filled in later\n  input:\n    topic: a b\n  system: s\n"),
                apply(nothing, task, edits(task, nothing).putEntry(List.of("spec", "input"), "topic", "a b")));
        assertEquals(bare.replace("  system: s\n", "  # kickoff\n  input:\n    topic: refunds\n    id: \"7\"\n    priority: high\n  system: s\n"),
                apply(flow, task, edits(task, flow).putEntry(List.of("spec", "input"), "priority", "high")));
        assertEquals("  labels:\n    team: ops\n", edits(AGENT, AGENT_TEXT).putEntry(List.of("metadata", "labels"), "team", "ops")
                .orElseThrow().replacement());
    }

    @Test
    void aKeyThatNoQuotingReadsAlikeIsRefusedAndValuesAreQuotedWhenTheyMustBe() {
        YamlEdits e = edits(AGENT, LABELLED);
        List<String> labels = List.of("metadata", "labels");

        for (String key : List.of("a: b", "a:b", "#x", "x #y", "-x", "? x", "[x]", "a,b", "{x}", "'x'", "\"x\"", "&x", "*x", "!x", "|x", ">x",
                "%x", "@x", "`x", " x", "x ", "yes", "No", "true", "null", "~", "8080", "1e3", "-1", ".5", ".inf", "<<", "=", "a\tb", "a\nb", "")) {
            assertEquals(Optional.empty(), e.putEntry(labels, key, "v"), key);
            assertEquals(Optional.empty(), e.renameEntry(labels, "team", key), key);
        }
        assertEquals("    note: \"a: b\"\n", e.putEntry(labels, "note", "a: b").orElseThrow().replacement());
        assertEquals("    note: \"x #1\"\n", e.putEntry(labels, "note", "x #1").orElseThrow().replacement());
        assertEquals("    note: \"\"\n", e.putEntry(labels, "note", "").orElseThrow().replacement());
        assertEquals("    équipe: \"données\"\n", e.putEntry(labels, "équipe", "données").orElseThrow().replacement());
        assertEquals("    チーム: \"サポート\"\n", e.putEntry(labels, "チーム", "サポート").orElseThrow().replacement());
        assertEquals("    app.kubernetes.io/name: gatehouse\n", e.putEntry(labels, "app.kubernetes.io/name", "gatehouse").orElseThrow().replacement());
        assertEquals(Optional.empty(), e.putEntry(labels, "team", "again"));
        assertEquals(Optional.empty(), e.putEntry(labels, "note", "null"));
        assertEquals(Optional.empty(), e.putEntry(labels, "note", "a\nb"));
        String unicode = apply(LABELLED, AGENT, e.putEntry(labels, "チーム", "サポート"));
        assertEquals("サポート", labels(unicode).get("チーム"));
        assertEquals(findings(with(AGENT, LABELLED)), findings(with(AGENT, unicode)));
    }

    @Test
    void aKeyIsRenamedInPlaceAndAValueSetInItsQuoting() {
        YamlEdits e = edits(AGENT, LABELLED);
        List<String> labels = List.of("metadata", "labels");

        String renamed = apply(LABELLED, AGENT, e.renameEntry(labels, "team", "squad"));
        String set = apply(LABELLED, AGENT, e.setEntry(labels, "tier", "silver"));
        String emptied = apply(LABELLED, AGENT, e.setEntry(labels, "tier", ""));

        assertEquals(LABELLED.replace("    team: support", "    squad: support"), renamed);
        assertEquals(LABELLED.replace("\"gold\"", "\"silver\""), set);
        assertEquals(LABELLED.replace("\"gold\"", "\"\""), emptied);
        assertEquals(Optional.empty(), e.renameEntry(labels, "team", "tier"));
        assertEquals(Optional.empty(), e.renameEntry(labels, "nope", "x"));
        assertEquals(Optional.empty(), e.setEntry(labels, "nope", "x"));
    }

    @Test
    void removingALabelTakesItsLineAndTheLastTakesTheKey() {
        YamlEdits e = edits(AGENT, LABELLED);
        List<String> labels = List.of("metadata", "labels");

        String one = apply(LABELLED, AGENT, e.removeEntry(labels, "team"));
        String none = apply(one, AGENT, edits(AGENT, one).removeEntry(labels, "tier"));
        String flow = LABELLED.replace("  labels:\n    team: support\n    tier: \"gold\"\n", "  labels: {team: support, tier: gold}\n");
        String fromFlow = apply(flow, AGENT, edits(AGENT, flow).removeEntry(labels, "team"));

        assertEquals(LABELLED.replace("    team: support\n", ""), one);
        assertEquals(LABELLED.replace("  labels:\n    team: support\n    tier: \"gold\"\n", ""), none);
        assertEquals(flow.replace("  labels: {team: support, tier: gold}\n", "  labels:\n    tier: gold\n"), fromFlow);
        assertEquals(Map.of(), labels(none));
    }

    @Test
    void aMapWithAnAnchorAliasOrTagIsNotEditedAndSaysWhy() {
        String anchored = LABELLED.replace("  labels:\n", "  labels: &l\n") + "  memory:\n    provider: *l\n";
        String aliased = "kind: Agent\nmetadata:\n  name: a\n  annotations: &l {a: b}\n  labels: *l\nspec:\n  model_ref: m\n";
        String tagged = LABELLED.replace("tier: \"gold\"", "tier: !!str gold");
        String twice = LABELLED.replace("    tier: \"gold\"\n", "    tier: \"gold\"\n    team: ops\n");
        String explicit = LABELLED.replace("    tier: \"gold\"\n", "    ? tier\n    : gold\n");
        List<String> labels = List.of("metadata", "labels");

        assertEquals(Optional.of("`metadata.labels` uses an anchor or alias (anchor `&l`): edit it in the text, where every place that shares it can be seen"),
                edits(AGENT, anchored).refusal(labels));
        assertEquals(Optional.of("`metadata.labels` is an alias of a value written elsewhere: edit it in the text"), edits(AGENT, aliased).refusal(labels));
        assertEquals(Optional.of("`metadata.labels` carries a tag (tag `tag:yaml.org,2002:str`): edit it in the text, where every place that shares it can be seen"),
                edits(AGENT, tagged).refusal(labels));
        assertEquals(Optional.empty(), YamlEdits.of(AGENT, twice).map(YamlEdits::file), "a key written twice is an error: the text is not edited");
        assertEquals(Optional.of("`metadata.labels.tier` has an explicit `? ` key: edit it in the text"), edits(AGENT, explicit).refusal(List.of("metadata", "labels", "tier")));
        for (String text : List.of(anchored, aliased, tagged)) {
            YamlEdits e = edits(AGENT, text);
            assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), List.of(e.putEntry(labels, "x", "y"),
                    e.setEntry(labels, "team", "y"), e.removeEntry(labels, "team"), e.renameEntry(labels, "team", "y")), text);
        }
        assertEquals(Optional.empty(), edits(AGENT, anchored).refusal(List.of("spec", "model_ref")));
        assertEquals(Optional.empty(), edits(AGENT, LABELLED).refusal(labels));
    }

    @Test
    void crlfAndAMissingFinalLineBreakAreKept() {
        String crlf = LABELLED.replace("\n", "\r\n");
        String bare = "kind: Agent\nmetadata:\n  name: a\n  labels:\n    team: support";

        assertEquals(crlf.replace("    tier: \"gold\"\r\n", "    tier: \"gold\"\r\n    x: \"y\"\r\n"),
                apply(crlf, AGENT, edits(AGENT, crlf).putEntry(List.of("metadata", "labels"), "x", "y")));
        assertEquals(bare + "\n    x: z", apply(bare, AGENT, edits(AGENT, bare).putEntry(List.of("metadata", "labels"), "x", "z")));
    }

    static Map<String, String> labels(String agentText) {
        Map<String, String> out = new LinkedHashMap<>();
        agent(with(AGENT, agentText)).meta().labels().forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ block scalars

    @Test
    void aPromptIsWrittenBackAsALiteralBlockUnderItsKey() {
        YamlEdits e = edits(AGENT, AGENT_TEXT);

        String out = apply(AGENT_TEXT, AGENT, e.setText(List.of("spec", "prompt"), "Research things.\n\nThen write: a report #1.\n  - indented\n"));

        assertEquals(AGENT_TEXT.replace("    Research things.\n\n    # not a comment: prompt text\n",
                "    Research things.\n\n    Then write: a report #1.\n      - indented\n"), out);
        assertEquals(Optional.of("Research things.\n\nThen write: a report #1.\n  - indented\n"), agent(with(AGENT, out)).prompt().map(Located::value));
    }

    @Test
    void chompingFollowsTheFinalLineBreaks() {
        YamlEdits e = edits(AGENT, AGENT_TEXT);
        String strip = apply(AGENT_TEXT, AGENT, e.setText(List.of("spec", "prompt"), "one\ntwo"));
        String keep = apply(AGENT_TEXT, AGENT, e.setText(List.of("spec", "prompt"), "one\n\n"));

        assertEquals(AGENT_TEXT.replace("  prompt: |\n    Research things.\n\n    # not a comment: prompt text\n", "  prompt: |-\n    one\n    two\n"), strip);
        assertEquals(AGENT_TEXT.replace("  prompt: |\n    Research things.\n\n    # not a comment: prompt text\n", "  prompt: |+\n    one\n\n"), keep);
        assertEquals(Optional.of("one\n\n"), agent(with(AGENT, keep)).prompt().map(Located::value));
    }

    @Test
    void aPlainPromptWithALineBreakBecomesABlockAndItsCommentMovesAbove() {
        String plain = AGENT_TEXT.replace("  prompt: |\n    Research things.\n\n    # not a comment: prompt text\n", "  prompt: \"Research.\"   # short\n");
        String absent = AGENT_TEXT.replace("  prompt: |\n    Research things.\n\n    # not a comment: prompt text\n", "");

        assertEquals(plain.replace("  prompt: \"Research.\"   # short\n", "  # short\n  prompt: |\n    Research.\n    More.\n"),
                apply(plain, AGENT, edits(AGENT, plain).setText(List.of("spec", "prompt"), "Research.\nMore.\n")));
        assertEquals(plain.replace("\"Research.\"", "\"Less.\""), apply(plain, AGENT, edits(AGENT, plain).setText(List.of("spec", "prompt"), "Less.")));
        assertEquals(absent + "  prompt: |\n    a\n\n    b\n", apply(absent, AGENT, edits(AGENT, absent).setText(List.of("spec", "prompt"), "a\n\nb\n")));
        String commented = AGENT_TEXT.replace("  prompt: |\n", "  prompt: |   # reviewed\n");
        assertEquals(AGENT_TEXT.replace("  prompt: |\n    Research things.\n\n    # not a comment: prompt text\n", "  # reviewed\n  prompt: |\n    x\n    y\n"),
                apply(commented, AGENT, edits(AGENT, commented).setText(List.of("spec", "prompt"), "x\ny\n")));
    }

    @Test
    void aBlockKeepsItsPlaceInADeeperOrListedMapping() {
        String deep = "kind: Agent\nmetadata:\n    name: a\nspec:\n    model_ref: m\n    prompt: |\n            far in\n    tools:\n        - t\n";
        String listed = "kind: X\nspec:\n  items:\n    - description: >-\n        folded\n        text\n      name: n\n";
        SourceId x = new SourceId("x.yaml");

        assertEquals(deep.replace("            far in\n", "      near\n      here\n"),
                apply(deep, AGENT, edits(AGENT, deep).setText(List.of("spec", "prompt"), "near\nhere\n")));
        assertEquals(listed.replace("        folded\n        text\n", "        new words\n"),
                apply(listed, x, edits(x, listed).setText(List.of("spec", "items", "0", "description"), "new words")));
    }

    @Test
    void aFoldedBlockIsRewrappedAndFoldsBackToTheSameText() {
        String folded = "kind: X\nspec:\n  description: >\n    one two\n    three\n  next: 1\n";
        SourceId x = new SourceId("x.yaml");
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma";

        String out = apply(folded, x, edits(x, folded).setText(List.of("spec", "description"), words + "\nsecond paragraph\n"));

        assertEquals("kind: X\nspec:\n  description: >\n    alpha beta gamma delta epsilon zeta eta\n    theta iota kappa lambda mu nu xi omicron\n"
                + "    pi rho sigma\n\n    second paragraph\n  next: 1\n", out, "wrapped within 40 columns, the narrowest kept");
        assertEquals(words + "\nsecond paragraph\n", ((dev.gatehouse.core.parse.ScalarNode) edits(x, out).node(List.of("spec", "description")).orElseThrow()).text());
        String tabbed = apply(folded, x, edits(x, folded).setText(List.of("spec", "description"), "a\tb\n"));
        assertEquals("kind: X\nspec:\n  description: |\n    a\tb\n  next: 1\n", tabbed);
    }

    @Test
    void textNoBlockCanHoldIsRefused() {
        YamlEdits e = edits(AGENT, AGENT_TEXT);

        for (String bad : List.of(" starts with a space\nx", "\tstarts with a tab\nx", "a\rb\n", "bell \u0007\n", "\n\n", "")) {
            assertEquals(Optional.empty(), e.setText(List.of("spec", "prompt"), bad), bad);
        }
        assertEquals(Optional.empty(), edits(AGENT, AGENT_TEXT.replace("model_ref: m", "model_ref: &m m")).setText(List.of("spec", "model_ref"), "a\nb"));
    }

    // ------------------------------------------------------------------------------------------------ graphs and nested edits

    static final String SYSTEM_TEXT = """
            apiVersion: orloj.dev/v1
            kind: AgentSystem
            metadata:
              name: s
            spec:
              agents:
                - a
                - b
                - c
              graph:
                a:
                  edges:
                    - to: b
                b:
            """;

    @Test
    void aGraphNodeGetsItsFirstEdgeAndJoinUnderItsEmptyKey() {
        YamlEdits e = edits(SYSTEM, SYSTEM_TEXT);
        Map<String, String> toC = Map.of("to", "c");

        String edge = apply(SYSTEM_TEXT, SYSTEM, e.addNestedMapItem(List.of("spec", "graph", "b", "edges"), toC));
        String more = apply(SYSTEM_TEXT, SYSTEM, e.addNestedMapItem(List.of("spec", "graph", "a", "edges"), toC));
        String join = apply(SYSTEM_TEXT, SYSTEM, e.setValue(List.of("spec", "graph", "b", "join", "mode"), "quorum", false));
        String node = apply(SYSTEM_TEXT, SYSTEM, e.addObject(List.of("spec", "graph"), "c"));

        assertEquals(SYSTEM_TEXT + "      edges:\n        - to: c\n", edge);
        assertEquals(SYSTEM_TEXT.replace("        - to: b\n", "        - to: b\n        - to: c\n"), more);
        assertEquals(SYSTEM_TEXT + "      join:\n        mode: quorum\n", join);
        assertEquals(SYSTEM_TEXT + "    c:\n", node);
        assertEquals(new java.util.TreeSet<>(findings(Map.of(SYSTEM, SYSTEM_TEXT))), new java.util.TreeSet<>(findings(Map.of(SYSTEM, edge))));
        assertEquals(Optional.empty(), e.addObject(List.of("spec", "graph"), "a"));
    }

    @Test
    void removingTheLastEdgeLeavesTheNodeAndTheLastNodeTakesTheGraph() {
        YamlEdits e = edits(SYSTEM, SYSTEM_TEXT);

        String edgeless = apply(SYSTEM_TEXT, SYSTEM, e.removeListItem(List.of("spec", "graph", "a", "edges"), 0));
        String one = apply(SYSTEM_TEXT, SYSTEM, e.removeEntry(List.of("spec", "graph"), "a"));
        String none = apply(one, SYSTEM, edits(SYSTEM, one).removeEntry(List.of("spec", "graph"), "b"));

        assertEquals(SYSTEM_TEXT.replace("      edges:\n        - to: b\n", ""), edgeless);
        assertEquals(SYSTEM_TEXT.replace("    a:\n      edges:\n        - to: b\n", ""), one);
        assertEquals(SYSTEM_TEXT.replace("  graph:\n    a:\n      edges:\n        - to: b\n    b:\n", ""), none);
    }

    @Test
    void clearingTheFirstKeyOfAListItemHandsItsDashToTheNext() {
        String out = apply(RULE_TEXT, RULE, edits(RULE, RULE_TEXT).clear(List.of("spec", "operation_rules", "0", "operation_class")));

        assertEquals(RULE_TEXT.replace("    - operation_class: read\n      verdict: deny\n", "    - verdict: deny\n"), out);
        assertEquals(Verdict.DENY, read(with(RULE, out)).all(ToolPermission.class).get(0).operationRules().get(0).verdict().value());
    }
}
