package io.marginscope.ui.accounts;

import io.marginscope.ui.control.WindowSizing;
import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.CrossMargin;
import io.marginscope.io.InputException;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SampleBooks;
import io.marginscope.io.SnapshotJson;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.run.ComputeRun;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.compute.Pools;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * Accounts side by side: the book on show (first, following its what-if edits) and other books opened
 * beside it, each margined alone, all of them as one cross-margined book, and the netting benefit
 * (the sum of the accounts' MM minus the cross-margined MM). The numbers are {@link CrossMargin#of} on
 * the workstation's policy, price history and Monte Carlo settings, as {@code compute --portfolio A
 * --portfolio B --policy P} gives them; they are recomputed off the FX thread while the window shows.
 */
public final class AccountsWindow {

    /** An account added beside the book on show: its book and the snapshot it is valued on. */
    record Added(Portfolio book, MarketSnapshot market, String source) {
    }

    /** A row of the table: an account, or the cross-margined total ({@code total}). */
    record Row(String name, String tier, BookFigures figures, boolean total) {
    }

    static final String TOTAL = "All accounts (cross-margined)";

    private final Stage stage = new Stage();
    private final WorkbookViewModel model;
    private final RiskViewModel risk;
    private final MarginViewModel margin;
    private final ObservableList<Added> added = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);
    private final AccountsService service = new AccountsService();
    private final Executor loader = Pools.named("accounts-load");
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private final ReadOnlyObjectWrapper<AccountsService.Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final Label netting = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private final Label notes = new Label();
    private final BarChart<String, Number> chart;
    private final XYChart.Series<String, Number> series = new XYChart.Series<>();
    private final TableColumn<Row, String> counterparty;
    private final TableColumn<Row, String> wrongWay;
    private boolean dirty = true;
    private int loads;

    public AccountsWindow(Stage owner, WorkbookViewModel model, RiskViewModel risk, MarginViewModel margin,
                   Runnable toggleTheme) {
        this.model = model;
        this.risk = risk;
        this.margin = margin;
        stage.initOwner(owner);
        stage.setTitle("Accounts — MarginScope");

        table.setId("accountsTable");
        table.getStyleClass().add("positions-table");
        table.setPlaceholder(new Label("Open a book first"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        counterparty = money("Counterparty", f -> component(f, "counterparty"));
        wrongWay = money("Wrong-way", f -> component(f, "wrongWay"));
        TableColumn<Row, String> name = text("Account", Row::name, 230);
        table.getColumns().setAll(List.of(name, text("Tier", Row::tier, 55),
                text("Positions", r -> Integer.toString(r.figures().book().size()), 75),
                money("Equity", BookFigures::equity), money("MM", BookFigures::maintenanceMargin),
                money("IM", f -> f.margin().initialMargin()),
                number("Margin ratio", f -> Formats.ratio(f.margin().marginRatio())),
                money("Free margin", f -> f.margin().freeMargin()), counterparty, wrongWay));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                setStyle(r != null && r.total() ? "-fx-font-weight: bold;" : "");
            }
        });
        table.setFixedCellSize(26);
        table.setPrefHeight(26 * 6 + 30);
        table.setMinHeight(26 * 3 + 30);

        Button add = new Button("Add account…");
        add.setId("addAccount");
        add.setOnAction(e -> chooseFile());
        MenuButton samples = new MenuButton("Add sample");
        samples.setId("addSampleAccount");
        for (String s : SampleBooks.names()) {
            MenuItem item = new MenuItem(s);
            item.setOnAction(e -> addSample(s));
            samples.getItems().add(item);
        }
        Button remove = new Button("Remove");
        remove.setId("removeAccount");
        remove.setOnAction(e -> remove(table.getSelectionModel().getSelectedIndex()));
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            int i = table.getSelectionModel().getSelectedIndex();
            return i < 1 || i > added.size();
        }, table.getSelectionModel().selectedIndexProperty(), added));
        ProgressBar progress = new ProgressBar();
        progress.setId("accountsProgress");
        progress.progressProperty().bind(service.progressProperty());
        progress.visibleProperty().bind(service.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelAccounts");
        cancel.visibleProperty().bind(service.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> cancel());
        status.setId("accountsStatus");
        status.getStyleClass().add("caption");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, add, samples, remove, gap, progress, cancel, status);
        bar.setAlignment(Pos.CENTER_LEFT);

        error.setId("accountsError");
        error.getStyleClass().add("negative");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        netting.setId("nettingBenefit");
        netting.getStyleClass().add("book-name");
        netting.setWrapText(true);
        notes.setId("accountsNotes");
        notes.getStyleClass().add("caption");
        notes.setWrapText(true);

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("Maintenance margin, USD");
        y.setTickLabelFormatter(Formats.compactMoneyTicks());
        chart = new BarChart<>(x, y);
        chart.setId("accountsChart");
        chart.getStyleClass().add("accounts-chart");
        chart.setTitle("MM per account, their sum and the cross-margined book");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCategoryGap(28);
        chart.getData().add(series);

        VBox top = new VBox(8, bar, error, table, netting, notes);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, chart);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.48);
        BorderPane root = new BorderPane(split);
        root.getStyleClass().add("workstation");
        root.setPadding(new Insets(10));

        Scene scene = new Scene(root, 1180, 700);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        // follow the theme (View > Dark Theme swaps the main window's colour sheet); Ctrl+D works here too
        owner.getScene().getStylesheets().addListener((ListChangeListener<String>) c ->
                scene.getStylesheets().setAll(owner.getScene().getStylesheets()));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+D"), toggleTheme);
        stage.setScene(scene);
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        WindowSizing.requestSize(stage, 1180, 700);

        debounce.setOnFinished(e -> start());
        added.addListener((ListChangeListener<Added>) c -> recompute());
        model.currentProperty().addListener(o -> recompute());
        margin.policyProperty().addListener(o -> recompute());
        risk.historyProperty().addListener(o -> recompute());
        risk.scenariosProperty().addListener(o -> inputsChanged());
        risk.seedProperty().addListener(o -> inputsChanged());
        risk.overrideChangesProperty().addListener(o -> inputsChanged());
        stage.setOnShown(e -> {
            if (dirty) {
                recompute();
            }
        });
        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            status.setText("Not computed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        service.setOnCancelled(e -> status.setText("Cancelled: the figures on show are from the last run"));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** Runs now with the current inputs (while the window shows; else at the next show). */
    void recompute() {
        debounce.stop();
        start();
    }

    private void inputsChanged() {
        debounce.playFromStart();
    }

    void cancel() {
        debounce.stop();
        if (service.isRunning()) {
            service.cancel();
        }
    }

    private void start() {
        AccountsService.Request r = request();
        if (r == null) {
            return;
        }
        if (!stage.isShowing()) {
            dirty = true;
            return;
        }
        dirty = false;
        status.setText("");
        service.submit(r);
    }

    /** The inputs as they stand: the book on show (with the vol overrides) first, then the accounts added. */
    AccountsService.Request request() {
        LoadedBook b = model.current();
        if (b == null) {
            return null;
        }
        List<Portfolio> books = new ArrayList<>();
        List<MarketSnapshot> markets = new ArrayList<>();
        books.add(b.book());
        markets.add(risk.overriddenMarket(b));
        for (Added a : added) {
            books.add(a.book());
            markets.add(a.market());
        }
        List<String> names = CrossMargin.names(books);
        List<CrossMargin.Account> accounts = new ArrayList<>();
        for (int i = 0; i < books.size(); i++) {
            accounts.add(new CrossMargin.Account(names.get(i), books.get(i), markets.get(i)));
        }
        Policy pol = margin.policy();
        return new AccountsService.Request(accounts, risk.historyFor(pol != null && ComputeRun.needsHistory(pol)), pol,
                margin.settings());
    }

    private void show(AccountsService.Run r) {
        if (r == null) {
            return;
        }
        run.set(r);
        CrossMargin.Result res = r.result();
        boolean cp = r.request().policy().counterparty() != null;
        counterparty.setVisible(cp);
        wrongWay.setVisible(cp);
        List<Row> next = new ArrayList<>();
        for (int i = 0; i < res.accounts().size(); i++) {
            BookFigures f = res.accounts().get(i);
            next.add(new Row(r.request().accounts().get(i).name(), tier(f), f, false));
        }
        next.add(new Row(TOTAL, tier(res.combined()), res.combined(), true));
        rows.setAll(next);
        netting.setText(nettingLine(res));

        List<XYChart.Data<String, Number>> bars = new ArrayList<>();
        for (Row row : next) {
            if (row.total()) {
                bars.add(new XYChart.Data<>("Sum of accounts", res.accountsMaintenanceMargin()));
                bars.add(new XYChart.Data<>("Cross-margined", res.combined().maintenanceMargin()));
            } else {
                bars.add(new XYChart.Data<>(row.name(), row.figures().maintenanceMargin()));
            }
        }
        for (int i = 0; i < bars.size(); i++) {
            // the chart resets a bar's style classes, so the theme's colour goes inline (a looked-up colour,
            // it follows the theme)
            String colour = i == bars.size() - 1 ? "-ms-bar-hedge" : i == bars.size() - 2 ? "-ms-muted" : "-ms-bar";
            javafx.scene.layout.StackPane node = new javafx.scene.layout.StackPane();
            node.setStyle("-fx-bar-fill: " + colour + "; -fx-background-color: " + colour + ";");
            bars.get(i).setNode(node);
        }
        series.getData().setAll(bars);

        List<String> lines = new ArrayList<>();
        lines.add("Policy " + r.request().policy().name() + ", " + Formats.count(r.request().settings().scenarios())
                + " scenarios, seed " + r.request().settings().seed() + (r.request().history() == null
                ? ", no price history" : ", with the price history") + "; each account margined alone, the "
                + "total as one book holding every account's positions.");
        lines.addAll(res.warnings());
        notes.setText(String.join("\n", lines));
        status.setText("Computed in " + r.elapsedMs() + " ms");
    }

    /** "Sum of accounts' MM X − cross-margined MM Y = netting benefit Z (p% of the sum)". */
    static String nettingLine(CrossMargin.Result res) {
        double sum = res.accountsMaintenanceMargin();
        return "Sum of accounts' MM " + Formats.money(sum) + " − cross-margined MM "
                + Formats.money(res.combined().maintenanceMargin()) + " = netting benefit "
                + Formats.money(res.nettingBenefit()) + " (" + Formats.percent(sum == 0 ? Double.NaN
                : res.nettingBenefit() / sum) + " of the sum)";
    }

    /** The tier the margin applied (the book's own, else the policy's default), else the book's, else —. */
    static String tier(BookFigures f) {
        MarginResult.Counterparty c = f.margin().counterparty();
        if (c != null && c.tier() != null) {
            return c.tier();
        }
        return f.book().tier() == null ? "—" : f.book().tier();
    }

    private static double component(BookFigures f, String name) {
        Double v = f.margin().components().asMap().get(name);
        return v == null ? Double.NaN : v;
    }

    private void chooseFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Add Account");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Portfolios (*.csv, Deribit *.json)", "*.csv", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        LoadedBook b = model.current();
        if (b != null && b.bookFile() != null && b.bookFile().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(b.bookFile().toAbsolutePath().getParent().toFile());
        }
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            addFile(f.toPath());
        }
    }

    /**
     * Reads a portfolio file off the FX thread, valued on the snapshot beside it, else on the open book's
     * market; a file that does not read is reported (file, line, field) and the accounts stay as they were.
     */
    void addFile(Path file) {
        LoadedBook b = model.current();
        Path companion = PortfolioFiles.companionMarket(file);
        Path marketFile = companion != null ? companion : b == null ? null : b.marketFile();
        MarketSnapshot open = b == null ? null : b.market();
        load(file.getFileName().toString(), () -> {
            MarketSnapshot m = marketFile != null ? SnapshotJson.read(marketFile).value() : open;
            if (m == null) {
                throw new InputException(file.toString(), 0, null, "no market snapshot beside it and no book open");
            }
            return new Added(PortfolioFiles.read(file, m).value(), m, file.toString());
        });
    }

    /** Adds a bundled sample book with its own snapshot. */
    void addSample(String name) {
        load(name, () -> {
            SampleBooks.Sample s = SampleBooks.load(name);
            return new Added(s.book().value(), s.market().value(), "samples/" + name);
        });
    }

    private interface Reader {
        Added read() throws InputException;
    }

    private void load(String what, Reader reader) {
        Task<Added> t = new Task<>() {
            @Override
            protected Added call() throws InputException {
                return reader.read();
            }
        };
        loads++;
        status.setText("Reading " + what + " …");
        t.setOnSucceeded(e -> {
            loads--;
            error.setText("");
            added.add(t.getValue());
        });
        t.setOnFailed(e -> {
            loads--;
            Throwable ex = t.getException();
            status.setText("");
            error.setText("Could not add " + what + " — the accounts are unchanged: "
                    + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });
        loader.execute(t);
    }

    /** Removes the account at this row (1 = the first added; the book on show and the total stay). */
    void remove(int row) {
        if (row >= 1 && row <= added.size()) {
            added.remove(row - 1);
        }
    }

    ObservableList<Row> rows() {
        return rows;
    }

    List<Added> added() {
        return added;
    }

    int loadsInFlight() {
        return loads;
    }

    ReadOnlyObjectProperty<AccountsService.Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    AccountsService service() {
        return service;
    }

    Stage stage() {
        return stage;
    }

    private static TableColumn<Row, String> text(String title, Function<Row, String> value, double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static TableColumn<Row, String> money(String title, Function<BookFigures, Double> value) {
        return number(title, f -> Formats.money(value.apply(f)));
    }

    private static TableColumn<Row, String> number(String title, Function<BookFigures, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(value.apply(d.getValue().figures())));
        c.setCellFactory(col -> new io.marginscope.ui.control.SignedCell<>());
        c.getStyleClass().add("number-cell");
        c.setPrefWidth(105);
        c.setSortable(false);
        return c;
    }
}
