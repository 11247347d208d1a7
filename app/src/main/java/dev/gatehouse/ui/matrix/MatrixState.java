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

    static final MatrixState EMPTY = new MatrixState("", Subject.TOOLS, List.of(), List.of(), List.of(), new int[0], List.of(), 0,
            new int[Verdict.values().length], 0);

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
    /** Counted while encoding, so that a summary of the whole matrix need not scan it on the FX thread. */
    private final int[] strictCounts;
    private final int exposedCount;

    private MatrixState(String key, Subject subject, List<String> agents, List<String> columns, List<String> risks,
                        int[] cells, List<String> exposureNames, int changedCount, int[] strictCounts, int exposedCount) {
        this.key = key;
        this.subject = subject;
        this.agents = agents;
        this.columns = columns;
        this.risks = risks;
        this.cells = cells;
        this.exposureNames = exposureNames;
        this.changedCount = changedCount;
        this.strictCounts = strictCounts;
        this.exposedCount = exposedCount;
    }

    /**
     * Encodes a core matrix; {@code riskOf} gives a column's risk level. Cells whose decision differs from
     * {@code previous} (same key), or that it did not have, are marked changed.
     */
    static MatrixState of(String key, AccessMatrix matrix, Map<String, String> riskOf, Optional<MatrixState> previous) {
        List<String> agents = matrix.agents();
        List<String> columns = matrix.columns();
        int[] cells = new int[agents.size() * columns.size()];
        Optional<MatrixState> before = previous.filter(p -> p.key.equals(key));
        Exposures exposures = new Exposures(before.map(p -> p.exposureNames).orElse(List.of()));
        Changes changes = before.map(p -> p.changesTo(agents, columns, exposures)).orElse(null);
        boolean packed = matrix.cells() instanceof DecisionGrid g && g.agents().equals(agents) && g.tools().equals(columns);
        int rows = agents.size();
        int cols = columns.size();
        if (packed) {
            // The grid's cells by their codes, a row at a time, each distinct code encoded once: no Answer per cell
            // (a million of them after each edit), and no five accessors per cell either.
            DecisionGrid grid = (DecisionGrid) matrix.cells();
            CodeMemo memo = new CodeMemo();
            int[] codes = new int[cols];
            for (int r = 0; r < rows; r++) {
                grid.rowCodes(r, codes);
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    int cell = memo.get(codes[c]);
                    if (cell == CodeMemo.NONE) {
                        cell = encode(grid.strictVerdict(r, c), grid.strictReason(r, c), grid.orlojVerdict(r, c), grid.orlojReason(r, c),
                                exposures.index(grid.exposures(r, c)));
                        memo.put(codes[c], cell);
                    }
                    cells[base + c] = cell;
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    Answer answer = matrix.cell(r, c);
                    cells[r * cols + c] = encode(answer.strict().verdict(), answer.strict().reason(), answer.orloj().verdict(),
                            answer.orloj().reason(), exposures.index(answer.exposure()));
                }
            }
        }
        if (changes != null) {
            changes.markAll(cells, cols);
        }
        int[] strict = new int[Verdict.values().length];
        int exposed = 0;
        for (int cell : cells) {
            strict[cell & 3]++;
            exposed += exposed(cell) ? 1 : 0;
        }
        List<String> risks = columns.stream().map(c -> riskOf.getOrDefault(c, "")).toList();
        return new MatrixState(key, matrix.models() ? Subject.MODELS : Subject.TOOLS, agents, columns, risks, cells,
                List.copyOf(exposures.names), changes == null ? 0 : changes.count, strict, exposed);
    }

    /** Grid code → encoded cell, open addressing: the few dozen distinct decisions of a grid, looked up per cell. */
    private static final class CodeMemo {
        /** No encoded cell is negative: the changed bit is set afterwards, and the exposure bits stay below the sign. */
        static final int NONE = -1;
        private int[] codes = new int[64];
        private int[] values = new int[64];
        private boolean[] used = new boolean[64];
        private int size;
        private int lastCode = NONE;
        private int lastValue;

        int get(int code) {
            if (code == lastCode) {
                return lastValue;
            }
            int mask = codes.length - 1;
            for (int i = mix(code) & mask; used[i]; i = (i + 1) & mask) {
                if (codes[i] == code) {
                    lastCode = code;
                    lastValue = values[i];
                    return lastValue;
                }
            }
            return NONE;
        }

        void put(int code, int value) {
            if (2 * (size + 1) > codes.length) {
                int[] oldCodes = codes;
                int[] oldValues = values;
                boolean[] oldUsed = used;
                codes = new int[oldCodes.length * 2];
                values = new int[oldCodes.length * 2];
                used = new boolean[oldCodes.length * 2];
                size = 0;
                for (int i = 0; i < oldCodes.length; i++) {
                    if (oldUsed[i]) {
                        put(oldCodes[i], oldValues[i]);
                    }
                }
            }
            int mask = codes.length - 1;
            int i = mix(code) & mask;
            while (used[i]) {
                i = (i + 1) & mask;
            }
            used[i] = true;
            codes[i] = code;
            values[i] = value;
            size++;
        }

        private static int mix(int code) {
            int h = code * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    /** The exposure items met so far, numbered from 1 in the order first met (0 is none). */
    private static final class Exposures {
        final List<String> names = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        /** The items as the state compared with numbers them, and for each number here, that number (-1: none). */
        private final List<String> before;
        final int[] numberBefore = new int[1 << EXPOSURE_BITS];

        Exposures(List<String> before) {
            this.before = before;
        }
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
                int was = before.indexOf(n);
                numberBefore[names.size()] = was < 0 ? -1 : was + 1;
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
     * What a newer state's cells are compared with to be marked changed: where each of its rows and columns is in
     * this (older) state. A cell is changed when this state decided it differently or did not have it; exposure
     * items compare by name, since each state numbers them in its own order.
     */
    private Changes changesTo(List<String> agents, List<String> columns, Exposures exposures) {
        Map<String, Integer> oldRow = indexOf(this.agents);
        Map<String, Integer> oldColumn = indexOf(this.columns);
        return new Changes(agents.stream().mapToInt(a -> oldRow.getOrDefault(a, -1)).toArray(),
                columns.stream().mapToInt(c -> oldColumn.getOrDefault(c, -1)).toArray(), exposures);
    }

    private final class Changes {
        private final int[] rowMap;
        private final int[] columnMap;
        private final Exposures exposures;
        int count;

        Changes(int[] rowMap, int[] columnMap, Exposures exposures) {
            this.rowMap = rowMap;
            this.columnMap = columnMap;
            this.exposures = exposures;
        }

        /**
         * Sets the changed bit of each new cell that differs from this state's. A row whose columns are this
         * state's, in its order, with the exposure items numbered as here, compares the encoded cells as they are.
         */
        void markAll(int[] now, int cols) {
            boolean sameColumns = columnMap.length == MatrixState.this.columns.size();
            for (int c = 0; c < columnMap.length && sameColumns; c++) {
                sameColumns = columnMap[c] == c;
            }
            boolean sameNumbers = true;
            for (int i = 1; i <= exposures.names.size() && sameNumbers; i++) {
                sameNumbers = exposures.numberBefore[i] == i;
            }
            int decided = (1 << (EXPOSURE_SHIFT + EXPOSURE_BITS)) - 1;
            for (int r = 0; r < rowMap.length; r++) {
                int base = r * cols;
                int before = rowMap[r];
                if (before >= 0 && sameColumns && sameNumbers) {
                    int oldBase = before * cols;
                    for (int c = 0; c < cols; c++) {
                        if ((cells[oldBase + c] & decided) != now[base + c]) {
                            now[base + c] |= CHANGED;
                            count++;
                        }
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        now[base + c] = mark(r, c, now[base + c]);
                    }
                }
            }
        }

        /** The new cell at {@code row, column}, with the changed bit set if it differs from this state's. */
        int mark(int row, int column, int cell) {
            int verdictsAndReasons = (1 << EXPOSURE_SHIFT) - 1;
            int before = rowMap[row];
            int at = columnMap[column];
            if (before >= 0 && at >= 0) {
                int old = cells[before * MatrixState.this.columns.size() + at];
                if ((old & verdictsAndReasons) == (cell & verdictsAndReasons)
                        && exposureIndex(old) == exposures.numberBefore[exposureIndex(cell)]) {
                    return cell;
                }
            }
            count++;
            return cell | CHANGED;
        }
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
        return exposedCount;
    }

    /** How many cells have each strict verdict (by the core verdict's ordinal). */
    int strictCount(CellVerdict verdict) {
        int n = 0;
        for (int i = 0; i < strictCounts.length; i++) {
            n += VERDICTS[i] == verdict ? strictCounts[i] : 0;
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
