package dev.gatehouse.ui.matrix;

/** A cell of the grid as shown: 0-based row and column in the displayed (filtered, sorted) order. */
public record GridCell(int row, int column) {
}
