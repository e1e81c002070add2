package io.marginscope.ui.app;

import io.marginscope.ui.workbook.WorkbookViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Not a test: the documentation's screenshots of the workstation as a user sees it, under a real window
 * manager. Run on an X display with a window manager (docs/testing.md, "Screenshots"):
 * {@code Xvfb :61 -screen 0 1366x768x24 & DISPLAY=:61 openbox & DISPLAY=:61 java -cp ... ScreenshotTour OUT}.
 * Opens the sample, then steps through the main window, live mode running and stopped, and each dialog,
 * taking {@code import -window root OUT/<name>.png} at each step.
 */
public final class ScreenshotTour {

    private static Path out;

    public static void main(String[] args) throws Exception {
        out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        System.setProperty("marginscope.prefs", "io/marginscope/screenshot-tour-" + ProcessHandle.current().pid());
        System.setProperty("marginscope.dataDir", Files.createTempDirectory("ms-tour").toString());
        System.setProperty("marginscope.autosaveSeconds", "0");
        Application.launch(Tour.class, args);
    }

    /** The application the tour runs (a nested class, so that the launcher does not need JavaFX modules). */
    public static final class Tour extends Application {

    private MainWindow window;
    private Stage stage;

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        WorkbookViewModel model = new WorkbookViewModel();
        window = new MainWindow(stage, model, new RecentFiles(WorkstationApp.preferencesNode()));
        stage.show();
        WorkstationApp.begin(window, model, WorkstationApp.initialRequest(List.of()), null);
        Thread tour = new Thread(() -> {
            try {
                tour();
            } catch (Throwable e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        }, "screenshot-tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void tour() throws Exception {
        waitFor(120, () -> window.risk().run() != null && !window.risk().service().isRunning()
                && window.marginWorkspace().margin().run() != null
                && !window.marginWorkspace().margin().service().isRunning());
        pause(4);
        shot("main-window");

        later(() -> menu("About MarginScope").fire());
        pause(2);
        shot("dialog-about");
        closeOthers();

        later(() -> menu("Sessions…").fire());
        pause(3);
        shot("dialog-sessions");
        closeOthers();

        later(() -> button("editPolicyButton").fire());
        pause(3);
        shot("dialog-policy-editor");
        closeOthers();

        later(() -> menu("Add Position…").fire());
        pause(2);
        shot("dialog-position-editor");
        closeOthers();

        later(() -> menu("Accounts…").fire());
        pause(3);
        shot("dialog-accounts");
        closeOthers();

        later(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) stage.getScene()
                    .lookup("#workstationTabs");
            tabs.getTabs().stream().filter(t -> "stressTab".equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        pause(3);
        later(() -> button("newScenarioButton").fire());
        pause(3);
        shot("dialog-scenario-editor");
        closeOthers();

        later(() -> menu("Policy Impact…").fire());
        pause(3);
        shot("dialog-policy-impact");
        closeOthers();
        later(() -> ((javafx.scene.control.TabPane) stage.getScene().lookup("#workstationTabs"))
                .getSelectionModel().select(0));

        fx(() -> window.live().setLive(true));
        pause(12);
        shot("live-running");
        fx(() -> window.live().setLive(false));
        pause(3);
        shot("live-stopped");
    }

    private MenuItem menu(String text) {
        MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        for (Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (text.equals(i.getText())) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no menu item " + text);
    }

    private ButtonBase button(String id) {
        Node n = stage.getScene().lookup("#" + id);
        if (n instanceof Button b) {
            return b;
        }
        throw new IllegalStateException("no button #" + id);
    }

    /** Closes every window but the main one. */
    private void closeOthers() throws Exception {
        later(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
        pause(2);
    }

    private void shot(String name) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", out.resolve(name + ".png").toString())
                .inheritIO().start();
        p.waitFor(30, TimeUnit.SECONDS);
        System.out.println("screenshot " + name);
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void waitFor(int seconds, Supplier<Boolean> done) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (fx(done)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the workstation did not settle in " + seconds + " s");
    }

    /** Runs on the FX thread without waiting (a dialog's showAndWait would hold the wait). */
    private static void later(Runnable r) {
        Platform.runLater(r);
    }

    private static void fx(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(s.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
}
