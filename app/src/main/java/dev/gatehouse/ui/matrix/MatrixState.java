package dev.gatehouse.ui.matrix;

import dev.gatehouse.core.engine.Answer;
import dev.gatehouse.core.engine.DecisionGrid;
import dev.gatehouse.core.engine.ReasonCode;
import dev.gatehouse.core.matrix.AccessMatrix;
import dev.gatehouse.core.model.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One matrix of the engine, kept as one {@code int} per cell (verdicts, reasons, exposure, changed) instead of the
 * core's answers: a million cells cost 4 MB, drawing reads an array, and the answers (with their lazily built
 * messages) can be dropped as soon as the matrix is encoded. Immutable; built off the FX thread.
 */
final class MatrixState {
    private static final int VERDICT_BITS = 2;
    private static final int REASON_BITS = 7;
    private static final int EXPOSURE_BITS = 8;
    private static final int ORLOJ_VERDICT_SHIFT = VERDICT_BITS;
    private static final int STRICT_REASON_SHIFT = 2 * VERDICT_BITS;
    private static final int ORLOJ_REASON_SHIFT = STRICT_REASON_SHIFT + REASON_BITS;
    private static final int EXPOSURE_SHIFT = ORLOJ_REASON_SHIFT + REASON_BITS;
    private static final int CHANGED = 1 << (EXPOSURE_SHIFT + EXPOSURE_BITS);
    private static final List<String> REASONS = Arrays.stream(ReasonCode.values()).map(ReasonCode::wireName).toList();

    static {
        if (REASONS.size() > 1 << REASON_BITS) {
            throw new ExceptionInInitializerError("more reason codes than MatrixState encodes: " + REASONS.size());
        }
    }

    static final MatrixState EMPTY = new MatrixState("", Subject.TOOLS, List.of(), List.of(), List.of(), new int[0], List.of(), 0);

    /** Namespace, system, task and subject: only a state with the same key is compared for changes. */
    final String key;
    final Subject subject;
    final List<String> agents;
    final List<String> columns;
    /** Per column: the tool's risk level, or "" for models. */
    final List<String> risks;
    private final int[] cells;
    private final List<String> exposureNames;
    final int changedCount;

    private MatrixState(String key, Subject subject, List<String> agents, List<String> columns, List<String> risks,
                        int[] cells, List<String> exposureNames, int changedCount) {
        this.key = key;
        this.subject = subject;
        this.agents = agents;
        this.columns = columns;
        this.risks = risks;
        this.cells = cells;
        this.exposureNames = exposureNames;
        this.changedCount = changedCount;
    }

    /**
     * Encodes a core matrix; {@code riskOf} gives a column's risk level. Cells whose decision differs from
     * {@code previous} (same key), or that it did not have, are marked changed.
     */
    static MatrixState of(String key, AccessMatrix matrix, Map<String, String> riskOf, Optional<MatrixState> previous) {
        List<String> agents = matrix.agents();
        List<String> columns = matrix.columns();
        int[] cells = new int[agents.size() * columns.size()];
        Exposures exposures = new Exposures();
        if (matrix.cells() instanceof DecisionGrid grid && grid.agents().equals(agents) && grid.tools().equals(columns)) {
            // The grid's packed outcomes, read without making an Answer per cell (a million of them after each edit).
            for (int r = 0; r < agents.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    cells[r * columns.size() + c] = encode(grid.strictVerdict(r, c), grid.strictReason(r, c),
                            grid.orlojVerdict(r, c), grid.orlojReason(r, c), exposures.index(grid.exposures(r, c)));
                }
            }
        } else {
            for (int r = 0; r < agents.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    Answer answer = matrix.cell(r, c);
                    cells[r * columns.size() + c] = encode(answer.strict().verdict(), answer.strict().reason(),
                            answer.orloj().verdict(), answer.orloj().reason(), exposures.index(answer.exposure()));
                }
            }
        }
        List<String> exposureNames = exposures.names;
        int changed = previous.filter(p -> p.key.equals(key)).map(p -> p.markChanges(agents, columns, cells, exposureNames)).orElse(0);
        List<String> risks = columns.stream().map(c -> riskOf.getOrDefault(c, "")).toList();
        return new MatrixState(key, matrix.models() ? Subject.MODELS : Subject.TOOLS, agents, columns, risks, cells,
                List.copyOf(exposureNames), changed);
    }

    /** The exposure items met so far, numbered from 1 in the order first met (0 is none). */
    private static final class Exposures {
        final List<String> names = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        /** The grid hands out the same few lists again and again: the last one's number is kept. */
        private List<String> lastList;
        private int lastIndex;

        int index(List<String> list) {
            if (list != lastList) {
                lastIndex = index(list.stream().findFirst());
                lastList = list;
            }
            return lastIndex;
        }

        int index(Optional<String> root) {
            return root.map(name -> index.computeIfAbsent(name, n -> {
                names.add(n);
                if (names.size() >= 1 << EXPOSURE_BITS) {
                    throw new IllegalStateException("more exposure items than MatrixState encodes");
                }
                return names.size();
            })).orElse(0);
        }
    }

    private static int encode(Verdict strict, ReasonCode strictReason, Verdict orloj, ReasonCode orlojReason, int exposure) {
        return strict.ordinal()
                | orloj.ordinal() << ORLOJ_VERDICT_SHIFT
                | strictReason.ordinal() << STRICT_REASON_SHIFT
                | orlojReason.ordinal() << ORLOJ_REASON_SHIFT
                | exposure << EXPOSURE_SHIFT;
    }

    /**
     * Sets the changed bit on each new cell that this (older) state decided differently or did not have. Exposure
     * items compare by name, since each state numbers them in its own order.
     */
    private int markChanges(List<String> agents, List<String> columns, int[] next, List<String> nextExposures) {
        Map<String, Integer> oldRow = indexOf(this.agents);
        Map<String, Integer> oldColumn = indexOf(this.columns);
        int[] columnMap = columns.stream().mapToInt(c -> oldColumn.getOrDefault(c, -1)).toArray();
        int verdictsAndReasons = (1 << EXPOSURE_SHIFT) - 1;
        // Each new exposure number as this state numbers the same item (-1: this state has none of that name).
        int[] exposureMap = new int[nextExposures.size() + 1];
        for (int e = 1; e < exposureMap.length; e++) {
            int old = exposureNames.indexOf(nextExposures.get(e - 1));
            exposureMap[e] = old < 0 ? -1 : old + 1;
        }
        int count = 0;
        for (int r = 0; r < agents.size(); r++) {
            int before = oldRow.getOrDefault(agents.get(r), -1);
            for (int c = 0; c < columns.size(); c++) {
                int i = r * columns.size() + c;
                boolean same = false;
                if (before >= 0 && columnMap[c] >= 0) {
                    int old = cells[before * this.columns.size() + columnMap[c]];
                    same = (old & verdictsAndReasons) == (next[i] & verdictsAndReasons)
                            && exposureIndex(old) == exposureMap[exposureIndex(next[i])];
                }
                if (!same) {
                    next[i] |= CHANGED;
                    count++;
                }
            }
        }
        return count;
    }

    private static Optional<String> exposureName(List<String> names, int cell) {
        int index = exposureIndex(cell);
        return index == 0 ? Optional.empty() : Optional.of(names.get(index - 1));
    }

    private static int exposureIndex(int cell) {
        return (cell >>> EXPOSURE_SHIFT) & ((1 << EXPOSURE_BITS) - 1);
    }

    private static Map<String, Integer> indexOf(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.putIfAbsent(names.get(i), i);
        }
        return out;
    }

    int cell(int row, int column) {
        return cells[row * columns.size() + column];
    }

    static CellVerdict strict(int cell) {
        return verdict(cell & 3);
    }

    static CellVerdict orloj(int cell) {
        return verdict((cell >>> ORLOJ_VERDICT_SHIFT) & 3);
    }

    static String strictReason(int cell) {
        return REASONS.get((cell >>> STRICT_REASON_SHIFT) & ((1 << REASON_BITS) - 1));
    }

    static String orlojReason(int cell) {
        return REASONS.get((cell >>> ORLOJ_REASON_SHIFT) & ((1 << REASON_BITS) - 1));
    }

    static boolean exposed(int cell) {
        return exposureIndex(cell) != 0;
    }

    static boolean changed(int cell) {
        return (cell & CHANGED) != 0;
    }

    /** The ORLOJ.md item of an exposed cell (F8, S1…). */
    Optional<String> exposure(int cell) {
        return exposureName(exposureNames, cell);
    }

    /** How many cells are exposures: orloj more permissive than strict. */
    int exposureCount() {
        int n = 0;
        for (int cell : cells) {
            n += exposed(cell) ? 1 : 0;
        }
        return n;
    }

    /** The cell verdict of each core verdict, by ordinal: read for every cell a summary counts, so no array is copied per cell. */
    private static final CellVerdict[] VERDICTS = java.util.Arrays.stream(Verdict.values()).map(v -> switch (v) {
        case ALLOW -> CellVerdict.ALLOW;
        case APPROVAL_REQUIRED -> CellVerdict.APPROVAL_REQUIRED;
        case DENY -> CellVerdict.DENY;
    }).toArray(CellVerdict[]::new);

    private static CellVerdict verdict(int ordinal) {
        return VERDICTS[ordinal];
    }
}
