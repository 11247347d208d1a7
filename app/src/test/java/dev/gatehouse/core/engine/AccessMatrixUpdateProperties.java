package dev.gatehouse.core.engine;

import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.source.SourceId;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link AccessMatrix#update} (of a tools or a models matrix) after a one-file edit, on an engine compiled from the previous one
 * ({@link DecisionEngine#compile(dev.gatehouse.core.model.Workspace, DecisionEngine, java.util.Collection)}), equals
 * the matrix of an engine compiled from scratch, cell by cell, in every context. The edit replaces one file of a generated workspace by the same-named file of another (which
 * changes, adds or deletes it, in any kind), or by a file nothing can be read from. The other workspace shares
 * the first's base or its extras most of the time, so that the edit is one of the files where they differ.
 */
class AccessMatrixUpdateProperties {
    @Provide
    Arbitrary<EngineProperties.Variant> variants() {
        return EngineProperties.variantsOf();
    }

    private static List<List<Object>> cells(AccessMatrix m) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < m.agents().size(); r++) {
            for (int c = 0; c < m.columns().size(); c++) {
                List<Object> cell = new ArrayList<>(List.of(m.agents().get(r), m.columns().get(c)));
                cell.addAll(EngineProperties.outcome(m.cell(r, c)));
                out.add(cell);
            }
        }
        return out;
    }

    @Property(tries = 600)
    void anUpdatedMatrixEqualsARecomputedOne(@ForAll("variants") EngineProperties.Variant before,
                                             @ForAll("variants") EngineProperties.Variant other,
                                             @ForAll @IntRange(max = 1000) int pick, @ForAll @IntRange(max = 2) int context,
                                             @ForAll @IntRange(max = 9) int kind, @ForAll boolean models) {
        Fixtures a = before.fixtures();
        Fixtures b = switch (kind % 3) {
            case 0 -> new EngineProperties.Variant(before.spec(), other.extras()).fixtures();
            case 1 -> new EngineProperties.Variant(other.spec(), before.extras()).fixtures();
            default -> other.fixtures();
        };
        Set<String> names = new TreeSet<>(a.names());
        names.addAll(b.names());
        List<String> differing = names.stream().filter(n -> !java.util.Objects.equals(a.text(n), b.text(n))).toList();
        String name = (differing.isEmpty() ? new ArrayList<>(names) : differing).get(pick % (differing.isEmpty() ? names.size() : differing.size()));
        DecisionEngine first = a.engine();
        Fixtures edited = a.copy();
        if (kind == 0) {
            edited.file(name, "kind: [\n");
        } else if (b.names().contains(name)) {
            edited.file(name, b.text(name));
        } else {
            edited.without(name);
        }
        Context ctx = EngineProperties.CONTEXTS.get(context);
        AccessMatrix previous = models ? AccessMatrix.models(first, ctx) : AccessMatrix.tools(first, ctx);
        DecisionEngine next = DecisionEngine.compile(edited.workspace(), first, Set.of(new SourceId(name)));
        AccessMatrix updated = AccessMatrix.update(previous, next, Set.of(new SourceId(name)));
        AccessMatrix full = models ? AccessMatrix.models(edited.engine(), ctx) : AccessMatrix.tools(edited.engine(), ctx);
        Statistics.collect(next.rowsTaken() > 0 ? "rows taken" : "compiled whole");
        Statistics.coverage(c -> c.check("rows taken").percentage(p -> p > 5));
        assertEquals(full.agents(), updated.agents());
        assertEquals(full.columns(), updated.columns());
        assertEquals(cells(full), cells(updated), "after editing " + name + " in " + ctx);
        if (models) {
            // A models matrix keeps whole answers: messages and what is missing must be those of a fresh one too.
            assertEquals(full.cells(), updated.cells(), "models after editing " + name + " in " + ctx);
        }
    }

    @Property(tries = 60)
    void updatingTwiceInARowStillEqualsARecomputedMatrix(@ForAll("variants") EngineProperties.Variant before,
                                                         @ForAll("variants") EngineProperties.Variant other,
                                                         @ForAll @IntRange(max = 1000) int pick) {
        Fixtures a = before.fixtures();
        Fixtures b = other.fixtures();
        List<String> names = new ArrayList<>(new TreeSet<>(b.names()));
        String first = names.get(pick % names.size());
        String second = names.get((pick / 7) % names.size());
        DecisionEngine start = a.engine();
        Fixtures once = a.copy().file(first, b.text(first));
        DecisionEngine middle = DecisionEngine.compile(once.workspace(), start, Set.of(new SourceId(first)));
        Fixtures twice = once.copy().file(second, b.text(second));
        Context ctx = EngineProperties.CONTEXTS.get(pick % 2);
        AccessMatrix m = AccessMatrix.update(AccessMatrix.tools(start, ctx), middle, Set.of(new SourceId(first)));
        DecisionEngine last = DecisionEngine.compile(twice.workspace(), middle, Set.of(new SourceId(second)));
        m = AccessMatrix.update(m, last, Set.of(new SourceId(second)));
        assertEquals(cells(AccessMatrix.tools(twice.engine(), ctx)), cells(m));
    }

    /**
     * Not only the tools matrix: an engine compiled from the previous one (its worlds patched where the edit pairs
     * up resource by resource, shared where it does not touch a kind) answers every question, traced, exactly as
     * one compiled from scratch: tool calls in every spelling and context, models, data, unknown names.
     */
    @Property(tries = 300)
    void anEngineCompiledFromThePreviousAnswersEverythingAsAFreshOne(@ForAll("variants") EngineProperties.Variant before,
                                                                     @ForAll("variants") EngineProperties.Variant other,
                                                                     @ForAll @IntRange(max = 1000) int pick, @ForAll @IntRange(max = 9) int kind) {
        Fixtures a = before.fixtures();
        Fixtures b = kind % 2 == 0 ? new EngineProperties.Variant(before.spec(), other.extras()).fixtures() : other.fixtures();
        Set<String> names = new TreeSet<>(a.names());
        names.addAll(b.names());
        List<String> differing = names.stream().filter(n -> !java.util.Objects.equals(a.text(n), b.text(n))).toList();
        List<String> from = differing.isEmpty() ? new ArrayList<>(names) : differing;
        String name = from.get(pick % from.size());
        DecisionEngine first = a.engine(); // before the copy, which then shares the readings of the files it keeps
        Fixtures edited = a.copy();
        if (b.names().contains(name)) {
            edited.file(name, b.text(name));
        } else {
            edited.without(name);
        }
        DecisionEngine next = DecisionEngine.compile(edited.workspace(), first, Set.of(new SourceId(name)));
        DecisionEngine fresh = edited.engine();
        Statistics.collect(next.delta().isPresent() ? "delta" : "no delta");
        Statistics.coverage(c -> c.check("delta").percentage(p -> p > 30));
        assertEquals(answers(fresh), answers(next), "after editing " + name);
    }

    /** Every traced answer of the questions the generated workspaces can ask, as comparable values. */
    private static List<Object> answers(DecisionEngine e) {
        List<Object> out = new ArrayList<>();
        List<String> agents = new ArrayList<>(e.agents("default"));
        agents.addAll(List.of("nobody", "seeded", "AGENT0"));
        List<String> tools = new ArrayList<>(EngineProperties.TOOL_NAMES);
        tools.addAll(List.of("WEB-SEARCH", " kb ", "Db/Query", "no-such-tool"));
        List<String> models = new ArrayList<>(e.models("default"));
        models.addAll(List.of("gpt-4o", "claude", "m", "no-such-model"));
        for (Context ctx : EngineProperties.CONTEXTS) {
            out.add(e.agents(ctx));
            for (String agent : agents) {
                for (String tool : tools) {
                    out.add(traced(e.decideTool(agent, tool, ctx, new TraceSink.Recording())));
                }
                for (String model : models) {
                    out.add(traced(e.decideModel(agent, model, ctx, new TraceSink.Recording())));
                }
                for (String resource : List.of("db/orders", "KB", "web-search", "kb")) {
                    for (String action : List.of("invoke", "read")) {
                        out.add(traced(e.decideData(agent, resource, action, ctx, new TraceSink.Recording())));
                    }
                }
            }
        }
        return out;
    }

    private static List<Object> traced(Answer a) {
        return List.of(a.strict(), a.orloj(), a.exposure(), a.exposures(), a.missing(), a.involved(), a.trace());
    }
}
