package dev.gatehouse.cli;

/** The CLI's exit codes (the contract scripts depend on). */
public enum ExitCode {
    OK(0), FINDINGS(1), USAGE(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
