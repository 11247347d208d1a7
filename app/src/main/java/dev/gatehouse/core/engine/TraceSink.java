package dev.gatehouse.core.engine;

import dev.gatehouse.core.source.Span;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the checks report themselves. The matrix decides with {@link #NONE}; an explanation re-runs the same
 * path with a {@link Recording} sink, so the explanation cannot drift from the verdict (OPA's tracer design).
 */
public interface TraceSink {
    TraceSink NONE = new TraceSink() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void step(String side, String check, String result, Span source) {
        }
    };

    boolean enabled();

    void step(String side, String check, String result, Span source);

    /** Keeps every step, in order. */
    final class Recording implements TraceSink {
        private final List<TraceStep> steps = new ArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void step(String side, String check, String result, Span source) {
            steps.add(new TraceStep(side, check, result, Optional.ofNullable(source)));
        }

        public List<TraceStep> steps() {
            return List.copyOf(steps);
        }
    }
}
