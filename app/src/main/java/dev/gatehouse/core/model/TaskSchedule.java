package dev.gatehouse.core.model;

import dev.gatehouse.core.source.Located;

import java.util.Optional;

/** ORLOJ.md §2.13. */
public record TaskSchedule(Meta meta, Optional<Located<String>> taskRef, Optional<Located<String>> schedule, String timeZone,
                           boolean suspend) implements Resource {}
