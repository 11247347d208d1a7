package dev.gatehouse.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Placeholder window, replaced by the workspace window. */
public final class GatehouseApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Gatehouse"), 800, 600));
        stage.setTitle("Gatehouse");
        stage.show();
    }
}
