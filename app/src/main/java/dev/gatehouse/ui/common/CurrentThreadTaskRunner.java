package dev.gatehouse.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs the work at once on the calling thread: for tests, where the outcome must be visible when run returns. */
public final class CurrentThreadTaskRunner implements TaskRunner {
    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        // Outside the try: a failing success handler is a bug to surface, not a failure of the work.
        onSuccess.accept(value);
    }
}
