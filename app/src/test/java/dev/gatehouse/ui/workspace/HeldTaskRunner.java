package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.common.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Holds each job until the test finishes it, in any order: to see the window mid-read and out-of-order reads. */
final class HeldTaskRunner implements TaskRunner {
    private final List<Runnable> held = new ArrayList<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        held.add(() -> {
            T value;
            try {
                value = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(value);
        });
    }

    int pending() {
        return held.size();
    }

    /** Runs the job started {@code index}-th (0-based) among those still held. */
    void finish(int index) {
        held.remove(index).run();
    }
}
