package dev.gatehouse.core.sandbox;

import dev.gatehouse.core.parse.SourceInput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the files of a workspace into Orloj manifests and Gatehouse scenarios, so that the manifest reader
 * never sees a scenario (it would report `kind: Scenario` as GH111) and scenarios never count as manifests.
 *
 * <p>A file is a scenario file when it declares, at the top level, both {@code apiVersion: gatehouse.dev/v1} and
 * {@code kind: Scenario}. The test is textual on purpose: a scenario with a syntax error still goes to the
 * scenario reader, which reports it with its position, instead of reaching the engine as an unreadable manifest
 * that would deny every call. A manifest that only borrows the apiVersion stays with the manifests, where GH208
 * reports it.
 */
public final class ScenarioFiles {
    public static final String API_VERSION = "gatehouse.dev/v1";
    public static final String KIND = "Scenario";

    private static final Pattern YAML_API = Pattern.compile("(?m)^apiVersion:[ \\t]*([\"']?)gatehouse\\.dev/v1\\1[ \\t]*(#.*)?\\r?$");
    private static final Pattern YAML_KIND = Pattern.compile("(?m)^kind:[ \\t]*([\"']?)Scenario\\1[ \\t]*(#.*)?\\r?$");
    private static final Pattern JSON_API = Pattern.compile("\"apiVersion\"\\s*:\\s*\"gatehouse\\.dev/v1\"");
    private static final Pattern JSON_KIND = Pattern.compile("\"kind\"\\s*:\\s*\"Scenario\"");

    private ScenarioFiles() {
    }

    /** Manifests and scenarios, each in the order given. */
    public record Split(List<SourceInput> manifests, List<SourceInput> scenarios) {
        public Split {
            manifests = List.copyOf(manifests);
            scenarios = List.copyOf(scenarios);
        }
    }

    public static Split split(List<SourceInput> inputs) {
        List<SourceInput> manifests = new ArrayList<>();
        List<SourceInput> scenarios = new ArrayList<>();
        for (SourceInput in : inputs) {
            (isScenario(in) ? scenarios : manifests).add(in);
        }
        return new Split(manifests, scenarios);
    }

    public static boolean isScenario(SourceInput in) {
        if (in.ioError().isPresent()) {
            return false;
        }
        // ISO-8859-1 maps every byte to one char, so the ASCII markers are found whatever the encoding errors.
        String text = new String(in.bytes(), StandardCharsets.ISO_8859_1);
        if (!text.contains(API_VERSION)) {
            return false;
        }
        return (YAML_API.matcher(text).find() && YAML_KIND.matcher(text).find())
                || (JSON_API.matcher(text).find() && JSON_KIND.matcher(text).find());
    }
}
