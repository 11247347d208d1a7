package dev.gatehouse.core.sandbox;

/** The six things a step can do; the wire names are the scenario keys. */
public enum StepKind {
    CALL("call"), MODEL("model"), DATA("data"), ADVANCE("advance"), APPROVE("approve"), DENY("deny");

    private final String wireName;

    StepKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
