package dev.gatehouse.core.engine;

import java.util.List;
import java.util.Optional;

/**
 * The answer to one question: the strict verdict (Gatehouse) and the orloj verdict (what Orloj's sequential mode
 * would do), the exposure when orloj is more permissive ({@code exposure} is the root cause, {@code exposures}
 * all contributing items), what would make a denied strict answer pass, and the trace. An answer made without
 * a trace fills {@code missing}, {@code involved} and the messages when they are first read.
 */
public record Answer(Decision strict, Decision orloj, Optional<String> exposure, List<String> exposures,
                     List<Missing> missing, List<String> involved, List<TraceStep> trace) {
    public Answer {
        exposures = List.copyOf(exposures);
        missing = DeferredList.copyOf(missing);
        involved = DeferredList.copyOf(involved);
        trace = List.copyOf(trace);
    }
}
