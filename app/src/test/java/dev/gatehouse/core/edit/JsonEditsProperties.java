package dev.gatehouse.core.edit;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adding and removing list items on generated JSON agents (lists inline or one item per line, present, empty or
 * absent): the model changes exactly as intended and the validator finds what it finds in the agent written
 * directly with the resulting lists.
 */
class JsonEditsProperties {
    static final SourceId FILE = new SourceId("agents/a.json");

    record Case(List<String> tools, List<String> roles, boolean multiline, boolean toolsKey, boolean rolesKey,
                boolean onRoles, boolean add, String name) {}

    static String agent(List<String> tools, List<String> roles, boolean multiline, boolean toolsKey, boolean rolesKey) {
        StringBuilder b = new StringBuilder("{\n  \"apiVersion\": \"orloj.dev/v1\",\n  \"kind\": \"Agent\",\n  \"metadata\": {\"name\": \"a\"},\n"
                + "  \"spec\": {\n    \"model_ref\": \"m\"");
        if (toolsKey || !tools.isEmpty()) {
            b.append(",\n    \"tools\": ").append(array(tools, multiline));
        }
        if (rolesKey || !roles.isEmpty()) {
            b.append(",\n    \"roles\": ").append(array(roles, multiline));
        }
        return b.append("\n  }\n}\n").toString();
    }

    static String array(List<String> items, boolean multiline) {
        if (items.isEmpty()) {
            return "[]";
        }
        List<String> quoted = items.stream().map(JsonEdits::string).toList();
        return multiline ? "[\n      " + String.join(",\n      ", quoted) + "\n    ]" : "[" + String.join(", ", quoted) + "]";
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> lists = Arbitraries.of(YamlEditsProperties.NAMES).list().ofMaxSize(3).uniqueElements();
        Arbitrary<Boolean> bools = Arbitraries.of(true, false);
        return Builders.withBuilder(() -> new Case(List.of(), List.of(), false, false, false, false, false, ""))
                .use(lists).in((c, x) -> new Case(x, c.roles(), c.multiline(), c.toolsKey(), c.rolesKey(), c.onRoles(), c.add(), c.name()))
                .use(lists).in((c, x) -> new Case(c.tools(), x, c.multiline(), c.toolsKey(), c.rolesKey(), c.onRoles(), c.add(), c.name()))
                .use(bools).in((c, x) -> new Case(c.tools(), c.roles(), x, c.toolsKey(), c.rolesKey(), c.onRoles(), c.add(), c.name()))
                .use(bools).in((c, x) -> new Case(c.tools(), c.roles(), c.multiline(), x, c.rolesKey(), c.onRoles(), c.add(), c.name()))
                .use(bools).in((c, x) -> new Case(c.tools(), c.roles(), c.multiline(), c.toolsKey(), x, c.onRoles(), c.add(), c.name()))
                .use(bools).in((c, x) -> new Case(c.tools(), c.roles(), c.multiline(), c.toolsKey(), c.rolesKey(), x, c.add(), c.name()))
                .use(bools).in((c, x) -> new Case(c.tools(), c.roles(), c.multiline(), c.toolsKey(), c.rolesKey(), c.onRoles(), x, c.name()))
                .use(Arbitraries.of(YamlEditsProperties.NAMES)).in((c, x) -> new Case(c.tools(), c.roles(), c.multiline(), c.toolsKey(), c.rolesKey(), c.onRoles(), c.add(), x))
                .build();
    }

    @Property(tries = 300)
    void anItemEditChangesExactlyThatList(@ForAll("cases") Case c) {
        String before = agent(c.tools(), c.roles(), c.multiline(), c.toolsKey(), c.rolesKey());
        List<String> list = c.onRoles() ? c.roles() : c.tools();
        List<String> path = List.of("spec", c.onRoles() ? "roles" : "tools");
        boolean applicable = c.add() != list.contains(c.name());
        ManifestEdits edits = ManifestEdits.of(FILE, before).orElseThrow();
        Optional<TextEdit> edit = c.add() ? (applicable ? edits.addItem(path, c.name()) : Optional.empty()) : edits.removeItem(path, c.name());
        assertEquals(applicable, edit.isPresent());
        if (edit.isEmpty()) {
            return;
        }
        List<String> expected = new ArrayList<>(list);
        if (c.add()) {
            expected.add(c.name());
        } else {
            expected.remove(c.name());
        }
        String after = WorkspaceEdit.applyTo(new SourceText(FILE, before), List.of(edit.get())).orElseThrow();
        Agent a = YamlEditsTest.read(files(after)).all(Agent.class).get(0);
        assertEquals(c.onRoles() ? expected : c.roles(), YamlEditsProperties.values(a.roles()), after);
        assertEquals(c.onRoles() ? c.tools() : expected, YamlEditsProperties.values(a.tools()), after);
        boolean toolsKey = c.toolsKey() || !c.tools().isEmpty() || !c.onRoles();
        boolean rolesKey = c.rolesKey() || !c.roles().isEmpty() || c.onRoles();
        String written = c.onRoles() ? agent(c.tools(), expected, c.multiline(), toolsKey, rolesKey) : agent(expected, c.roles(), c.multiline(), toolsKey, rolesKey);
        assertEquals(YamlEditsTest.findings(files(written)), YamlEditsTest.findings(files(after)), after);
    }

    static Map<SourceId, String> files(String agent) {
        Map<SourceId, String> m = new LinkedHashMap<>(YamlEditsTest.base());
        m.remove(YamlEditsTest.AGENT);
        m.put(FILE, agent);
        return m;
    }
}
