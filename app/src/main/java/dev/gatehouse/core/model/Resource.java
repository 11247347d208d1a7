package dev.gatehouse.core.model;

/** One manifest read into its kind's type. Dispatch on {@link Meta#kind()} with a switch over {@link Kind}. */
public sealed interface Resource permits Agent, AgentSystem, ModelEndpoint, Tool, Secret, Memory, AgentPolicy,
        AgentRole, ToolPermission, ToolApproval, Task, TaskSchedule, TaskWebhook, Worker, McpServer {
    Meta meta();

    default String name() {
        return meta().name().value();
    }

    default String namespace() {
        return meta().namespace().value();
    }
}
