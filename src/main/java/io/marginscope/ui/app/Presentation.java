package io.marginscope.ui.app;

import io.marginscope.ui.control.ColumnFit;
import javafx.beans.value.ObservableBooleanValue;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * View &gt; Presentation (F11): the workstation full screen for a room. The type grows with the screen
 * (a fiftieth of its height: 15 px on 1366x768, 20 px on 1600x1000, 22 px on 1920x1080), the analyst's
 * tools step aside (menus, the settings panel, the trade ticket, the status bar, the live bar unless live
 * mode runs) and the tabs tell the story in order: the book and its risk, its margin, the policies side
 * by side, stress, the backtest verdict. PageDown / PageUp (and Right / Left where the control in focus
 * does not take them) step through those pages; a page indicator ("2 / 5  Margin") sits at the bottom.
 * Esc or F11 leaves.
 */
public final class Presentation {

    /** One page of the story: its title and the tab it shows. */
    public record Page(String title, Tab tab) {
    }

    /** The type size on this screen height: a fiftieth of it, from 14 to 22 px. */
    static double fontSize(double screenHeight) {
        return Math.max(14, Math.min(22, Math.round(screenHeight / 50)));
    }

    private final Stage stage;
    private final CheckMenuItem item = new CheckMenuItem("Presentation");
    private final Label indicator = new Label();
    private final List<Page> story = new ArrayList<>();
    private final List<Node> aside = new ArrayList<>();
    private final List<ObservableBooleanValue> keepWhen = new ArrayList<>();
    private final EventHandler<KeyEvent> keys = this::key;
    private TabPane tabs;
    private ColumnFit columns;
    private boolean on;

    Presentation(Stage stage) {
        this.stage = stage;
        item.setId("presentationItem");
        item.setAccelerator(KeyCombination.keyCombination("F11"));
        item.setOnAction(e -> present(item.isSelected()));
        indicator.setId("presentationPage");
        indicator.getStyleClass().add("presentation-page");
        indicator.setVisible(false);
        indicator.setManaged(false);
        stage.fullScreenProperty().addListener((o, was, full) -> {
            if (!full && on) {
                present(false);
            }
        });
    }

    /** The tabs and the pages of the story, in the order they are told. */
    void setStory(TabPane tabs, List<Page> pages) {
        this.tabs = tabs;
        story.clear();
        story.addAll(pages);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showPage());
    }

    /** A node that steps aside while presenting (unless {@code keep} is true at the time). */
    void aside(Node node, ObservableBooleanValue keep) {
        aside.add(node);
        keepWhen.add(keep);
        if (keep != null) {
            keep.addListener((o, was, now) -> place(node, keep));
        }
    }

    void aside(Node node) {
        aside(node, null);
    }

    /** The columns widened for the type on show: fitted again from their own widths when the type changes. */
    void fitColumns(ColumnFit fit) {
        this.columns = fit;
    }

    /** The menu item (F11). */
    CheckMenuItem item() {
        return item;
    }

    /** The page indicator, "2 / 5  Margin", shown while presenting. */
    public Label indicator() {
        return indicator;
    }

    public boolean isOn() {
        return on;
    }

    /** Presentation on or off: full screen, type for the screen, tools aside, paging keys. */
    public void present(boolean show) {
        if (show == on) {
            item.setSelected(on);
            return;
        }
        on = show;
        item.setSelected(show);
        Parent root = stage.getScene().getRoot();
        if (show) {
            root.getStyleClass().add("presentation");
            root.setStyle("-fx-font-size: " + fontSize(screen().getHeight()) + "px;");
            stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, keys);
        } else {
            root.getStyleClass().remove("presentation");
            root.setStyle("");
            stage.getScene().removeEventFilter(KeyEvent.KEY_PRESSED, keys);
        }
        if (columns != null) {
            columns.reset();
            columns.setActive(show);
        }
        for (int i = 0; i < aside.size(); i++) {
            place(aside.get(i), keepWhen.get(i));
        }
        indicator.setVisible(show);
        indicator.setManaged(show);
        showPage();
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(show);
    }

    private void place(Node node, ObservableBooleanValue keep) {
        boolean shown = !on || (keep != null && keep.get());
        node.setVisible(shown);
        node.setManaged(shown);
    }

    /** The screen the window is on (the primary one before it shows). */
    private Rectangle2D screen() {
        var screens = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()),
                Math.max(1, stage.getHeight()));
        return (screens.isEmpty() ? Screen.getPrimary() : screens.get(0)).getBounds();
    }

    /** The page on show: its place in the story, -1 for a tab outside it. */
    public int page() {
        if (tabs == null) {
            return -1;
        }
        Tab now = tabs.getSelectionModel().getSelectedItem();
        for (int i = 0; i < story.size(); i++) {
            if (story.get(i).tab() == now) {
                return i;
            }
        }
        return -1;
    }

    /** Steps forward (+1) or back (-1) through the story; from a tab outside it, to the first page. */
    public void step(int by) {
        if (story.isEmpty()) {
            return;
        }
        int at = page();
        int next = at < 0 ? 0 : Math.max(0, Math.min(story.size() - 1, at + by));
        tabs.getSelectionModel().select(story.get(next).tab());
    }

    private void showPage() {
        int at = page();
        Tab now = tabs == null ? null : tabs.getSelectionModel().getSelectedItem();
        indicator.setText(at >= 0 ? (at + 1) + " / " + story.size() + "  " + story.get(at).title()
                : now == null ? "" : now.getText() + " (outside the story: PageDown goes to page 1)");
    }

    private void key(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ESCAPE || code == KeyCode.F11) {
            present(false);
            e.consume();
        } else if (code == KeyCode.PAGE_DOWN || code == KeyCode.PAGE_UP) {
            step(code == KeyCode.PAGE_DOWN ? 1 : -1);
            e.consume();
        } else if ((code == KeyCode.RIGHT || code == KeyCode.LEFT) && !takesArrows(stage.getScene().getFocusOwner())) {
            step(code == KeyCode.RIGHT ? 1 : -1);
            e.consume();
        }
    }

    /** Whether the control in focus uses the arrow keys itself (fields, tables, lists, sliders, choosers). */
    static boolean takesArrows(Node focus) {
        return focus instanceof TextInputControl || focus instanceof TableView<?> || focus instanceof TreeTableView<?>
                || focus instanceof ListView<?> || focus instanceof Slider || focus instanceof ComboBoxBase<?>
                || focus instanceof ChoiceBox<?> || focus instanceof Spinner<?> || focus instanceof ScrollPane;
    }
}
