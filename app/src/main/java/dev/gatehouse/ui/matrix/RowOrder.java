package dev.gatehouse.ui.matrix;

/** How the grid orders its rows; columns are always by name, so a column keeps its place while rows move. */
public enum RowOrder {
    NAME("rows by name"),
    ALLOWED("rows by allowed");

    private final String label;

    RowOrder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
