package dev.gatehouse.core.engine;

/** Why a decision came out as it did; the wire names are SEMANTICS.md's and stable. */
public enum ReasonCode {
    UNKNOWN_AGENT("unknown_agent"),
    INVALID_MANIFEST("invalid_manifest"),
    NOT_DECLARED("not_declared"),
    UNKNOWN_TOOL("unknown_tool"),
    BLOCKED_BY_POLICY("blocked_by_policy"),
    MISSING_ROLE("missing_role"),
    EXPLICIT_DENY("explicit_deny"),
    MISSING_PERMISSION("missing_permission"),
    OPERATION_DENIED("operation_denied"),
    APPROVAL_REQUIRED("approval_required"),
    RULE_GRANT("rule_grant"),
    PREAUTHORIZED("preauthorized"),
    SEED_GRANT("seed_grant"),
    ROLE_GRANT("role_grant"),
    NO_GRANT("no_grant"),
    UNKNOWN_MODEL_ENDPOINT("unknown_model_endpoint"),
    MODEL_NOT_ALLOWED("model_not_allowed"),
    MODEL_ALLOWED("model_allowed"),
    MODEL_NOT_SERVED("model_not_served"),
    DATA_GRANTED("data_granted"),
    DATA_NOT_GRANTED("data_not_granted"),
    NOT_ENFORCED("not_enforced"),
    ORLOJ_REJECTS_MANIFEST("orloj_rejects_manifest"),
    TASK_INVALID("task_invalid"),
    UNSUPPORTED_TOOL("unsupported_tool"),
    NO_ROLES_NO_RULES("no_roles_no_rules"),
    TOKEN_BUDGET_EXCEEDED("token_budget_exceeded"),
    RATE_LIMITED("rate_limited");

    private final String wireName;

    ReasonCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
