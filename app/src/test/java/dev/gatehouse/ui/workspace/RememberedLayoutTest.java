package dev.gatehouse.ui.workspace;

import dev.gatehouse.ui.SampleWorkspaces;
import dev.gatehouse.ui.common.DialogService;
import dev.gatehouse.ui.common.DialogService.UnsavedChoice;
import dev.gatehouse.ui.common.FxTaskRunner;
import dev.gatehouse.ui.common.Settings;
import dev.gatehouse.ui.common.Theme;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the window remembers between runs: open tabs, the theme, the recent workspaces. */
@ExtendWith(ApplicationExtension.class)
class RememberedLayoutTest {
    private final Settings settings = Settings.inMemory();
    private FxTaskRunner runner;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.primerLight().install();
        runner = new FxTaskRunner();
    }

    @Stop
    void stop() {
        runner.close();
    }

    @AfterEach
    void lightAgain() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Theme.primerLight().install()).get();
    }

    @Test
    void theTabsOpenAtCloseReopenWithTheSelectedOneInFront(FxRobot robot) throws Exception {
        Path governed = SampleWorkspaces.governed();
        WorkspaceView first = window(robot);
        WorkspaceViewModel firstModel = modelOf(first);
        openAndWait(robot, firstModel, governed);
        robot.interact(() -> {
            first.open(new SourceLocation("agents/faq-agent.yaml", 1, 1));
            first.open(new SourceLocation("roles/support-reader.yaml", 1, 1));
            first.open(new SourceLocation("agents/faq-agent.yaml", 1, 1));
        });
        robot.interact(first::remember);

        WorkspaceView second = window(robot);
        WorkspaceViewModel secondModel = modelOf(second);
        robot.interact(second::restoreTabsWhenShown);
        openAndWait(robot, secondModel, governed);

        TabPane tabs = robot.lookup("#source-tabs").queryAs(TabPane.class);
        await(() -> tabs.getTabs().size() == 2);
        assertEquals(List.of("support-reader.yaml", "faq-agent.yaml"), tabs.getTabs().stream().map(Tab::getText).toList());
        assertEquals("faq-agent.yaml", tabs.getSelectionModel().getSelectedItem().getText());
        assertEquals(List.of(governed.toAbsolutePath().normalize()), secondModel.recentWorkspaces());
    }

    @Test
    void theDarkThemeIsChosenFromTheViewMenuAndRemembered(FxRobot robot) throws Exception {
        WorkspaceView view = window(robot);

        robot.clickOn("View").clickOn("Dark Theme");

        assertEquals(Theme.primerDark().userAgentStylesheet(), WaitForAsyncUtils.asyncFx(Application::getUserAgentStylesheet).get());
        assertEquals(java.util.Optional.of(Theme.DARK), settings.get("theme"));
        WorkspaceView again = window(robot);
        MenuBar bar = (MenuBar) again.root().lookup("#menu-bar");
        Menu viewMenu = bar.getMenus().stream().filter(m -> "menu-view".equals(m.getId())).findFirst().orElseThrow();
        RadioMenuItem dark = (RadioMenuItem) viewMenu.getItems().stream().filter(i -> "menu-theme-dark".equals(i.getId())).findFirst().orElseThrow();
        assertTrue(dark.isSelected());
        assertTrue(view != again);
    }

    @Test
    void openRecentListsTheWorkspacesNewestFirst(FxRobot robot) throws Exception {
        WorkspaceView view = window(robot);
        WorkspaceViewModel model = modelOf(view);
        openAndWait(robot, model, SampleWorkspaces.seed());
        openAndWait(robot, model, SampleWorkspaces.governed());

        MenuBar bar = (MenuBar) view.root().lookup("#menu-bar");
        Menu recent = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "menu-open-recent".equals(i.getId())).findFirst().orElseThrow();
        assertEquals(List.of(SampleWorkspaces.governed().toAbsolutePath().normalize().toString(),
                SampleWorkspaces.seed().toAbsolutePath().normalize().toString()), recent.getItems().stream().map(MenuItem::getText).toList());
    }

    private final java.util.Map<WorkspaceView, WorkspaceViewModel> models = new java.util.IdentityHashMap<>();

    private WorkspaceView window(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            WorkspaceViewModel model = new WorkspaceViewModel(runner, LastWorkspace.in(settings));
            WorkspaceView view = new WorkspaceView(model, DialogService.answering(UnsavedChoice.DISCARD, false), settings);
            models.put(view, model);
            Scene scene = new Scene(view.root(), 1100, 700);
            Theme.primerLight().applyTo(scene);
            stage.setScene(scene);
            stage.show();
            return view;
        }).get();
    }

    private WorkspaceViewModel modelOf(WorkspaceView view) {
        return models.get(view);
    }

    private static void openAndWait(FxRobot robot, WorkspaceViewModel model, Path folder) throws TimeoutException {
        int revision = model.revisionProperty().get();
        robot.interact(() -> model.open(folder));
        await(() -> model.revisionProperty().get() > revision && !model.loadingProperty().get());
    }

    private static void await(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
