package dev.gatehouse.ui.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The new-resource templates ({@code resources/templates/}, packed under {@code /gatehouse/templates/}): one per
 * kind, each valid on its own once its placeholders are filled, so a new file starts without findings.
 * {@code needs} names the placeholders that take an existing resource of the namespace.
 */
public enum ResourceTemplate {
    AGENT("Agent", "agents", "agent.yaml", List.of("modelEndpoint")),
    AGENT_ROLE("AgentRole", "roles", "agent-role.yaml", List.of("tool")),
    TOOL("Tool", "tools", "tool.yaml", List.of()),
    TOOL_PERMISSION("ToolPermission", "tool-permissions", "tool-permission.yaml", List.of("tool")),
    AGENT_POLICY("AgentPolicy", "policies", "agent-policy.yaml", List.of("model")),
    MODEL_ENDPOINT("ModelEndpoint", "models", "model-endpoint.yaml", List.of()),
    AGENT_SYSTEM("AgentSystem", "systems", "agent-system.yaml", List.of("agent")),
    TASK("Task", "tasks", "task.yaml", List.of("system")),
    SECRET("Secret", "secrets", "secret.yaml", List.of());

    private final String kind;
    private final String folder;
    private final String file;
    private final List<String> needs;

    ResourceTemplate(String kind, String folder, String file, List<String> needs) {
        this.kind = kind;
        this.folder = folder;
        this.file = file;
        this.needs = needs;
    }

    public String kind() {
        return kind;
    }

    /** The folder of the workspace new files of this kind go in, as the samples lay them out. */
    public String folder() {
        return folder;
    }

    public List<String> needs() {
        return needs;
    }

    /** The template's text, placeholders unfilled. */
    public String text() {
        try (InputStream in = Objects.requireNonNull(ResourceTemplate.class.getResourceAsStream("/gatehouse/templates/" + file),
                () -> "missing template " + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A name a new resource may take: it becomes a file name and a plain YAML value, so a conservative set. */
    public static boolean validName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
    }

    public String label() {
        return kind + "…";
    }

    @Override
    public String toString() {
        return kind.toLowerCase(Locale.ROOT);
    }
}
