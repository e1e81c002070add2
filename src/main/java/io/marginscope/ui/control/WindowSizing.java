package io.marginscope.ui.control;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * Window sizes that hold under a window manager. A window manager may place a new window at the
 * size of its first frame (before the scene is laid out) or at a default, below the stage's
 * minimum; and JavaFX 21 on Linux lets a maximised window shrink when a modal dialog disables it.
 * So: the requested size is set again once the window is on show (within the screen, never below
 * the minimum) and the window centred on its owner; and a maximised main window is maximised
 * again when a dialog that un-maximised it goes.
 */
public final class WindowSizing {

    private WindowSizing() {
    }

    /**
     * Sets {@code width} x {@code height} (clamped to the screen's visual bounds and to the
     * stage's minimum) when {@code stage} is first shown, and centres it on its owner (or the screen).
     */
    public static void requestSize(Stage stage, double width, double height) {
        boolean[] done = {false};
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            apply(stage, width, height);
            // some window managers answer the first configure late: set it once more after it
            Platform.runLater(() -> {
                if (Math.abs(stage.getWidth() - target(stage, width, true)) > 1
                        || Math.abs(stage.getHeight() - target(stage, height, false)) > 1) {
                    apply(stage, width, height);
                }
            });
        });
    }

    private static void apply(Stage stage, double width, double height) {
        if (stage.isMaximized() || stage.isFullScreen()) {
            return;
        }
        Rectangle2D b = bounds(stage);
        stage.setWidth(target(stage, width, true));
        stage.setHeight(target(stage, height, false));
        Window owner = stage.getOwner();
        double cx = owner != null && owner.isShowing() ? owner.getX() + owner.getWidth() / 2 : b.getMinX() + b.getWidth() / 2;
        double cy = owner != null && owner.isShowing() ? owner.getY() + owner.getHeight() / 2
                : b.getMinY() + b.getHeight() / 2;
        stage.setX(Math.max(b.getMinX(), Math.min(cx - stage.getWidth() / 2, b.getMaxX() - stage.getWidth())));
        stage.setY(Math.max(b.getMinY(), Math.min(cy - stage.getHeight() / 2, b.getMaxY() - stage.getHeight())));
    }

    /** The size to set: the request, within the screen, not below the minimum. */
    public static double target(Stage stage, double requested, boolean horizontal) {
        Rectangle2D b = bounds(stage);
        double screen = horizontal ? b.getWidth() : b.getHeight();
        double min = horizontal ? stage.getMinWidth() : stage.getMinHeight();
        return Math.max(Math.min(requested, screen), Double.isFinite(min) ? min : 0);
    }

    private static Rectangle2D bounds(Stage stage) {
        var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()),
                Math.max(1, stage.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    /**
     * Every window a dialog or a tool window opens over {@code main}: centred on it once on show;
     * and when {@code main} was maximised, maximised again when the window goes if it un-maximised
     * it (JavaFX 21 on Linux, JDK-8332222: while a modal window disables its owner, a window
     * manager may shrink the owner; JavaFX 23 fixes it, so until then the shrink lasts while the
     * dialog is on show).
     */
    public static void guardDialogs(Stage main) {
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (w == main || !(w instanceof Stage s) || s.getOwner() != main) {
                        continue;
                    }
                    boolean was = main.isMaximized();
                    Runnable restore = () -> {
                        if (was && main.isShowing() && !main.isMaximized() && !main.isFullScreen()) {
                            main.setMaximized(true);
                        }
                    };
                    boolean[] centred = {false};
                    s.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> {
                        if (!centred[0] && !s.isMaximized()) {
                            centred[0] = true;
                            centre(s, main);
                        }
                    }));
                    s.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> Platform.runLater(restore));
                }
            }
        });
    }

    /** Centres {@code w} on {@code owner}, within the owner's screen. */
    public static void centre(Window w, Window owner) {
        Rectangle2D b = (owner instanceof Stage o) ? bounds(o) : Screen.getPrimary().getVisualBounds();
        double x = owner.getX() + (owner.getWidth() - w.getWidth()) / 2;
        double y = owner.getY() + (owner.getHeight() - w.getHeight()) / 2;
        w.setX(Math.max(b.getMinX(), Math.min(x, b.getMaxX() - w.getWidth())));
        w.setY(Math.max(b.getMinY(), Math.min(y, b.getMaxY() - w.getHeight())));
    }
}
