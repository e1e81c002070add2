package io.marginscope.ui.book;

import io.marginscope.io.PortfolioCsv;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.pricing.PositionValuation;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.editors.PositionEditor;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * What-if editing of the book on show: Add…, Edit…, Duplicate…, Remove on the positions table (tools
 * above it, a context menu, double-click, Delete and Insert keys, and the Edit menu), Undo and Redo
 * with what they take back, a what-if badge with Revert while the book differs from the one loaded,
 * and File > Save Portfolio As… (the book on show as a native CSV). Each action is one step of the
 * {@link WorkbookViewModel}'s history; the views recompute from the new book.
 */
public final class PortfolioEditing {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final PositionsTable table;
    private final BooleanBinding busy;
    private final IntegerBinding selected;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "portfolio-writer");
        t.setDaemon(true);
        return t;
    });
    private final Label badge = new Label();
    private PositionEditor editor;
    private String selectAfterEdit;

    public PortfolioEditing(Stage stage, WorkbookViewModel model, PositionsTable table) {
        this.stage = stage;
        this.model = model;
        this.table = table;
        this.busy = model.currentProperty().isNull().or(model.service().runningProperty());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        this.selected = Bindings.size(table.getSelectionModel().getSelectedItems());

        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                removeSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.INSERT) {
                add();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && selected.get() == 1) {
                editSelected();
                e.consume();
            }
        });
        table.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                PositionValuation row = rowAt(e);
                if (row != null) {
                    edit(row.position());
                }
            }
        });
        table.setContextMenu(contextMenu());
        // after an edit lands, select what was added or edited
        model.rows().addListener((ListChangeListener<PositionValuation>) c -> {
            String id = selectAfterEdit;
            selectAfterEdit = null;
            if (id != null) {
                javafx.application.Platform.runLater(() -> select(id));
            }
        });
        model.currentProperty().addListener((o, a, b) -> badge.setText(badgeText()));
    }

    /** The row under a mouse event, null on the header or an empty row. */
    private static PositionValuation rowAt(MouseEvent e) {
        Node n = e.getPickResult().getIntersectedNode();
        while (n != null && !(n instanceof TableRow<?>)) {
            n = n.getParent();
        }
        if (n instanceof TableRow<?> row && !row.isEmpty() && row.getItem() instanceof PositionValuation v) {
            return v;
        }
        return null;
    }

    /** The tools above the table: Add…, Edit…, Remove, Undo, Redo, and the what-if badge with Revert. */
    public Node tools() {
        Button add = button("Add…", "addPosition", "Add a position to the book on show (Insert, Ctrl+N)");
        add.setOnAction(e -> add());
        add.disableProperty().bind(busy);
        Button edit = button("Edit…", "editPosition", "Edit the selected position (double-click, Enter)");
        edit.setOnAction(e -> editSelected());
        edit.disableProperty().bind(busy.or(selected.isNotEqualTo(1)));
        Button remove = button("Remove", "removePositions", "Remove the selected positions as one step (Delete)");
        remove.setOnAction(e -> removeSelected());
        remove.disableProperty().bind(cannotRemove());

        Button undo = button("Undo", "undoButton", "");
        undo.setOnAction(e -> model.undo());
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.getTooltip().textProperty().bind(Bindings.when(model.undoLabelProperty().isEmpty())
                .then("Nothing to undo").otherwise(Bindings.concat("Undo ", model.undoLabelProperty(), " (Ctrl+Z)")));
        Button redo = button("Redo", "redoButton", "");
        redo.setOnAction(e -> model.redo());
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.getTooltip().textProperty().bind(Bindings.when(model.redoLabelProperty().isEmpty())
                .then("Nothing to redo")
                .otherwise(Bindings.concat("Redo ", model.redoLabelProperty(), " (Ctrl+Shift+Z)")));

        badge.setId("whatIfBadge");
        badge.getStyleClass().add("whatif-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Hyperlink revert = new Hyperlink("Revert");
        revert.setId("revertLink");
        revert.getStyleClass().add("whatif-revert");
        revert.setOnAction(e -> model.revert());
        revert.setTooltip(new Tooltip("Back to the book as loaded (itself a step Undo takes back)"));
        HBox whatIf = new HBox(2, badge, revert);
        whatIf.setId("whatIf");
        whatIf.setAlignment(Pos.CENTER_LEFT);
        whatIf.getStyleClass().add("whatif");
        whatIf.visibleProperty().bind(model.editedProperty());
        whatIf.managedProperty().bind(whatIf.visibleProperty());
        Tooltip.install(whatIf, new Tooltip("The positions on show differ from those loaded: every figure is of "
                + "the edited book. Saved sessions, exports and File > Save Portfolio As… take the edited positions; "
                + "the file is not touched."));

        Label hint = new Label("Double-click a row to edit · Delete removes · right-click for more");
        hint.getStyleClass().add("caption");
        hint.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, add, edit, remove, new Separator(Orientation.VERTICAL), undo, redo, whatIf, spacer,
                hint);
        bar.setId("portfolioTools");
        bar.getStyleClass().addAll("tab-toolbar", "portfolio-tools");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Button button(String text, String id, String help) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(help));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private BooleanBinding cannotRemove() {
        // a book keeps at least one position (a portfolio file needs one to be read back)
        return busy.or(selected.isEqualTo(0)).or(selected.greaterThanOrEqualTo(Bindings.size(model.rows())));
    }

    private ContextMenu contextMenu() {
        MenuItem edit = new MenuItem("Edit…");
        edit.setOnAction(e -> editSelected());
        edit.disableProperty().bind(busy.or(selected.isNotEqualTo(1)));
        MenuItem duplicate = new MenuItem("Duplicate…");
        duplicate.setOnAction(e -> duplicateSelected());
        duplicate.disableProperty().bind(busy.or(selected.isNotEqualTo(1)));
        MenuItem remove = new MenuItem("Remove");
        remove.setOnAction(e -> removeSelected());
        remove.disableProperty().bind(cannotRemove());
        MenuItem add = new MenuItem("Add…");
        add.setOnAction(e -> add());
        add.disableProperty().bind(busy);
        ContextMenu menu = new ContextMenu(edit, duplicate, remove, new SeparatorMenuItem(), add);
        menu.setId("positionsContextMenu");
        menu.setOnShowing(e -> remove.setText(selected.get() > 1 ? "Remove " + selected.get() + " Positions"
                : "Remove"));
        return menu;
    }

    /** The Edit menu's items: Add… (Ctrl+N), Edit… (Ctrl+E), Duplicate…, Remove Selected. */
    public List<MenuItem> menuItems() {
        MenuItem add = new MenuItem("Add Position…");
        add.setId("addPositionItem");
        add.setAccelerator(KeyCombination.keyCombination("Shortcut+N"));
        add.setOnAction(e -> add());
        add.disableProperty().bind(busy);
        MenuItem edit = new MenuItem("Edit Position…");
        edit.setId("editPositionItem");
        edit.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        edit.setOnAction(e -> editSelected());
        edit.disableProperty().bind(busy.or(selected.isNotEqualTo(1)));
        MenuItem duplicate = new MenuItem("Duplicate Position…");
        duplicate.setId("duplicatePositionItem");
        duplicate.setOnAction(e -> duplicateSelected());
        duplicate.disableProperty().bind(busy.or(selected.isNotEqualTo(1)));
        MenuItem remove = new MenuItem("Remove Selected Positions");
        remove.setId("removePositionsItem");
        remove.setOnAction(e -> removeSelected());
        remove.disableProperty().bind(cannotRemove());
        return List.of(add, edit, duplicate, remove);
    }

    /** File > Save Portfolio As…: the book on show (edited or not) as a native CSV. */
    public MenuItem saveAsItem() {
        MenuItem save = new MenuItem("Save Portfolio As…");
        save.setId("savePortfolioItem");
        save.disableProperty().bind(model.currentProperty().isNull());
        save.setOnAction(e -> chooseSaveFile());
        return save;
    }

    void add() {
        LoadedBook b = model.current();
        if (b == null || busy.get()) {
            return;
        }
        open(PositionEditor.add(stage, b, null), p -> apply("Add " + p.id(), b, appended(b.book(), p), p.id()));
    }

    void editSelected() {
        List<Position> s = selection();
        if (s.size() == 1) {
            edit(s.get(0));
        }
    }

    void edit(Position original) {
        LoadedBook b = model.current();
        if (b == null || busy.get()) {
            return;
        }
        if (!b.book().positions().contains(original)) {
            return;
        }
        open(PositionEditor.edit(stage, b, original), p -> {
            if (!p.equals(original)) {
                apply("Edit " + original.id(), b, replaced(b.book(), original, p), p.id());
            }
        });
    }

    void duplicateSelected() {
        List<Position> s = selection();
        LoadedBook b = model.current();
        if (s.size() != 1 || b == null || busy.get()) {
            return;
        }
        Position p = s.get(0);
        Position copy = new Position(PositionEditor.freshId(b.book(), p.id()), p.instrument(), p.quantity(),
                p.entryPrice());
        open(PositionEditor.add(stage, b, copy), q -> apply("Add " + q.id(), b, appended(b.book(), q), q.id()));
    }

    void removeSelected() {
        remove(selection());
    }

    /** Removes the positions as one step ("Remove btc-perp", "Remove 3 positions"); never the last one. */
    void remove(List<Position> gone) {
        LoadedBook b = model.current();
        if (b == null || gone.isEmpty() || busy.get()) {
            return;
        }
        Set<String> ids = new HashSet<>();
        gone.forEach(p -> ids.add(p.id()));
        List<Position> kept = new ArrayList<>();
        for (Position p : b.book().positions()) {
            if (!ids.contains(p.id())) {
                kept.add(p);
            }
        }
        if (kept.isEmpty() || kept.size() == b.book().size()) {
            return;
        }
        int n = b.book().size() - kept.size();
        model.edit(n == 1 ? "Remove " + gone.get(0).id() : "Remove " + n + " positions", b.book().withPositions(kept));
    }

    private void open(PositionEditor e, Consumer<Position> onOk) {
        editor = e;
        e.dialog().showingProperty().addListener((o, was, now) -> {
            if (!now && editor == e) {
                editor = null;
            }
        });
        e.show(onOk);
    }

    /** Makes the edit, unless the book changed while the form was open (then nothing is applied). */
    private void apply(String label, LoadedBook base, Portfolio next, String select) {
        if (model.current() != base) {
            Alert a = new Alert(Alert.AlertType.WARNING, "The book on show changed while the form was open; "
                    + "nothing was applied.");
            a.initOwner(stage);
            a.setHeaderText(label + " not applied");
            a.show();
            return;
        }
        selectAfterEdit = select;
        model.edit(label, next);
    }

    private static Portfolio appended(Portfolio book, Position p) {
        List<Position> out = new ArrayList<>(book.positions());
        out.add(p);
        return book.withPositions(out);
    }

    private static Portfolio replaced(Portfolio book, Position original, Position p) {
        List<Position> out = new ArrayList<>(book.positions());
        int i = out.indexOf(original);
        if (i < 0) {
            throw new IllegalStateException(original.id() + " is not in the book on show");
        }
        out.set(i, p);
        return book.withPositions(out);
    }

    private List<Position> selection() {
        List<Position> out = new ArrayList<>();
        table.getSelectionModel().getSelectedItems().forEach(v -> {
            if (v != null) {
                out.add(v.position());
            }
        });
        return out;
    }

    private void select(String id) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).position().id().equals(id)) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(i);
                return;
            }
        }
    }

    /** "What-if: 1 added, 2 changed" against the book as loaded. */
    private String badgeText() {
        LoadedBook now = model.current();
        LoadedBook origin = model.origin();
        if (now == null || origin == null) {
            return "";
        }
        Map<String, Position> before = new LinkedHashMap<>();
        origin.book().positions().forEach(p -> before.put(p.id(), p));
        int added = 0;
        int changed = 0;
        for (Position p : now.book().positions()) {
            Position was = before.remove(p.id());
            if (was == null) {
                added++;
            } else if (!was.equals(p)) {
                changed++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (added > 0) {
            parts.add(added + " added");
        }
        if (changed > 0) {
            parts.add(changed + " changed");
        }
        if (!before.isEmpty()) {
            parts.add(before.size() + " removed");
        }
        return "What-if" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    private void chooseSaveFile() {
        LoadedBook b = model.current();
        if (b == null) {
            return;
        }
        FileChooser fc = new FileChooser();
        fc.setTitle("Save Portfolio As (CSV)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Portfolio CSV (*.csv)", "*.csv"));
        fc.setInitialFileName(b.book().name() + (model.editedProperty().get() ? "-whatif" : "") + ".csv");
        if (b.bookFile() != null && b.bookFile().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(b.bookFile().toAbsolutePath().getParent().toFile());
        }
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            savePortfolio(f.toPath(), path -> {
                Alert a = new Alert(Alert.AlertType.INFORMATION, "Wrote " + b.book().size() + " positions to "
                        + path + ".");
                a.initOwner(stage);
                a.setHeaderText("Portfolio saved");
                a.show();
            });
        }
    }

    /** Writes the book on show as a native CSV off the FX thread; {@code done} runs on the FX thread. */
    void savePortfolio(Path file, Consumer<Path> done) {
        Portfolio book = model.current().book();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                PortfolioCsv.write(book, file);
                return file;
            }
        };
        task.setOnSucceeded(e -> done.accept(task.getValue()));
        task.setOnFailed(e -> {
            Alert a = new Alert(Alert.AlertType.ERROR, String.valueOf(task.getException().getMessage()));
            a.initOwner(stage);
            a.setHeaderText("Could not save the portfolio");
            a.show();
        });
        writer.submit(task);
    }

    /** The form on show, null when none (a test hook). */
    PositionEditor editor() {
        return editor;
    }
}
