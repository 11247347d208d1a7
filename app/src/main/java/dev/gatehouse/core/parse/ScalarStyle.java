package dev.gatehouse.core.parse;

/** How a scalar was written; it decides how Orloj's line reader and a YAML parser read it. */
public enum ScalarStyle {
    PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED,
    JSON_STRING, JSON_NUMBER, JSON_BOOLEAN, JSON_NULL;

    public boolean isJson() {
        return ordinal() >= JSON_STRING.ordinal();
    }

    public boolean isQuoted() {
        return this == SINGLE_QUOTED || this == DOUBLE_QUOTED || this == JSON_STRING;
    }
}
