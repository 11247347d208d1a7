package dev.gatehouse.core.engine;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * An unmodifiable list taken from a {@link FullAnswer} the first time it is read: the {@code missing} and
 * {@code involved} of an answer made without a trace, which the matrix never reads.
 */
final class DeferredList<T> extends AbstractList<T> implements RandomAccess {
    private final FullAnswer source;
    private final Function<Answer, List<T>> part;

    DeferredList(FullAnswer source, Function<Answer, List<T>> part) {
        this.source = source;
        this.part = part;
    }

    /** {@code List.copyOf}, except that a deferred list (or a {@link FullAnswer} as {@code involved}), already unmodifiable, stays deferred. */
    static <T> List<T> copyOf(List<T> list) {
        return list instanceof DeferredList<T> || list instanceof FullAnswer ? list : List.copyOf(list);
    }

    private List<T> list() {
        return part.apply(source.get());
    }

    @Override
    public T get(int index) {
        return list().get(index);
    }

    @Override
    public int size() {
        return list().size();
    }
}
