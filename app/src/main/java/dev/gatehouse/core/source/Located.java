package dev.gatehouse.core.source;

import java.util.Objects;
import java.util.function.Function;

/** A value and where it was written. */
public record Located<T>(T value, Span span) {
    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }

    public <R> Located<R> map(Function<? super T, ? extends R> f) {
        return new Located<>(f.apply(value), span);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
