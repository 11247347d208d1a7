package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.engine.Context;
import dev.gatehouse.core.engine.DecisionEngine;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.ModelEndpoint;
import dev.gatehouse.core.model.Verdict;
import dev.gatehouse.core.source.Located;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which part of the decision space the scenarios exercised: of each namespace's agents × tools and agents × models
 * matrices ({@link AccessMatrix}, decided without a system or task — the worst case {@code gatehouse matrix}
 * shows), the cells some step put to the engine, counted per class of cell, and the exposures no step touched.
 *
 * <p>A cell is <em>exercised</em> when a {@code call} (for tools) or {@code model} (for models) step of a run asked
 * the engine that agent and that tool or model, in any context; a step the runtime stopped before the engine
 * (past {@code limits.max_steps}) does not count, a step the runtime refused after the engine (a budget, a rate)
 * does. A cell's class is that of the matrix: its strict verdict, and {@link CellClass#EXPOSURE} as well when
 * orloj is more permissive there — as the matrix counts them, an exposure cell also counts under its verdict.
 * Data-access steps have no matrix and are not counted.
 */
public record DecisionCoverage(List<Table> tables) {
    public DecisionCoverage {
        tables = List.copyOf(tables);
    }

    /** The classes a cell is counted under; wire names are those of the JSON report. */
    public enum CellClass {
        ALLOW("allow"), APPROVAL_REQUIRED("approval_required"), DENY("deny"), EXPOSURE("exposure");

        private final String wireName;

        CellClass(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static CellClass of(Verdict v) {
            return switch (v) {
                case ALLOW -> ALLOW;
                case APPROVAL_REQUIRED -> APPROVAL_REQUIRED;
                case DENY -> DENY;
            };
        }
    }

    /** {@code exercised} of {@code total} cells. */
    public record Count(int exercised, int total) {}

    /** One exposure cell no step touched: the agent, the tool or model, and the root-cause item (F1…, S1). */
    public record Untouched(String agent, String column, String item) {}

    /** One matrix and how many steps exercised each of its cells (row-major, as the matrix). */
    public record Table(AccessMatrix matrix, int[] hits) {
        public Table {
            if (hits.length != matrix.agents().size() * matrix.columns().size()) {
                throw new IllegalArgumentException("hits for " + hits.length + " cells, matrix has "
                        + matrix.agents().size() * matrix.columns().size());
            }
            hits = hits.clone();
        }

        public String namespace() {
            return matrix.context().namespace();
        }

        public boolean models() {
            return matrix.models();
        }

        /** How many steps asked this cell's question. */
        public int hits(int row, int column) {
            return hits[row * matrix.columns().size() + column];
        }

        public boolean exercised(int row, int column) {
            return hits(row, column) > 0;
        }

        public Count total() {
            int n = 0;
            for (int h : hits) {
                n += h > 0 ? 1 : 0;
            }
            return new Count(n, hits.length);
        }

        /** Every class, in enum order, with its exercised and total cells. */
        public Map<CellClass, Count> counts() {
            int[] exercised = new int[CellClass.values().length];
            int[] total = new int[CellClass.values().length];
            for (int r = 0; r < matrix.agents().size(); r++) {
                for (int c = 0; c < matrix.columns().size(); c++) {
                    List<CellClass> classes = new ArrayList<>(2);
                    classes.add(CellClass.of(matrix.strictVerdict(r, c)));
                    if (matrix.exposed(r, c)) {
                        classes.add(CellClass.EXPOSURE);
                    }
                    for (CellClass k : classes) {
                        total[k.ordinal()]++;
                        exercised[k.ordinal()] += exercised(r, c) ? 1 : 0;
                    }
                }
            }
            Map<CellClass, Count> out = new EnumMap<>(CellClass.class);
            for (CellClass k : CellClass.values()) {
                out.put(k, new Count(exercised[k.ordinal()], total[k.ordinal()]));
            }
            return out;
        }

        /** The exposure cells no step touched, row by row. */
        public List<Untouched> untouchedExposures() {
            List<Untouched> out = new ArrayList<>();
            for (int r = 0; r < matrix.agents().size(); r++) {
                for (int c = 0; c < matrix.columns().size(); c++) {
                    if (matrix.exposed(r, c) && !exercised(r, c)) {
                        out.add(new Untouched(matrix.agents().get(r), matrix.columns().get(c), matrix.cell(r, c).exposure().orElse("")));
                    }
                }
            }
            return out;
        }
    }

    /** Every exposure cell no step touched, over all tables. */
    public List<Untouched> untouchedExposures() {
        List<Untouched> out = new ArrayList<>();
        tables.forEach(t -> out.addAll(t.untouchedExposures()));
        return out;
    }

    /**
     * The coverage of {@code runs} over the matrices of {@code engine}: one tools and one models table per namespace
     * the scenarios ran in, sorted by namespace.
     */
    public static DecisionCoverage of(DecisionEngine engine, List<RunResult> runs) {
        TreeSet<String> namespaces = new TreeSet<>();
        runs.forEach(r -> namespaces.add(r.scenario().namespace()));
        List<Table> tables = new ArrayList<>();
        for (String ns : namespaces) {
            Context ctx = Context.of(ns);
            tables.add(table(engine, AccessMatrix.tools(engine, ctx), runs));
            tables.add(table(engine, AccessMatrix.models(engine, ctx), runs));
        }
        return new DecisionCoverage(tables);
    }

    private static Table table(DecisionEngine engine, AccessMatrix m, List<RunResult> runs) {
        String ns = m.context().namespace();
        int[] hits = new int[m.agents().size() * m.columns().size()];
        for (RunResult run : runs) {
            if (!run.scenario().namespace().equals(ns)) {
                continue;
            }
            for (StepResult st : run.steps()) {
                Optional<String> column = asked(engine, ns, m.models(), st);
                if (column.isEmpty()) {
                    continue;
                }
                int row = m.agents().indexOf(st.agent());
                int col = indexOf(m.columns(), column.get(), m.models());
                if (row >= 0 && col >= 0) {
                    hits[row * m.columns().size() + col]++;
                }
            }
        }
        return new Table(m, hits);
    }

    /** The tool or model id a step asked the engine about, when it reached the engine and belongs to this kind of matrix. */
    private static Optional<String> asked(DecisionEngine engine, String ns, boolean models, StepResult st) {
        if (st.strict().reason().equals(RunReason.MAX_STEPS_REACHED.wireName())) {
            return Optional.empty();
        }
        Step.Action a = st.step().action();
        return switch (a.kind()) {
            case CALL -> models ? Optional.empty() : Optional.of(((Step.Call) a).tool().value());
            case MODEL -> models ? Optional.of(modelId(engine, ns, ((Step.ModelUse) a).model().value())) : Optional.empty();
            case DATA, ADVANCE, APPROVE, DENY -> Optional.empty();
        };
    }

    /** A ModelEndpoint name stands for its {@code default_model}, as the engine reads it (SEMANTICS.md "Model use"). */
    private static String modelId(DecisionEngine engine, String ns, String model) {
        String m = model.strip();
        return engine.workspace().find(ModelEndpoint.class, ns, m).flatMap(ModelEndpoint::defaultModel).map(Located::value).orElse(m);
    }

    private static int indexOf(List<String> columns, String name, boolean caseless) {
        for (int i = 0; i < columns.size(); i++) {
            if (caseless ? columns.get(i).toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)) : columns.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
