package io.marginscope.ui.sessions;

import io.marginscope.ui.control.WindowSizing;
import io.marginscope.analysis.MarginExplain;
import io.marginscope.run.ComputeRun;
import io.marginscope.store.Session;
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
import javafx.scene.control.ProgressBar;
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
import io.marginscope.ui.control.Formats;
import java.util.function.Function;
import io.marginscope.ui.control.ExplainPanel;

/**
 * The saved sessions: a searchable list; open, rename, duplicate, delete with undo, and a
 * comparison of two sessions (which inputs changed, how equity, MM and ES moved, and the change of
 * MM explained over prices, volatility, positions, policy and time as a waterfall).
 */
public final class SessionsWindow {

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
    private final SessionExplainService explainService = new SessionExplainService();
    private final ExplainPanel explain = new ExplainPanel("sessionExplain");
    private final Label explainStatus = new Label();
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
        comparison.setWrapText(true);
        comparison.setPromptText("Select two sessions and Compare");
        status.setId("sessionStatus");
        status.setWrapText(true);

        // the margin change of the two sessions explained (off the FX thread, with progress)
        explain.clear("Select two sessions and Compare: the change of MM split into prices, volatility, positions, "
                + "policy and time");
        explain.waterfall().setTitle("Why MM changed (Shapley values over five groups)");
        ProgressBar progress = new ProgressBar();
        progress.setId("explainProgress");
        progress.progressProperty().bind(explainService.progressProperty());
        progress.visibleProperty().bind(explainService.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelExplain");
        cancel.visibleProperty().bind(explainService.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> explainService.cancel());
        Label message = new Label();
        message.getStyleClass().add("caption");
        message.textProperty().bind(explainService.messageProperty());
        explainStatus.setId("explainStatus");
        explainStatus.getStyleClass().add("caption");
        explainStatus.setWrapText(true);
        HBox explainBar = new HBox(8, progress, cancel, message);
        explainBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        explainService.setOnSucceeded(e -> showExplanation(explainService.getValue()));
        explainService.setOnFailed(e -> {
            Throwable ex = explainService.getException();
            explain.clear("Not explained");
            explainStatus.setText("Not explained: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        explainService.setOnCancelled(e -> explainStatus.setText("Explanation cancelled"));

        VBox left = new VBox(8, comparison, explain.table(), explainStatus);
        left.setPrefWidth(430);
        left.setMinWidth(300);
        VBox.setVgrow(comparison, Priority.ALWAYS);
        VBox right = new VBox(6, explainBar, explain);
        VBox.setVgrow(explain, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox compareArea = new HBox(10, left, right);
        compareArea.setId("compareArea");
        compareArea.setMinHeight(260);

        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, compareArea);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.36);

        VBox top = new VBox(8, search, buttons);
        BorderPane root = new BorderPane(split, top, null, status, null);
        BorderPane.setMargin(split, new Insets(8, 0, 8, 0));
        root.setPadding(new Insets(10));
        root.getStyleClass().add("sessions-window");
        Scene scene = new Scene(root, 1160, 700);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        // follow the theme (View > Dark Theme swaps the main window's colour sheet)
        owner.getScene().getStylesheets().addListener((javafx.collections.ListChangeListener<String>) c ->
                scene.getStylesheets().setAll(owner.getScene().getStylesheets()));
        stage.setScene(scene);
        WindowSizing.requestSize(stage, 1160, 700);
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

    /**
     * Compares the two selected sessions, the earlier saved first: which inputs changed and how
     * equity, MM and ES moved (from the store), then the change of MM explained (a worker).
     */
    private void compare() {
        List<SessionSummary> two = new java.util.ArrayList<>(table.getSelectionModel().getSelectedItems());
        if (two.size() != 2) {
            return;
        }
        two.sort(java.util.Comparator.comparing((SessionSummary s) -> s.savedAt() == null ? java.time.Instant.MIN
                : s.savedAt()).thenComparingLong(SessionSummary::id));
        SessionSummary a = two.get(0);
        SessionSummary b = two.get(1);
        explainService.cancel();
        explain.clear("Explaining …");
        explainStatus.setText("");
        actions.worker().submit(store -> new Object[] {store.compare(a.id(), b.id()), store.load(a.id()),
                store.load(b.id())}, r -> {
            SessionComparison c = (SessionComparison) r[0];
            comparison.setText(describe(a.name(), b.name(), c));
            status.setText(c.inputsEqual() ? "Same inputs" : c.changedInputs().size() + " input(s) changed");
            Session from = (Session) r[1];
            Session to = (Session) r[2];
            if (from.inputs().policy() == null || to.inputs().policy() == null) {
                explain.clear("A session without a margin policy: no MM to explain");
                return;
            }
            explainService.submit(new SessionExplainService.Request(from, to));
        }, actions::failed);
    }

    private void showExplanation(SessionExplainService.Result r) {
        if (r == null) {
            return;
        }
        MarginExplain.Explanation e = r.explanation();
        List<ExplainPanel.Row> rows = new java.util.ArrayList<>();
        for (MarginExplain.Group g : MarginExplain.Group.values()) {
            rows.add(new ExplainPanel.Row(g.key(), g.key(), e.parts().get(g), e.differs().get(g) ? "" : "same inputs"));
        }
        Session from = r.request().from();
        Session to = r.request().to();
        explain.show("MM " + from.name(), e.from().maintenanceMargin(), rows, "MM " + to.name(),
                e.to().maintenanceMargin());
        explainStatus.setText(String.format(
                "%d evaluations (%d prepared) in %.0f ms, %,d scenarios, seed %d; the same numbers as "
                        + "marginscope explain --from session:%d --to session:%d",
                e.coalitions().size(), e.prepared(), e.elapsedNanos() / 1e6,
                ComputeRun.settings(from.inputs()).scenarios(), ComputeRun.settings(from.inputs()).seed(),
                from.id(), to.id()));
    }

    public SessionExplainService explainService() {
        return explainService;
    }

    public ExplainPanel explainPanel() {
        return explain;
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
        b.append(String.format("%-7s %,.0f -> %,.0f USD (%+,.0f", what, m.before(), m.after(), m.change()));
        double pct = m.changePct();
        b.append(Double.isNaN(pct) ? ")" : String.format(", %+.2f%%)", pct)).append('\n');
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
                        : Formats.money(v.doubleValue()));
            }
        });
        c.setPrefWidth(110);
        c.getStyleClass().add("number");
        return c;
    }
}
