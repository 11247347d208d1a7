package dev.gatehouse.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The 15 orloj.dev/v1 kinds (ORLOJ.md §1.3); there is no 16th. {@code governance} marks the kinds whose
 * content can change a decision (SEMANTICS.md "Terms"); {@code orlojLineReader} the kinds whose Orloj YAML reader
 * Gatehouse emulates and compares with a real YAML reading.
 */
public enum Kind {
    AGENT("Agent", true, true),
    AGENT_SYSTEM("AgentSystem", true, true),
    MODEL_ENDPOINT("ModelEndpoint", true, true),
    TOOL("Tool", true, true),
    SECRET("Secret", false, false),
    MEMORY("Memory", false, false),
    AGENT_POLICY("AgentPolicy", true, true),
    AGENT_ROLE("AgentRole", true, true),
    TOOL_PERMISSION("ToolPermission", true, true),
    TOOL_APPROVAL("ToolApproval", true, false),
    TASK("Task", true, true),
    TASK_SCHEDULE("TaskSchedule", false, false),
    TASK_WEBHOOK("TaskWebhook", false, false),
    WORKER("Worker", false, false),
    MCP_SERVER("McpServer", false, false);

    private final String wireName;
    private final boolean governance;
    private final boolean orlojLineReader;

    Kind(String wireName, boolean governance, boolean orlojLineReader) {
        this.wireName = wireName;
        this.governance = governance;
        this.orlojLineReader = orlojLineReader;
    }

    public String wireName() {
        return wireName;
    }

    public boolean governance() {
        return governance;
    }

    public boolean orlojLineReader() {
        return orlojLineReader;
    }

    /** Orloj's dispatch: the kind lowercased and trimmed (ParseManifest). */
    public static Optional<Kind> fromOrloj(String kind) {
        String key = kind.strip().toLowerCase(Locale.ROOT);
        for (Kind k : values()) {
            if (k.wireName.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
