package dev.gatehouse.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs long work away from the caller and hands the outcome back. Production runs it on a worker thread and
 * answers on the FX thread ({@link FxTaskRunner}); tests answer at once on the calling thread
 * ({@link CurrentThreadTaskRunner}), so a view-model test needs neither threads nor sleeps.
 */
public interface TaskRunner {
    /**
     * Runs {@code work}; then exactly one of {@code onSuccess} (with its value) or {@code onFailure} (with what it
     * threw) is called, on the thread that owns the UI.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /**
     * As {@link #run}, the work started no sooner than {@code delay} from now: for work worth doing only once
     * things have settled. Runners that answer at once (tests) run it at once.
     */
    default <T> void runAfter(Duration delay, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        run(work, onSuccess, onFailure);
    }
}
