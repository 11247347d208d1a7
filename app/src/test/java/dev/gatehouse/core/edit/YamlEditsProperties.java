package dev.gatehouse.core.edit;

import dev.gatehouse.core.model.Agent;
import dev.gatehouse.core.source.Located;
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
 * Adding and removing list items on generated agents (fields in any order, comments between them, a prompt
 * block, indented or indentless lists, quoted or plain items): the model changes exactly as intended, every
 * untouched line stays, and the validator finds what it finds in the same agent written directly.
 */
class YamlEditsProperties {
    static final SourceId FILE = new SourceId("agents/a.yaml");
    static final List<String> NAMES = List.of("web-search", "kb", "tool:x:invoke", "r1", "db/query");

    record Layout(List<String> order, boolean comments, boolean indentless, boolean quoted, boolean prompt) {}

    record Case(List<String> tools, List<String> roles, Layout layout, boolean onRoles, boolean add, String name) {}

    static String agent(List<String> tools, List<String> roles, Layout l) {
        StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n");
        for (String field : l.order()) {
            if (l.comments()) {
                b.append("  # about ").append(field).append('\n');
            }
            switch (field) {
                case "model_ref" -> b.append("  model_ref: m\n");
                case "prompt" -> {
                    if (l.prompt()) {
                        b.append("  prompt: |\n    Be careful.\n\n    Check twice.\n");
                    }
                }
                case "limits" -> b.append("  limits:\n    max_steps: 3\n");
                default -> {
                    List<String> items = field.equals("tools") ? tools : roles;
                    if (!items.isEmpty()) {
                        b.append("  ").append(field).append(":\n");
                        for (String i : items) {
                            b.append(l.indentless() ? "  - " : "    - ").append(l.quoted() ? "\"" + i + "\"" : i).append('\n');
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> lists = Arbitraries.of(NAMES).list().ofMaxSize(3).uniqueElements();
        Arbitrary<Layout> layouts = Builders.withBuilder(() -> new Layout(List.of(), false, false, false, false))
                .use(Arbitraries.of("model_ref", "prompt", "tools", "roles", "limits").list().ofSize(5).uniqueElements())
                .in((l, o) -> new Layout(o, l.comments(), l.indentless(), l.quoted(), l.prompt()))
                .use(Arbitraries.of(true, false)).in((l, c) -> new Layout(l.order(), c, l.indentless(), l.quoted(), l.prompt()))
                .use(Arbitraries.of(true, false)).in((l, c) -> new Layout(l.order(), l.comments(), c, l.quoted(), l.prompt()))
                .use(Arbitraries.of(true, false)).in((l, c) -> new Layout(l.order(), l.comments(), l.indentless(), c, l.prompt()))
                .use(Arbitraries.of(true, false)).in((l, c) -> new Layout(l.order(), l.comments(), l.indentless(), l.quoted(), c))
                .build();
        return Builders.withBuilder(() -> new Case(List.of(), List.of(), null, false, false, ""))
                .use(lists).in((c, x) -> new Case(x, c.roles(), c.layout(), c.onRoles(), c.add(), c.name()))
                .use(lists).in((c, x) -> new Case(c.tools(), x, c.layout(), c.onRoles(), c.add(), c.name()))
                .use(layouts).in((c, x) -> new Case(c.tools(), c.roles(), x, c.onRoles(), c.add(), c.name()))
                .use(Arbitraries.of(true, false)).in((c, x) -> new Case(c.tools(), c.roles(), c.layout(), x, c.add(), c.name()))
                .use(Arbitraries.of(true, false)).in((c, x) -> new Case(c.tools(), c.roles(), c.layout(), c.onRoles(), x, c.name()))
                .use(Arbitraries.of(NAMES)).in((c, x) -> new Case(c.tools(), c.roles(), c.layout(), c.onRoles(), c.add(), x))
                .build();
    }

    @Property(tries = 300)
    void anItemEditChangesExactlyThatList(@ForAll("cases") Case c) {
        String before = agent(c.tools(), c.roles(), c.layout());
        List<String> list = c.onRoles() ? c.roles() : c.tools();
        List<String> path = List.of("spec", c.onRoles() ? "roles" : "tools");
        boolean applicable = c.add() != list.contains(c.name());
        YamlEdits edits = YamlEdits.of(FILE, before).orElseThrow();
        Optional<TextEdit> edit = c.add() ? (applicable ? edits.addItem(path, c.name()) : Optional.empty())
                : edits.removeItem(path, c.name());
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

        Map<SourceId, String> edited = files(after);
        Agent a = YamlEditsTest.read(edited).all(Agent.class).get(0);
        assertEquals(c.onRoles() ? expected : c.roles(), values(a.roles()));
        assertEquals(c.onRoles() ? c.tools() : expected, values(a.tools()));
        Agent was = YamlEditsTest.read(files(before)).all(Agent.class).get(0);
        assertEquals(was.prompt().map(Located::value), a.prompt().map(Located::value));
        assertEquals(was.limits().maxSteps(), a.limits().maxSteps());
        String written = c.onRoles() ? agent(c.tools(), expected, c.layout()) : agent(expected, c.roles(), c.layout());
        assertEquals(YamlEditsTest.findings(files(written)), YamlEditsTest.findings(edited));
        assertEquals(true, untouched(before, after));
    }

    static Map<SourceId, String> files(String agent) {
        Map<SourceId, String> m = new LinkedHashMap<>(YamlEditsTest.base());
        m.put(FILE, agent);
        return m;
    }

    /** Every line of the shorter text appears in the longer in order, and only list lines differ. */
    static boolean untouched(String before, String after) {
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        List<String> longer = a.size() >= b.size() ? a : b;
        List<String> shorter = a.size() >= b.size() ? b : a;
        int j = 0;
        for (String line : longer) {
            if (j < shorter.size() && shorter.get(j).equals(line)) {
                j++;
            } else if (!line.startsWith("  ")) {
                return false;
            }
        }
        return j == shorter.size();
    }

    static List<String> values(List<Located<String>> l) {
        return l.stream().map(Located::value).toList();
    }
}
