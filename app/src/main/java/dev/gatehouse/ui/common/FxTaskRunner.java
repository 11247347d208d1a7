package dev.gatehouse.ui.common;

import javafx.concurrent.Task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs each job as a {@link Task} on a pool of daemon threads, so an unfinished job never keeps the JVM alive
 * after the window closes; {@link Task} delivers the outcome on the FX thread.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(job -> {
        Thread thread = new Thread(job, "gatehouse-task-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Holds delayed jobs until they are due, then hands them to the pool; one daemon thread that only waits. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(job -> {
        Thread thread = new Thread(job, "gatehouse-timer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public <T> void runAfter(Duration delay, Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            timer.schedule(() -> run(work, onSuccess, onFailure), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed: dropped like every job handed over after close().
        }
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(event -> onSuccess.accept(task.getValue()));
        task.setOnFailed(event -> onFailure.accept(task.getException()));
        if (executor.isShutdown()) {
            // The window is closing: a late job (a debounced edit firing) has nobody left to answer.
            return;
        }
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed between the check and the call: dropped like the jobs close() interrupts.
        }
    }

    /** Interrupts running jobs; their outcome is dropped, as is every job handed over after this. */
    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
    }
}
