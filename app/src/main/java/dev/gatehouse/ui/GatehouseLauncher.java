package dev.gatehouse.ui;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart from Main so the CLI path never loads JavaFX. */
public final class GatehouseLauncher {
    private static volatile long launchedAtNanos = System.nanoTime();

    private GatehouseLauncher() {
    }

    public static void launch(String[] args) {
        launchedAtNanos = System.nanoTime();
        Application.launch(GatehouseApp.class, args);
    }

    /** {@link System#nanoTime()} when {@link #launch} was called, for the start-up timing log. */
    static long launchedAtNanos() {
        return launchedAtNanos;
    }
}
