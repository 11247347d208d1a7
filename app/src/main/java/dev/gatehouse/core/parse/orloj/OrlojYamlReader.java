package dev.gatehouse.core.parse.orloj;

import dev.gatehouse.core.source.SourceId;
import dev.gatehouse.core.source.SourceText;

import java.util.List;
import java.util.Optional;

/**
 * Reads a manifest the way Orloj's constrained YAML path does: DetectKind's line scan, then the kind's own line
 * scanner ({@code resources/manifest_parser*.go}), stopping before Normalize. The result is what Orloj would hold
 * (and send to its server) where a YAML parser may read something else; comparing the two is how Gatehouse finds
 * the manifests Orloj misreads.
 *
 * <p>Emulated kinds: Agent, AgentRole, AgentPolicy, ToolPermission, Tool, AgentSystem, Task, ModelEndpoint. The
 * other Orloj kinds are recognised but not emulated. Pure and total: never throws on any input.
 */
public final class OrlojYamlReader {
    private OrlojYamlReader() {
    }

    /**
     * json.Valid on the whole text: Orloj then decodes it as JSON instead, even if the file is named
     * {@code .yaml}, and {@link #read} does not emulate it.
     */
    public static boolean takesJsonPath(SourceText text) {
        return JsonValidity.valid(text.text());
    }

    public static OrlojReading read(SourceText text) {
        if (takesJsonPath(text)) {
            return new OrlojReading(Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
        List<ScanLine> lines = ScanLine.significant(text);
        SourceId file = text.id();

        // manifest_parser_ext.go#DetectKind, YAML branch: the first line whose key is "kind", at any depth.
        ScanLine kindLine = null;
        String kind = "";
        for (ScanLine line : lines) {
            Optional<ScanLine.KeyValue> kv = line.keyValue();
            if (kv.isPresent() && kv.get().key().equals("kind")) {
                kindLine = line;
                kind = GoStrings.stripQuotes(kv.get().value());
                break;
            }
        }
        if (kindLine == null || kind.isEmpty()) {
            OrlojError error = new OrlojError("kind is required",
                    kindLine == null ? text.lineSpan(1) : kindLine.lineSpan());
            return new OrlojReading(Optional.empty(), Optional.empty(), Optional.of(error), false);
        }

        // parse_manifest.go#ParseManifest: dispatch on strings.ToLower(strings.TrimSpace(kind)).
        String normKind = GoStrings.toLower(GoStrings.trimSpace(kind));
        ScanOutcome outcome;
        switch (normKind) {
            case "agent" -> outcome = AgentReader.read(file, lines);
            case "agentsystem" -> outcome = AgentSystemReader.read(file, lines);
            case "modelendpoint" -> outcome = ModelEndpointReader.read(file, lines);
            case "tool" -> outcome = ToolReader.read(file, lines);
            case "agentpolicy" -> outcome = AgentPolicyReader.read(file, lines);
            case "agentrole" -> outcome = AgentRoleReader.read(file, lines);
            case "toolpermission" -> outcome = ToolPermissionReader.read(file, lines);
            case "task" -> outcome = TaskReader.read(file, lines);
            case "secret", "memory", "toolapproval", "taskschedule", "taskwebhook", "worker", "mcpserver" -> {
                return new OrlojReading(Optional.of(kind), Optional.empty(), Optional.empty(), false);
            }
            default -> {
                OrlojError error = new OrlojError("unsupported kind " + GoStrings.quote(normKind), kindLine.lineSpan());
                return new OrlojReading(Optional.of(kind), Optional.empty(), Optional.of(error), false);
            }
        }
        return new OrlojReading(Optional.of(kind), outcome.tree(), outcome.error(), true);
    }
}
