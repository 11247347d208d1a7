package dev.gatehouse.core.engine;

import dev.gatehouse.core.model.Workspace;
import dev.gatehouse.core.parse.SourceInput;
import dev.gatehouse.core.parse.WorkspaceReader;
import dev.gatehouse.core.source.SourceId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small in-memory workspaces: file name → text. Each file is read once per text and the reading kept, in copies
 * too, as the editor keeps the readings of the files an edit leaves alone: the workspaces of a fixture and of its
 * edited copy share the very resources of every file they share.
 */
final class Fixtures {
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Map.Entry<String, WorkspaceReader.FileReading>> readings = new java.util.HashMap<>();

    static Fixtures of() {
        return new Fixtures();
    }

    Fixtures file(String name, String text) {
        files.put(name, text);
        return this;
    }

    Fixtures without(String name) {
        files.remove(name);
        return this;
    }

    Fixtures copy() {
        Fixtures f = new Fixtures();
        f.files.putAll(files);
        f.readings.putAll(readings);
        return f;
    }

    List<String> names() {
        return List.copyOf(files.keySet());
    }

    String text(String name) {
        return files.get(name);
    }

    Workspace workspace() {
        WorkspaceReader reader = new WorkspaceReader();
        List<WorkspaceReader.FileReading> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(files.keySet())) {
            String text = files.get(name);
            Map.Entry<String, WorkspaceReader.FileReading> kept = readings.get(name);
            if (kept == null || !kept.getKey().equals(text)) {
                kept = Map.entry(text, reader.readFile(new SourceInput(new SourceId(name), text.getBytes(StandardCharsets.UTF_8))));
                readings.put(name, kept);
            }
            out.add(kept.getValue());
        }
        return WorkspaceReader.assemble(out);
    }

    DecisionEngine engine() {
        return DecisionEngine.compile(workspace());
    }

    static String agent(String name, String body) {
        return "apiVersion: orloj.dev/v1\nkind: Agent\nmetadata:\n  name: " + name + "\nspec:\n  model_ref: m\n" + body;
    }

    static String tool(String name, String body) {
        return "apiVersion: orloj.dev/v1\nkind: Tool\nmetadata:\n  name: " + name + "\nspec:\n" + body;
    }

    static String role(String name, String namespace, String... permissions) {
        StringBuilder b = new StringBuilder("apiVersion: orloj.dev/v1\nkind: AgentRole\nmetadata:\n  name: " + name + "\n  namespace: " + namespace + "\nspec:\n  permissions:\n");
        for (String p : permissions) {
            b.append("    - \"").append(p).append("\"\n");
        }
        return b.toString();
    }

    /** The decision table fixture: one agent per SEMANTICS.md row, see {@code DecisionTableTest}. */
    static Fixtures table() {
        return of()
                .file("m.yaml", "apiVersion: orloj.dev/v1\nkind: ModelEndpoint\nmetadata:\n  name: m\nspec:\n  default_model: gpt-4o\n")
                .file("t-web.yaml", tool("web-search", "  capabilities:\n    - web.read\n"))
                .file("t-kb.yaml", tool("kb", "  risk_level: low\n"))
                .file("t-email.yaml", tool("email-send", "  risk_level: high\n"))
                .file("t-db.yaml", tool("db-admin", "  risk_level: critical\n  operation_classes:\n    - admin\n"))
                .file("t-legacy.yaml", tool("legacy", "  risk_level: low\n"))
                .file("r-researcher.yaml", role("researcher", "default", "tool:web_search:invoke", "capability:web.read"))
                .file("r-other.yaml", role("researcher", "other", "tool:web_search:invoke", "capability:web.read"))
                .file("r-mailer.yaml", role("mailer", "default", "TOOL: Email-Send :INVOKE"))
                .file("tp-email.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: email-send-rule\nspec:\n  tool_ref: email-send\n"
                        + "  required_permissions:\n    - tool:email_send:invoke\n  operation_rules:\n    - operation_class: write\n      verdict: approval_required\n"
                        + "    - operation_class: \"*\"\n      verdict: allow\n")
                .file("tp-db.yaml", "apiVersion: orloj.dev/v1\nkind: ToolPermission\nmetadata:\n  name: db-admin\nspec:\n  operation_rules:\n    - operation_class: read\n      verdict: allow\n")
                .file("p-global.yaml", "apiVersion: orloj.dev/v1\nkind: AgentPolicy\nmetadata:\n  name: baseline\nspec:\n  apply_mode: global\n  blocked_tools:\n    - legacy\n")
                .file("a-rolefree.yaml", agent("rolefree", "  tools:\n    - web-search\n    - kb\n"))
                .file("a-research.yaml", agent("research", "  roles:\n    - researcher\n  tools:\n    - web-search\n    - email-send\n    - kb\n"))
                .file("a-ghostrole.yaml", agent("ghostrole", "  roles:\n    - nope\n  tools:\n    - web-search\n"))
                .file("a-mailer.yaml", agent("mailer-agent", "  roles:\n    - mailer\n  tools:\n    - email-send\n"))
                .file("a-preauth.json", "{\"apiVersion\":\"orloj.dev/v1\",\"kind\":\"Agent\",\"metadata\":{\"name\":\"preauth\"},"
                        + "\"spec\":{\"model_ref\":\"m\",\"tools\":[\"kb\",\"email-send\"],\"allowed_tools\":[\"kb\",\"email-send\"]}}")
                .file("a-crossns.yaml", agent("crossns", "  roles:\n    - other/researcher\n  tools:\n    - web-search\n"))
                .file("a-seedy.yaml", agent("seedy", "  policies:\n    - effect: deny\n      resource: \"web-*\"\n      action: \"*\"\n"
                        + "    - effect: allow\n      resource: kb\n      action: invoke\n  tools:\n    - kb\n    - web-search\n"))
                .file("a-blocked.yaml", agent("blocked", "  roles:\n    - researcher\n  tools:\n    - web-search\n    - legacy\n"))
                .file("a-dangling.yaml", agent("dangling", "  tools:\n    - nosuch\n    - kb\n"))
                .file("a-dbuser.yaml", agent("dbuser", "  roles:\n    - researcher\n  tools:\n    - db-admin\n"));
    }
}
