package dev.gatehouse.ui.matrix;

/**
 * A cell's verdict as the grid shows it, most permissive first; views pick colours by it without importing core.
 * The labels are the wire names, so what the grid says matches the CLI and the CSV.
 */
public enum CellVerdict {
    ALLOW("allow"),
    APPROVAL_REQUIRED("approval_required"),
    DENY("deny");

    private final String label;

    CellVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The CSS class of badges and legend swatches showing this verdict. */
    public String styleClass() {
        return "verdict-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
