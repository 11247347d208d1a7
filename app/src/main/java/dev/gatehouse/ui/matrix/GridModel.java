package dev.gatehouse.ui.matrix;

import java.util.OptionalInt;

/**
 * The grid as shown: which rows and columns of a matrix pass the filters, in display order. It maps display
 * positions to the encoded matrix and copies nothing per cell, so filtering a million cells allocates two index
 * arrays. Immutable.
 */
public final class GridModel {
    public static final GridModel EMPTY = new GridModel(MatrixState.EMPTY, new int[0], new int[0]);

    private final MatrixState state;
    private final int[] rows;
    private final int[] columns;

    GridModel(MatrixState state, int[] rows, int[] columns) {
        this.state = state;
        this.rows = rows;
        this.columns = columns;
    }

    public Subject subject() {
        return state.subject;
    }

    public int rowCount() {
        return rows.length;
    }

    public int columnCount() {
        return columns.length;
    }

    public String rowName(int row) {
        return state.agents.get(rows[row]);
    }

    public String columnName(int column) {
        return state.columns.get(columns[column]);
    }

    public CellVerdict verdict(int row, int column) {
        return MatrixState.strict(cell(row, column));
    }

    /** Whether orloj is more permissive than strict on this cell. */
    public boolean exposed(int row, int column) {
        return MatrixState.exposed(cell(row, column));
    }

    /** Whether the cell's decision differs from the one shown before the last reload. */
    public boolean changed(int row, int column) {
        return MatrixState.changed(cell(row, column));
    }

    /** One line about a cell, for its tooltip: both verdicts with reasons, and the exposure if any. */
    public String describe(int row, int column) {
        int cell = cell(row, column);
        return rowName(row) + " → " + columnName(column) + "\nstrict " + MatrixState.strict(cell).label()
                + " (" + MatrixState.strictReason(cell) + ")\norloj " + MatrixState.orloj(cell).label()
                + " (" + MatrixState.orlojReason(cell) + ")"
                + state.exposure(cell).map(e -> "\nexposure " + e).orElse("")
                + (MatrixState.changed(cell) ? "\nchanged since the last save" : "");
    }

    /** A column's name, with its risk level for a tool: what its header's tooltip says. */
    public String describeColumn(int column) {
        String risk = state.risks.get(columns[column]);
        return columnName(column) + (risk.isEmpty() ? "" : "\nrisk " + risk);
    }

    /** Where an agent is shown, if it is. */
    public OptionalInt rowOf(String agent) {
        for (int r = 0; r < rows.length; r++) {
            if (rowName(r).equals(agent)) {
                return OptionalInt.of(r);
            }
        }
        return OptionalInt.empty();
    }

    /** Where a tool or model is shown, if it is. */
    public OptionalInt columnOf(String name) {
        for (int c = 0; c < columns.length; c++) {
            if (columnName(c).equals(name)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    MatrixState state() {
        return state;
    }

    int cell(int row, int column) {
        return state.cell(rows[row], columns[column]);
    }
}
