package dev.gatehouse.ui.matrix;

/** What the columns are: the namespace's tools, or the models its agents may use. */
public enum Subject {
    TOOLS("tools", "tool"),
    MODELS("models", "model");

    private final String plural;
    private final String singular;

    Subject(String plural, String singular) {
        this.plural = plural;
        this.singular = singular;
    }

    public String plural() {
        return plural;
    }

    public String singular() {
        return singular;
    }
}
