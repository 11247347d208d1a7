package dev.gatehouse.core.model;

/**
 * A resource as the strict reading has it, with whether its own document (or its file, for file-level
 * problems such as two documents in one file) has an error of class GH1xx, GH2xx or GH5xx. Such a manifest
 * decides nothing but denials (SEMANTICS.md "Broken manifests").
 */
public record Manifest(Resource resource, boolean broken) {
    public Kind kind() {
        return resource.meta().kind();
    }
}
