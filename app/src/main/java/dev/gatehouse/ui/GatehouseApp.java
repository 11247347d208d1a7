package dev.gatehouse.ui;

import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Settings;
import dev.gatehouse.ui.common.Theme;
import dev.gatehouse.ui.workspace.LastWorkspace;
import dev.gatehouse.ui.workspace.WorkspaceView;
import dev.gatehouse.ui.workspace.WorkspaceViewModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.Optional;
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
    private WorkspaceViewModel viewModel;

    @Override
    public void start(Stage stage) {
        if (TIMING) {
            logTiming("toolkit started");
        }
        LaunchOptions options = LaunchOptions.of(getParameters().getNamed());
        Settings settings = Settings.in(Preferences.userNodeForPackage(GatehouseApp.class));
        Theme theme = Theme.named(settings.get("theme").orElse(Theme.LIGHT));
        theme.install();
        runner = new FxTaskRunner();
        LastWorkspace last = LastWorkspace.in(settings);
        viewModel = new WorkspaceViewModel(runner, last, Optional.of(home().resolve("recovery")));
        // Another program changing the workspace on disk (an editor, a checkout) is read again at once.
        viewModel.watchDisk();
        WorkspaceView view = new WorkspaceView(viewModel, null, settings);

        Scene scene = new Scene(view.root(), settings.getDouble("window.width", 1280), settings.getDouble("window.height", 800));
        theme.applyTo(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(scene);
        settings.get("window.x").ifPresent(x -> stage.setX(settings.getDouble("window.x", 0)));
        settings.get("window.y").ifPresent(y -> stage.setY(settings.getDouble("window.y", 0)));
        stage.setMaximized(Boolean.parseBoolean(settings.get("window.maximized").orElse("false")));
        // Closing the window with unsaved edits asks first; cancelling keeps it open. Then the layout is kept.
        stage.setOnCloseRequest(event -> {
            if (!view.mayClose()) {
                event.consume();
                return;
            }
            view.remember();
            settings.put("window.maximized", Boolean.toString(stage.isMaximized()));
            if (!stage.isMaximized()) {
                settings.put("window.x", Double.toString(stage.getX()));
                settings.put("window.y", Double.toString(stage.getY()));
                settings.put("window.width", Double.toString(scene.getWidth()));
                settings.put("window.height", Double.toString(scene.getHeight()));
            }
            settings.flush();
            viewModel.closed();
        });
        if (TIMING) {
            logTiming("scene built");
            stage.setOnShown(event -> logTiming("window shown"));
            viewModel.revisionProperty().addListener((o, before, now) -> logTiming("workspace shown"));
        }
        // Read before showing: the worker reads the files while the toolkit lays out and paints the window.
        options.workspaceToOpen(Path.of("").toAbsolutePath(), last.get()).ifPresent(folder -> {
            if (options.open().isPresent()) {
                view.openWhenShown(options.open().get());
            } else {
                view.restoreTabsWhenShown();
            }
            viewModel.open(folder);
        });
        stage.show();
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.stopWatching();
        }
        if (runner != null) {
            runner.close();
        }
    }

    /** Where the app keeps its own files: {@code -Dgatehouse.home}, else {@code ~/.gatehouse}. */
    private static Path home() {
        String configured = System.getProperty("gatehouse.home");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".gatehouse");
    }

    private static void logTiming(String what) {
        long sinceLaunch = (System.nanoTime() - GatehouseLauncher.launchedAtNanos()) / 1_000_000;
        String sinceJvm = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis() + " ms after the JVM started, ")
                .orElse("");
        LOG.log(System.Logger.Level.INFO, what + ": " + sinceJvm + sinceLaunch + " ms after main");
    }
}
