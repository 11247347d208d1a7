package dev.gatehouse.core.lang;

/** How a reference finds what it names, as Orloj looks it up (ORLOJ.md §5.1, docs/semantics.md "References"). */
public enum Match {
    /** The exact, case-sensitive store key in the referrer's namespace, or in {@code ns} when written {@code ns/name}. */
    EXACT,
    /** The name ignoring case, in the referrer's namespace (ToolPermission {@code tool_ref}, {@code target_agents}, {@code allowed_tools}). */
    IGNORE_CASE,
    /** The bare name ignoring case, in every namespace (AgentPolicy {@code target_systems}, {@code target_tasks}, {@code blocked_tools}). */
    IGNORE_CASE_ANY_NAMESPACE,
    /** A model id, compared ignoring case with every ModelEndpoint's {@code default_model} (AgentPolicy {@code allowed_models}). */
    MODEL_ID
}
