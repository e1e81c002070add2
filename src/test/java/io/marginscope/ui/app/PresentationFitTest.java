package io.marginscope.ui.app;

import io.marginscope.ui.workbook.BookRequest;
import javafx.concurrent.Worker;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presentation mode (F11) fits the screen: on every tab, in both themes, no visible label, button, tab
 * header, table cell or tile text is elided ("196,...") or cut by its container or the screen's edge, and
 * every visible table with items shows at least one whole row.
 *
 * <p>The screen is Monocle's headless screen, whose size is fixed when the toolkit starts
 * ({@code -Dheadless.geometry}); the build runs this class at 1600x1000 with the other GUI tests and again
 * in its own JVMs at 1366x768 and 1920x1080 (pom.xml), where {@code -Dmarginscope.test.screen} names the
 * size asked for and the test checks that the full-screen scene really has it. With
 * {@code -Dmarginscope.test.shots=DIR} it also writes a snapshot of each tab there.
 */
class PresentationFitTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-present-" + ProcessHandle.current().pid();

    @Start
    void start(Stage stage) {
        open(stage, PREFS, new BookRequest.Sample("btc-short-strangle.csv"));
    }

    @Test
    void nothingIsElidedOrCutInPresentationMode(FxRobot robot) throws Exception {
        MarginWorkspace ws = window.marginWorkspace();
        settled(120, () -> window.risk().run(), window.risk().service(), window.risk().staleProperty(),
                r -> r != null);
        robot.interact(() -> ws.chooser().presets().getSelectionModel().select("ramm"));
        settled(120, () -> ws.margin().run(), ws.margin().service(), ws.margin().staleProperty(),
                r -> r.request().policy().name().equals("ramm"));
        // the rolling backtest needs a price history: the bundled BTC closes
        Path history = Files.createTempDirectory("present").resolve("BTC-USD.daily.csv");
        try (var in = getClass().getResourceAsStream("/io/marginscope/history/BTC-USD.daily.csv")) {
            Files.copy(in, history);
        }
        robot.interact(() -> window.openDropped(history));
        settled(120, () -> window.risk().run(), window.risk().service(), window.risk().staleProperty(),
                r -> window.risk().historyProperty().get() != null);
        robot.interact(() -> ws.present(true));
        WaitForAsyncUtils.waitForFxEvents();

        Rectangle2D screen = fx(() -> Screen.getPrimary().getBounds());
        String asked = System.getProperty("marginscope.test.screen");
        if (asked != null) {
            assertThat(screen.getWidth() + "x" + screen.getHeight()).as("Monocle's screen")
                    .isEqualTo(Double.parseDouble(asked.split("x")[0]) + "x" + Double.parseDouble(asked.split("x")[1]));
        }
        assertThat(fx(stage::isFullScreen)).isTrue();
        assertThat(fx(() -> stage.getScene().getWidth())).isEqualTo(screen.getWidth());
        assertThat(fx(() -> stage.getScene().getHeight())).isEqualTo(screen.getHeight());
        String size = (int) screen.getWidth() + "x" + (int) screen.getHeight();

        TabPane tabs = (TabPane) fx(() -> stage.getScene().lookup("#workstationTabs"));
        List<String> problems = new ArrayList<>();
        for (Theme theme : Theme.values()) {
            robot.interact(() -> window.applyTheme(theme));
            for (Tab tab : fx(() -> List.copyOf(tabs.getTabs()))) {
                robot.interact(() -> tabs.getSelectionModel().select(tab));
                settle(tab);
                shoot(size, theme, tab);
                problems.addAll(fx(() -> check(stage.getScene(), tab).stream()
                        .map(p -> size + " " + theme + " " + tab.getText() + ": " + p).toList()));
            }
        }
        assertThat(problems).as("elided or cut in presentation mode").isEmpty();
    }

    /** Waits until the tab's runs are done: no progress bar on show in it, the runs not running. */
    private void settle(Tab tab) throws Exception {
        List<Worker<?>> workers = fx(() -> List.of(window.risk().service(), window.marginWorkspace().margin().service(),
                window.marginWorkspace().policies().service(), window.marginWorkspace().stress().service(),
                window.marginWorkspace().backtest().service()));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> workers.stream().noneMatch(Worker::isRunning)
                && tab.getContent().lookupAll(".progress-bar").stream()
                        .noneMatch(n -> n instanceof ProgressBar && showing(n))));
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private void shoot(String size, Theme theme, Tab tab) throws Exception {
        String dir = System.getProperty("marginscope.test.shots");
        if (dir == null) {
            return;
        }
        Path out = Path.of(dir).resolve(size + "-" + theme.name().toLowerCase() + "-" + tab.getId() + ".png");
        Files.createDirectories(out.getParent());
        var image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        var png = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        png.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(png, "png", out.toFile());
    }

    /** What is wrong on the scene with this tab on show, one line per node. */
    static List<String> check(Scene scene, Tab tab) {
        List<String> out = new ArrayList<>();
        Bounds window = new javafx.geometry.BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        walk(scene.getRoot(), n -> {
            if (n instanceof Labeled l && showing(l)) {
                String want = l.getText() == null ? "" : l.getText();
                Text shown = labeledText(l);
                if (!want.isBlank() && shown != null && !want.equals(shown.getText())) {
                    out.add(describe(l) + " \"" + want + "\" shown as \"" + shown.getText() + "\"");
                } else if (!want.isBlank() && shown != null && cut(shown, window)) {
                    out.add(describe(l) + " \"" + want + "\" cut by " + cutter(shown, window));
                }
            } else if (n instanceof Text t && !(n.getParent() instanceof Labeled) && showing(t)
                    && t.getText() != null && !t.getText().isBlank() && inTile(t) && cut(t, window)) {
                out.add("tile text \"" + t.getText() + "\" cut by " + cutter(t, window));
            } else if (n instanceof TableView<?> table && showing(table) && !table.getItems().isEmpty()
                    && wholeRows(table, window) == 0) {
                out.add(describe(table) + " has " + table.getItems().size() + " rows but shows none whole");
            }
        });
        return out;
    }

    private static boolean inTile(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("tile-frame")) {
                return true;
            }
        }
        return false;
    }

    private static int wholeRows(TableView<?> table, Bounds window) {
        VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
        if (flow == null) {
            return 0;
        }
        Bounds area = visibleArea(flow, window);
        int[] whole = {0};
        walk(flow, n -> {
            if (n instanceof TableRow<?> r && showing(r) && !r.isEmpty() && r.getItem() != null) {
                Bounds b = r.localToScene(r.getLayoutBounds());
                if (area != null && b.getMinY() >= area.getMinY() - 0.5 && b.getMaxY() <= area.getMaxY() + 0.5) {
                    whole[0]++;
                }
            }
        });
        return whole[0];
    }

    /** The part of the node's box that can be seen: within every clipping ancestor and the window. */
    private static Bounds visibleArea(Node n, Bounds window) {
        Bounds area = n.localToScene(n.getLayoutBounds());
        area = intersect(area, window);
        for (Parent p = n.getParent(); p != null && area != null; p = p.getParent()) {
            if (p.getClip() != null) {
                area = intersect(area, p.localToScene(p.getClip().getBoundsInParent()));
            }
        }
        return area;
    }

    private static Bounds intersect(Bounds a, Bounds b) {
        double x0 = Math.max(a.getMinX(), b.getMinX());
        double y0 = Math.max(a.getMinY(), b.getMinY());
        double x1 = Math.min(a.getMaxX(), b.getMaxX());
        double y1 = Math.min(a.getMaxY(), b.getMaxY());
        return x1 <= x0 || y1 <= y0 ? null : new javafx.geometry.BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Whether the text's box sticks out of the window or of a clipping ancestor that does not scroll (a
     * scroll pane's viewport or a table's rows may hide part of their content: that part scrolls into view).
     */
    private static boolean cut(Node n, Bounds window) {
        return cutter(n, window) != null;
    }

    private static String cutter(Node n, Bounds window) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        // a tile does not scroll for the room (TilesFX lays the bar chart tile's rows in a list without a bar)
        for (Parent p = inTile(n) ? null : n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p instanceof VirtualFlow<?>
                    || p.getClass().getSimpleName().equals("TableHeaderRow")) {
                // what scrolls into view is not cut; the scrolling pane itself must be on the screen
                return cutter(p, window) == null ? null : describe(p) + " is cut by " + cutter(p, window);
            }
        }
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null) {
                Bounds clip = p.localToScene(p.getClip().getBoundsInParent());
                if (!inside(b, clip)) {
                    return describe(p) + " (" + box(b) + " outside " + box(clip) + ")";
                }
            }
            if (p.getStyleClass().contains("tile-frame")) {
                Bounds frame = p.localToScene(p.getLayoutBounds());
                if (!inside(b, frame)) {
                    return "its tile (" + box(b) + " outside " + box(frame) + ")";
                }
            }
        }
        return inside(b, window) ? null : "the screen's edge (" + box(b) + ")";
    }

    private static boolean inside(Bounds b, Bounds c) {
        return b.getMinX() >= c.getMinX() - 1 && b.getMaxX() <= c.getMaxX() + 1
                && b.getMinY() >= c.getMinY() - 1 && b.getMaxY() <= c.getMaxY() + 1;
    }

    private static String box(Bounds b) {
        return String.format("%.0f,%.0f %.0fx%.0f", b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    /** The text a label's skin draws: its LabeledText child. */
    private static Text labeledText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getClass().getSimpleName().equals("LabeledText")) {
                return t;
            }
        }
        return null;
    }

    /** Visible here and in every ancestor, with a box of some size. */
    static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible() || p.getOpacity() == 0) {
                return false;
            }
        }
        Bounds b = n.getLayoutBounds();
        return b.getWidth() > 0 && b.getHeight() > 0;
    }

    private static String describe(Node n) {
        String kind = n.getClass().getSimpleName().isEmpty() ? n.getClass().getSuperclass().getSimpleName()
                : n.getClass().getSimpleName();
        String where = kind + (n.getId() != null ? "#" + n.getId() : "");
        if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null) {
            where += " (" + c.getTableView().getId() + " column \"" + c.getTableColumn().getText() + "\")";
        }
        return where;
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, visit);
            }
        }
    }
}
