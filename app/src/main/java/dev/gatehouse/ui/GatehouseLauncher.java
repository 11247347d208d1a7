package dev.gatehouse.ui;

import javafx.application.Application;

/** Starts the JavaFX application; kept apart from Main so the CLI path never loads JavaFX. */
public final class GatehouseLauncher {
    private GatehouseLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(GatehouseApp.class, args);
    }
}
