package dev.gatehouse.ui.matrix;

/** Where a trace step was decided: a workspace path ({@code agents/faq-agent.yaml}) and a 1-based line and column. */
public record TraceLink(String file, int line, int column) {
    /** {@code file:line}, the form the CLI's trace uses. */
    public String label() {
        return file + ":" + line;
    }
}
