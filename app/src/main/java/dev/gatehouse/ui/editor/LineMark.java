package dev.gatehouse.ui.editor;

import dev.gatehouse.ui.common.FindingLevel;

/** A finding shown in the gutter of a 1-based line. */
public record LineMark(int line, FindingLevel level, String message) {
}
