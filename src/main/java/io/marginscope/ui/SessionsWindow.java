package io.marginscope.ui;

import io.marginscope.store.SessionComparison;
import io.marginscope.store.SessionSummary;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The saved sessions: a searchable list; open, rename, duplicate, delete with undo, and a
 * comparison of two sessions (which inputs changed, how equity, MM and ES moved).
 */
final class SessionsWindow {

    private static final DateTimeFormatter SAVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Stage stage = new Stage();
    private final SessionActions actions;
    private final ObservableList<SessionSummary> rows = FXCollections.observableArrayList();
    private final TableView<SessionSummary> table = new TableView<>(rows);
    private final TextField search = new TextField();
    private final Label status = new Label();
    private final TextArea comparison = new TextArea();
    private final Button undo = new Button("Undo Delete");
    private long lastDeleted;

    SessionsWindow(Stage owner, SessionActions actions) {
        this.actions = actions;
        stage.initOwner(owner);
        stage.setTitle("Sessions — MarginScope");

        search.setId("sessionSearch");
        search.setPromptText("Search names, books, policies, notes");
        search.textProperty().addListener(o -> refresh());

        table.setId("sessionTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No saved sessions: File > Save Session (Ctrl+S)"));
        table.getColumns().setAll(List.of(
                text("Name", SessionSummary::name, 200),
                text("Book", s -> s.portfolioName() == null ? "" : io.marginscope.run.RunInputs.fileName(s.portfolioName()), 170),
                text("Ver.", s -> Integer.toString(s.version()), 45),
                text("Saved", s -> s.savedAt() == null ? "" : SAVED.format(s.savedAt()), 125),
                number("Equity", SessionSummary::equity),
                number("MM", SessionSummary::maintenanceMargin),
                number("ES", SessionSummary::es)));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<SessionSummary> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    open();
                }
            });
            return row;
        });

        Button open = button("Open", "openSession", this::open);
        Button rename = button("Rename…", "renameSession", this::rename);
        Button duplicate = button("Duplicate", "duplicateSession", this::duplicate);
        Button delete = button("Delete", "deleteSession", this::delete);
        undo.setId("undoDelete");
        undo.setOnAction(e -> undoDelete());
        undo.setDisable(true);
        Button compare = button("Compare", "compareSessions", this::compare);
        var one = javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1);
        open.disableProperty().bind(one);
        rename.disableProperty().bind(one);
        duplicate.disableProperty().bind(one);
        delete.disableProperty().bind(one);
        compare.disableProperty().bind(
                javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        HBox buttons = new HBox(8, open, rename, duplicate, delete, undo, compare);

        comparison.setId("compareText");
        comparison.setEditable(false);
        comparison.setPrefRowCount(7);
        comparison.setPromptText("Select two sessions and Compare");
        status.setId("sessionStatus");
        status.setWrapText(true);

        VBox top = new VBox(8, search, buttons);
        VBox bottom = new VBox(8, comparison, status);
        BorderPane root = new BorderPane(table, top, null, bottom, null);
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
        root.setPadding(new Insets(10));
        root.getStyleClass().add("sessions-window");
        VBox.setVgrow(comparison, Priority.NEVER);
        Scene scene = new Scene(root, 900, 560);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
    }

    void show() {
        refresh();
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    Stage stage() {
        return stage;
    }

    void refresh() {
        String q = search.getText() == null ? "" : search.getText().strip();
        actions.worker().submit(store -> store.list(q), list -> {
            rows.setAll(list);
        }, actions::failed);
    }

    private SessionSummary selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private void open() {
        SessionSummary s = selected();
        if (s == null) {
            return;
        }
        status.setText("Opening " + s.name() + " …");
        actions.open(s.id(), status::setText);
    }

    private void rename() {
        SessionSummary s = selected();
        if (s == null) {
            return;
        }
        TextInputDialog d = new TextInputDialog(s.name());
        d.initOwner(stage);
        d.setHeaderText("Rename " + s.name());
        d.setContentText("Name:");
        d.showAndWait().filter(n -> !n.isBlank()).ifPresent(n -> run(store -> {
            store.rename(s.id(), n.strip());
            return "Renamed to " + n.strip();
        }));
    }

    private void duplicate() {
        SessionSummary s = selected();
        if (s != null) {
            run(store -> "Duplicated as " + store.duplicate(s.id(), s.name() + " (copy)").name());
        }
    }

    private void delete() {
        SessionSummary s = selected();
        if (s == null) {
            return;
        }
        lastDeleted = s.id();
        run(store -> {
            store.delete(s.id());
            return "Deleted " + s.name() + " (Undo Delete brings it back)";
        });
        undo.setDisable(false);
    }

    private void undoDelete() {
        long id = lastDeleted;
        if (id == 0) {
            return;
        }
        lastDeleted = 0;
        undo.setDisable(true);
        run(store -> {
            store.undelete(id);
            return "Restored " + store.load(id).name();
        });
    }

    private void compare() {
        List<SessionSummary> two = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (two.size() != 2) {
            return;
        }
        actions.worker().submit(store -> store.compare(two.get(0).id(), two.get(1).id()), c -> {
            comparison.setText(describe(two.get(0).name(), two.get(1).name(), c));
            status.setText(c.inputsEqual() ? "Same inputs" : c.changedInputs().size() + " input(s) changed");
        }, actions::failed);
    }

    static String describe(String first, String second, SessionComparison c) {
        StringBuilder b = new StringBuilder();
        b.append(first).append(" (v").append(c.firstVersion()).append(") -> ").append(second)
                .append(" (v").append(c.secondVersion()).append(")\n");
        b.append("Inputs changed: ").append(c.changedInputs().isEmpty() ? "none" : String.join(", ", c.changedInputs()))
                .append('\n');
        if (!c.positionChanges().isEmpty()) {
            b.append("Positions: ").append(String.join("; ", c.positionChanges())).append('\n');
        }
        move(b, "Equity", c.equity());
        move(b, "MM", c.maintenanceMargin());
        move(b, "ES", c.es());
        return b.toString();
    }

    private static void move(StringBuilder b, String what, SessionComparison.Move m) {
        b.append(String.format(Locale.ROOT, "%-7s %,.0f -> %,.0f USD (%+,.0f", what, m.before(), m.after(), m.change()));
        double pct = m.changePct();
        b.append(Double.isNaN(pct) ? ")" : String.format(Locale.ROOT, ", %+.2f%%)", pct)).append('\n');
    }

    private void run(StoreWorker.Job<String> job) {
        actions.worker().submit(job, text -> {
            status.setText(text);
            refresh();
        }, actions::failed);
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<SessionSummary, String> text(String title, Function<SessionSummary, String> f,
                                                            double width) {
        TableColumn<SessionSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<SessionSummary, Number> number(String title, java.util.function.ToDoubleFunction<SessionSummary> f) {
        TableColumn<SessionSummary, Number> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(f.applyAsDouble(d.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? ""
                        : String.format(Locale.ROOT, "%,.0f", v.doubleValue()));
            }
        });
        c.setPrefWidth(110);
        c.getStyleClass().add("number");
        return c;
    }
}
