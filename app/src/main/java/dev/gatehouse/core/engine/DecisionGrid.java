package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Verdict;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Agents × tools decided in one context without trace, row-major, one int per cell: the strict verdict and
 * reason, the orloj verdict and reason, and which list of exposures (an index into a table of the few distinct
 * lists). A large workspace has 25 million cells, which as {@link Answer} objects would not fit in memory; as a
 * list, each cell becomes the same {@link Answer} as {@link DecisionEngine#decideTool} with
 * {@link TraceSink#NONE} when it is read.
 */
public final class DecisionGrid extends AbstractList<Answer> implements RandomAccess {
    private static final Verdict[] VERDICTS = Verdict.values();
    private static final ReasonCode[] REASONS = ReasonCode.values();
    static final int SIDE_BITS = 7;
    private static final int SIDE_MASK = (1 << SIDE_BITS) - 1;
    private static final int EXPOSURE_SHIFT = 2 * SIDE_BITS;

    static {
        if (REASONS.length > 32 || VERDICTS.length > 4) {
            throw new AssertionError("a verdict and a reason no longer fit in " + SIDE_BITS + " bits");
        }
    }

    private final DecisionEngine engine;
    private final Context context;
    private final List<String> agents;
    private final List<String> tools;
    private final int[] cells;
    private final List<List<String>> exposureLists;

    DecisionGrid(DecisionEngine engine, Context context, List<String> agents, List<String> tools, int[] cells,
                 List<List<String>> exposureLists) {
        this.engine = engine;
        this.context = context;
        this.agents = List.copyOf(agents);
        this.tools = List.copyOf(tools);
        this.cells = cells;
        this.exposureLists = List.copyOf(exposureLists);
    }

    /** One side's verdict and reason as a number below {@code 1 << SIDE_BITS}. */
    static int outcome(Verdict v, ReasonCode r) {
        return v.ordinal() << 5 | r.ordinal();
    }

    static Verdict verdictOf(int outcome) {
        return VERDICTS[outcome >>> 5];
    }

    static ReasonCode reasonOf(int outcome) {
        return REASONS[outcome & 31];
    }

    static int cell(int strict, int orloj, int exposureList) {
        return strict | orloj << SIDE_BITS | exposureList << EXPOSURE_SHIFT;
    }

    static int strictOf(int cell) {
        return cell & SIDE_MASK;
    }

    static int orlojOf(int cell) {
        return cell >>> SIDE_BITS & SIDE_MASK;
    }

    static int exposureListOf(int cell) {
        return cell >>> EXPOSURE_SHIFT;
    }

    /** The engine that decided the cells (for a grid updated from another, the newer one). */
    public DecisionEngine engine() {
        return engine;
    }

    public Context context() {
        return context;
    }

    public List<String> agents() {
        return agents;
    }

    public List<String> tools() {
        return tools;
    }

    public Verdict strictVerdict(int row, int column) {
        return verdictOf(strictOf(cells[index(row, column)]));
    }

    public ReasonCode strictReason(int row, int column) {
        return reasonOf(strictOf(cells[index(row, column)]));
    }

    public Verdict orlojVerdict(int row, int column) {
        return verdictOf(orlojOf(cells[index(row, column)]));
    }

    public ReasonCode orlojReason(int row, int column) {
        return reasonOf(orlojOf(cells[index(row, column)]));
    }

    /** Every contributing exposure item of the cell, the root cause first; empty when orloj is not more permissive. */
    public List<String> exposures(int row, int column) {
        return exposureLists.get(exposureListOf(cells[index(row, column)]));
    }

    public Answer cell(int row, int column) {
        return get(index(row, column));
    }

    /**
     * The decisions of a row's cells as numbers, column by column, into {@code into} (at least as long as the row):
     * two cells of this grid have the same number exactly when their verdicts, reasons and exposures are equal.
     * For readers of every cell that translate each distinct decision once (a million cells hold a few dozen)
     * rather than each cell through the accessors above.
     */
    public void rowCodes(int row, int[] into) {
        if (row < 0 || row >= agents.size()) {
            throw new IndexOutOfBoundsException("row " + row + " of " + agents.size());
        }
        System.arraycopy(cells, row * tools.size(), into, 0, tools.size());
    }

    @Override
    public Answer get(int index) {
        int c = cells[index];
        return engine.toolAnswer(agents.get(index / tools.size()), tools.get(index % tools.size()), context,
                strictOf(c), orlojOf(c), exposureLists.get(exposureListOf(c)));
    }

    @Override
    public int size() {
        return cells.length;
    }

    int[] cells() {
        return cells;
    }

    List<List<String>> exposureLists() {
        return exposureLists;
    }

    private int index(int row, int column) {
        if (row < 0 || row >= agents.size() || column < 0 || column >= tools.size()) {
            throw new IndexOutOfBoundsException("cell " + row + "," + column + " of " + agents.size() + "x" + tools.size());
        }
        return row * tools.size() + column;
    }

}
