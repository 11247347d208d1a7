package dev.gatehouse.core.parse;

/** Which reader a file goes through. Orloj takes the JSON path whenever the whole file is valid JSON. */
public enum SourceFormat {
    YAML, JSON
}
