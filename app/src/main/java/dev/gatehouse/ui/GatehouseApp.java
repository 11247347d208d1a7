package dev.gatehouse.ui;

import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.workspace.LastWorkspace;
import dev.gatehouse.ui.workspace.WorkspaceView;
import dev.gatehouse.ui.workspace.WorkspaceViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.prefs.Preferences;

/**
 * The desktop app: one workspace window. Opens the folder named by {@code --workspace=DIR}, else the sample
 * workspace under the working directory, else the last one opened. With {@code -Dgatehouse.timing=true} it logs
 * how long the window took to appear and the workspace to be shown.
 */
public final class GatehouseApp extends Application {
    private static final System.Logger LOG = System.getLogger(GatehouseApp.class.getName());
    private static final boolean TIMING = Boolean.getBoolean("gatehouse.timing");

    private FxTaskRunner runner;

    @Override
    public void start(Stage stage) {
        if (TIMING) {
            logTiming("toolkit started");
        }
        LaunchOptions options = LaunchOptions.of(getParameters().getNamed());
        Theme theme = Theme.primerLight();
        theme.install();
        runner = new FxTaskRunner();
        LastWorkspace last = LastWorkspace.inPreferences(Preferences.userNodeForPackage(GatehouseApp.class));
        WorkspaceViewModel viewModel = new WorkspaceViewModel(runner, last);
        WorkspaceView view = new WorkspaceView(viewModel);

        Scene scene = new Scene(view.root(), 1280, 800);
        theme.applyTo(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(scene);
        // Closing the window with unsaved edits asks first; cancelling keeps it open.
        stage.setOnCloseRequest(event -> {
            if (!view.mayClose()) {
                event.consume();
            }
        });
        if (TIMING) {
            logTiming("scene built");
            stage.setOnShown(event -> logTiming("window shown"));
            viewModel.revisionProperty().addListener((o, before, now) -> logTiming("workspace shown"));
        }
        // Read before showing: the worker reads the files while the toolkit lays out and paints the window.
        options.workspaceToOpen(Path.of("").toAbsolutePath(), last.get()).ifPresent(folder -> {
            options.open().ifPresent(view::openWhenShown);
            viewModel.open(folder);
        });
        stage.show();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private static void logTiming(String what) {
        long sinceLaunch = (System.nanoTime() - GatehouseLauncher.launchedAtNanos()) / 1_000_000;
        String sinceJvm = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis() + " ms after the JVM started, ")
                .orElse("");
        LOG.log(System.Logger.Level.INFO, what + ": " + sinceJvm + sinceLaunch + " ms after main");
    }
}
