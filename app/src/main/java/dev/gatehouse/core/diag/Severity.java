package dev.gatehouse.core.diag;

/** How bad a finding is. The wire names are stable: reports and scripts match on them. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    INFO("info");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
