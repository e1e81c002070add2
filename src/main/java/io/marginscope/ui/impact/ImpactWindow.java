package io.marginscope.ui.impact;

import io.marginscope.impact.ImpactSummary;
import io.marginscope.io.PolicyPresets;
import io.marginscope.run.ImpactRun;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.control.WindowSizing;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.LoadedHistory;
import io.marginscope.ui.workbook.WorkbookViewModel;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Impact window: a client base margined under several policies side by side, as {@code marginscope
 * impact} computes it ({@link ImpactService}, {@link ImpactRun}): the totals per policy, the zone
 * transitions from the reference (the first policy ticked) to the policy compared, the histogram of the
 * per-account change of MM, the 20 largest increases and decreases (a double-click opens that account as
 * the book of the main window), and the crashes of the scenario library. Exports the policy-impact PDF
 * page and the per-account CSV ({@link ImpactExports}).
 */
public final class ImpactWindow {

    private final Stage stage = new Stage();
    private final Stage owner;
    private final WorkbookViewModel model;
    private final RiskViewModel risk;
    private final ImpactService service = new ImpactService();
    private final ImpactExports exports;
    private final ReadOnlyObjectWrapper<ImpactService.Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final Map<String, CheckBox> policies = new LinkedHashMap<>();
    private final CheckBox episodes = new CheckBox("Crashes (episodes)");
    private final CheckBox skipBad = new CheckBox("Leave out bad accounts");
    private final Label baseLabel = new Label("No client base open");
    private final Label caption = new Label();
    private final Label error = new Label();
    private final Button runWithoutBad = new Button("Run again, leaving bad accounts out");
    private final Label status = new Label();
    private final ComboBox<String> compared = new ComboBox<>();
    private final TableView<ImpactTables.Line> totals = new TableView<>();
    private final TableView<List<String>> transitions = ImpactTables.table("impactTransitions", "Run two policies or more");
    private final TableView<ImpactSummary.Mover> increases = movers("impactIncreases", "No account's MM rose");
    private final TableView<ImpactSummary.Mover> decreases = movers("impactDecreases", "No account's MM fell");
    private final TableView<List<String>> crashes = ImpactTables.table("impactEpisodes",
            "Tick Crashes (episodes) and run to apply the scenario library's crashes");
    private final BarChart<String, Number> histogram;
    private final XYChart.Series<String, Number> bins = new XYChart.Series<>();
    private final Label transitionsTitle = new Label("Zone transitions");
    private final Label moversTitle = new Label("Top movers");
    private Path base;
    private Path market;

    public ImpactWindow(Stage owner, WorkbookViewModel model, RiskViewModel risk, MarginViewModel margin,
                        Runnable toggleTheme) {
        this.owner = owner;
        this.model = model;
        this.risk = risk;
        this.exports = new ImpactExports(stage, model, status);
        stage.initOwner(owner);
        stage.setTitle("Policy Impact — MarginScope");

        for (String p : PolicyPresets.available()) {
            CheckBox c = new CheckBox(p);
            c.setId("impactPolicy-" + p);
            c.setSelected(true);
            policies.put(p, c);
        }
        String own = margin.policyRefProperty().get();
        if (own != null && !policies.containsKey(own) && Files.isRegularFile(Path.of(own))) {
            CheckBox c = new CheckBox(Path.of(own).getFileName().toString());
            c.setSelected(true);
            policies.put(own, c);
        }
        episodes.setId("impactEpisodesBox");
        skipBad.setId("impactSkipBad");

        Button open = new Button("Open Client Base…");
        open.setId("impactOpenBase");
        open.setOnAction(e -> chooseBase());
        Button run = new Button("Run");
        run.setId("impactRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> start(false));
        run.disableProperty().bind(service.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("impactCancel");
        cancel.disableProperty().bind(service.runningProperty().not());
        cancel.setOnAction(e -> service.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("impactProgress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(service.progressProperty());
        progress.visibleProperty().bind(service.runningProperty());
        Label message = new Label();
        message.getStyleClass().add("caption");
        message.textProperty().bind(service.messageProperty());
        Button pdf = new Button("Export PDF…");
        pdf.setId("impactExportPdf");
        pdf.setOnAction(e -> exports.choosePdf(outcome.get()));
        Button csv = new Button("Export CSV…");
        csv.setId("impactExportCsv");
        csv.setOnAction(e -> exports.chooseCsv(outcome.get()));
        pdf.disableProperty().bind(outcome.isNull().or(service.runningProperty()));
        csv.disableProperty().bind(pdf.disableProperty());
        baseLabel.setId("impactBase");
        baseLabel.getStyleClass().add("book-name");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar1 = new HBox(8, open, baseLabel, gap, run, cancel, progress, message, pdf, csv);
        bar1.setAlignment(Pos.CENTER_LEFT);
        Label pl = new Label("Policies (the first ticked is the reference):");
        HBox bar2 = new HBox(10, pl);
        bar2.getChildren().addAll(policies.values());
        bar2.getChildren().addAll(new Label("  "), episodes, skipBad);
        bar2.setAlignment(Pos.CENTER_LEFT);

        caption.setId("impactCaption");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        error.setId("impactError");
        error.getStyleClass().add("negative");
        error.setWrapText(true);
        runWithoutBad.setId("impactRunWithoutBad");
        runWithoutBad.setOnAction(e -> start(true));
        runWithoutBad.setVisible(false);
        runWithoutBad.managedProperty().bind(runWithoutBad.visibleProperty());
        HBox errorBox = new HBox(10, error, runWithoutBad);
        errorBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(error, Priority.ALWAYS);
        errorBox.managedProperty().bind(error.textProperty().isNotEmpty());
        errorBox.visibleProperty().bind(errorBox.managedProperty());
        status.setId("impactStatus");
        status.getStyleClass().add("caption");

        totals.setId("impactTotals");
        totals.getStyleClass().add("positions-table");
        totals.setPlaceholder(new Label("Open a client base and run"));
        totals.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        totals.setFixedCellSize(24);

        compared.setId("impactCompared");
        compared.valueProperty().addListener((o, a, b) -> showComparison());
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("Accounts");
        x.setLabel("Change of MM per account, USD (each bar from its lower edge)");
        histogram = new BarChart<>(x, y);
        histogram.setId("impactHistogram");
        histogram.setLegendVisible(false);
        histogram.setAnimated(false);
        histogram.setCategoryGap(2);
        histogram.setBarGap(0);
        histogram.getData().add(bins);
        histogram.setMinHeight(180);

        transitionsTitle.getStyleClass().add("book-name");
        moversTitle.getStyleClass().add("book-name");
        HBox compareBar = new HBox(8, new Label("Compare the reference with:"), compared);
        compareBar.setAlignment(Pos.CENTER_LEFT);
        transitions.getColumns().add(ImpactTables.column("", 0, false, 150));
        for (int j = 0; j < ImpactSummary.STATES.size(); j++) {
            transitions.getColumns().add(ImpactTables.column(ImpactSummary.STATES.get(j), j + 1, true, 95));
        }
        transitions.getColumns().add(ImpactTables.column("All", ImpactSummary.STATES.size() + 1, true, 80));
        transitions.setPrefHeight(24 * 4 + 30);
        transitions.setMinHeight(24 * 4 + 30);
        transitions.setMaxHeight(24 * 4 + 30);
        totals.setPrefHeight(24 * 12 + 48);
        totals.setMinHeight(24 * 5 + 30);
        Region below = new Region();
        VBox left = new VBox(6, totals, compareBar, transitionsTitle, transitions, below);
        VBox.setVgrow(below, Priority.ALWAYS);
        HBox moverTables = new HBox(8, titled("Largest increases", increases), titled("Largest decreases", decreases));
        moverTables.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        VBox.setVgrow(moverTables, Priority.ALWAYS);
        VBox right = new VBox(4, histogram, moversTitle, moverTables);
        VBox.setVgrow(histogram, Priority.SOMETIMES);
        SplitPane overviewSplit = new SplitPane(left, right);
        overviewSplit.setOrientation(Orientation.HORIZONTAL);
        overviewSplit.setDividerPositions(0.49);

        crashes.getColumns().setAll(List.of(ImpactTables.column("Episode", 0, false, 110),
                ImpactTables.column("Policy", 1, false, 150), ImpactTables.column("Accounts", 2, true, 100),
                ImpactTables.column("Shortfall accounts", 3, true, 140),
                ImpactTables.column("Total shortfall (USD)", 4, true, 170),
                ImpactTables.column("Liquidated", 5, true, 100)));
        Label crashNote = new Label("Each dated crash of the scenario library applied to every account; shortfall: "
                + "the crash's loss beyond the equity the account entered it with under the policy (its equity "
                + "plus what it had to post to meet the policy's IM); liquidated: left below the policy's MM.");
        crashNote.getStyleClass().add("caption");
        crashNote.setWrapText(true);
        VBox crashBox = new VBox(6, crashes, crashNote);
        VBox.setVgrow(crashes, Priority.ALWAYS);
        crashBox.setPadding(new Insets(6, 0, 0, 0));
        Tab overview = new Tab("Totals, transitions and movers", overviewSplit);
        overview.setId("impactOverviewTab");
        Tab crashTab = new Tab("Crashes", crashBox);
        crashTab.setId("impactCrashesTab");
        TabPane tabs = new TabPane(overview, crashTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        VBox root = new VBox(6, bar1, bar2, caption, errorBox, tabs, status);
        root.getStyleClass().add("workstation");
        root.setPadding(new Insets(8, 10, 6, 10));
        BorderPane frame = new BorderPane(root);
        Scene scene = new Scene(frame, 1340, 720);
        scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        owner.getScene().getStylesheets().addListener((ListChangeListener<String>) c ->
                scene.getStylesheets().setAll(owner.getScene().getStylesheets()));
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+D"), toggleTheme);
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(600);
        WindowSizing.requestSize(stage, 1340, 720);

        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> failed(service.getException()));
        service.setOnCancelled(e -> status.setText("Cancelled: " + (outcome.get() == null ? "nothing computed"
                : "the figures on show are from the last run")));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    /** File > Open Client Base…: a folder of account files or one CSV, then a run. */
    public void chooseBase() {
        show();
        Path p = ImpactExports.chooseBase(stage, base);
        if (p != null) {
            openBase(p);
        }
    }

    /**
     * Opens a client base: its snapshot is the one beside it ({@code market.json} in the folder,
     * {@code X.market.json} beside {@code X.csv}), else the open book's; then runs the policies ticked.
     */
    public void openBase(Path accounts) {
        Path m = ImpactExports.marketOf(accounts, model.current() == null ? null : model.current().marketFile());
        if (m == null) {
            m = ImpactExports.chooseMarket(stage, accounts);
            if (m == null) {
                return;
            }
        }
        base = accounts;
        market = m;
        baseLabel.setText(accounts.getFileName() + (Files.isDirectory(accounts) ? " (folder)" : "")
                + " · snapshot " + m.getFileName());
        show();
        start(false);
    }

    /** Ticks exactly these policies, in the order of the presets (for scripted use and tests). */
    public void selectPolicies(List<String> refs) {
        policies.forEach((ref, box) -> box.setSelected(refs.contains(ref)));
    }

    /** The request as the window stands, or null when no base is open or no policy is ticked. */
    ImpactService.Request request(boolean leaveOutBad) {
        if (base == null) {
            return null;
        }
        List<String> refs = new ArrayList<>();
        policies.forEach((ref, box) -> {
            if (box.isSelected()) {
                refs.add(ref);
            }
        });
        if (refs.isEmpty()) {
            return null;
        }
        LoadedHistory h = risk.historyProperty().get();
        return new ImpactService.Request(base, market, h == null ? null : h.file(), refs, episodes.isSelected(),
                leaveOutBad || skipBad.isSelected());
    }

    void start(boolean leaveOutBad) {
        ImpactService.Request r = request(leaveOutBad);
        if (r == null) {
            error.setText(base == null ? "" : "Tick at least one policy");
            return;
        }
        error.setText("");
        runWithoutBad.setVisible(false);
        service.submit(r);
        // after the submit: a run in flight that the new one replaces reports its cancel first
        status.setText("");
    }

    private void failed(Throwable ex) {
        String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        if (ex instanceof ImpactRun.BadAccount bad) {
            error.setText("Bad account " + bad.account() + ": " + m + " — nothing computed"
                    + (outcome.get() == null ? "" : "; the figures on show are from the last run"));
            runWithoutBad.setVisible(true);
        } else if (ex instanceof io.marginscope.run.ComputeRun.SettingsException) {
            error.setText("Not computed: " + m + " (File > Open Price History…, or untick that policy)");
        } else {
            error.setText("Not computed: " + m);
        }
    }

    private void show(ImpactService.Outcome o) {
        ImpactService.Outcome before = outcome.get();
        outcome.set(o);
        if (before != null) {
            ImpactExports.deleteQuietly(before.csv());
        }
        ImpactSummary s = o.result().summary();
        List<String> names = o.result().policies();
        totals.getColumns().clear();
        TableColumn<ImpactTables.Line, String> label = new TableColumn<>("");
        label.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().label()));
        label.setSortable(false);
        label.setPrefWidth(178);
        label.setMinWidth(170);
        totals.getColumns().add(label);
        for (int i = 0; i < names.size(); i++) {
            int col = i;
            // a long name breaks after its hyphens, so that five policies side by side keep their names
            TableColumn<ImpactTables.Line, String> c = new TableColumn<>(names.get(i).replace("-", "-\n"));
            c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().cells().get(col)));
            c.setCellFactory(x -> new io.marginscope.ui.control.SignedCell<>());
            c.getStyleClass().add("number-cell");
            c.setSortable(false);
            c.setPrefWidth(96);
            c.setMinWidth(92);
            totals.getColumns().add(c);
        }
        totals.getItems().setAll(ImpactTables.totals(s));
        crashes.getItems().setAll(ImpactTables.episodes(s));
        List<String> others = names.subList(1, names.size());
        compared.getItems().setAll(others);
        compared.setDisable(others.isEmpty());
        if (!others.isEmpty()) {
            String was = compared.getValue();
            compared.setValue(was != null && others.contains(was) ? was : others.get(0));
        }
        showComparison();
        caption.setText(caption(o));
        status.setText(Formats.count(s.accounts()) + " accounts under " + names.size() + " policies in "
                + new java.text.DecimalFormat("0.0").format(o.seconds()) + " s on " + o.threads() + " threads"
                + (o.result().warnings().isEmpty() ? "" : "; " + o.result().warnings().size() + " warning(s): "
                + o.result().warnings().get(0)));
    }

    /** What made the figures: the base, the snapshot, the history, the policies and their settings. */
    static String caption(ImpactService.Outcome o) {
        ImpactService.Request r = o.request();
        ImpactSummary s = o.result().summary();
        List<String> names = new ArrayList<>(o.result().policies());
        names.set(0, names.get(0) + " (reference)");
        return Formats.count(s.accounts()) + " accounts of " + r.accounts().getFileName()
                + (s.skipped().isEmpty() ? "" : ", " + s.skipped().size() + " bad account(s) left out")
                + " · snapshot " + r.market().getFileName() + " as of " + o.asOf()
                + " · " + (r.history() == null ? "no price history" : "price history " + r.history().getFileName())
                + " · policies " + String.join(", ", names) + ", each with its own settings (as impact without risk "
                + "options)" + (o.result().episodes().isEmpty() ? "" : " · crashes " + String.join(", ",
                o.result().episodes()));
    }

    private void showComparison() {
        ImpactService.Outcome o = outcome.get();
        String to = compared.getValue();
        ImpactSummary s = o == null ? null : o.result().summary();
        ImpactSummary.Transition t = s == null ? null
                : s.transitions().stream().filter(x -> x.to().equals(to)).findFirst().orElse(null);
        ImpactSummary.ChangeDistribution d = s == null ? null
                : s.changes().stream().filter(x -> x.to().equals(to)).findFirst().orElse(null);
        transitions.getItems().clear();
        bins.getData().clear();
        increases.getItems().clear();
        decreases.getItems().clear();
        if (t == null || d == null) {
            transitionsTitle.setText("Zone transitions");
            moversTitle.setText("Top movers");
            histogram.setTitle("Change of MM per account");
            return;
        }
        transitionsTitle.setText("Zones: " + t.from() + " (rows) to " + t.to() + " (columns)");
        transitions.getColumns().get(0).setText(t.from() + " \\ " + t.to());
        transitions.getItems().setAll(ImpactTables.transitions(t));
        histogram.setTitle(d.from() + " to " + d.to() + ": " + Formats.count(d.accounts()) + " accounts, total "
                + Formats.signedMoney(d.total()) + " USD, median " + Formats.signedMoney(d.percentiles()
                .getOrDefault(50, Double.NaN)) + " USD");
        List<XYChart.Data<String, Number>> data = new ArrayList<>();
        for (ImpactSummary.Bin b : d.histogram()) {
            XYChart.Data<String, Number> bar = new XYChart.Data<>(ImpactTables.binLabel(b), b.count());
            // the chart resets a bar's style classes: the theme's bar colour goes inline (a looked-up colour)
            javafx.scene.layout.StackPane node = new javafx.scene.layout.StackPane();
            node.setStyle("-fx-bar-fill: -ms-bar; -fx-background-color: -ms-bar;");
            bar.setNode(node);
            data.add(bar);
        }
        bins.getData().setAll(data);
        moversTitle.setText("Top movers, " + d.from() + " to " + d.to() + " (double-click: open as the book)");
        setMoverHeaders(increases, d);
        setMoverHeaders(decreases, d);
        increases.getItems().setAll(d.topIncreases());
        decreases.getItems().setAll(d.topDecreases());
    }

    private static void setMoverHeaders(TableView<ImpactSummary.Mover> t, ImpactSummary.ChangeDistribution d) {
        t.getColumns().get(1).setText("MM " + d.from());
        t.getColumns().get(2).setText("MM " + d.to());
    }

    private static VBox titled(String title, TableView<?> table) {
        Label l = new Label(title);
        l.getStyleClass().add("caption");
        VBox box = new VBox(2, l, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private TableView<ImpactSummary.Mover> movers(String id, String placeholder) {
        TableView<ImpactSummary.Mover> t = new TableView<>();
        t.setId(id);
        t.getStyleClass().add("positions-table");
        t.setPlaceholder(new Label(placeholder));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setFixedCellSize(24);
        TableColumn<ImpactSummary.Mover, String> account = new TableColumn<>("Account");
        account.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().account()));
        account.setSortable(false);
        account.setPrefWidth(98);
        account.setMinWidth(96);
        // the MMs short (1.2M, 617.2k), the change in full: the exact MMs are in the per-account CSV
        TableColumn<ImpactSummary.Mover, String> change = moverColumn("Change", m -> Formats.signedMoney(m.change()));
        change.setPrefWidth(84);
        change.setMinWidth(80);
        t.getColumns().setAll(List.of(account, moverColumn("MM before", m -> Formats.compactMoney(m.from())),
                moverColumn("MM after", m -> Formats.compactMoney(m.to())), change));
        t.setRowFactory(tv -> {
            TableRow<ImpactSummary.Mover> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null) {
                    openAccount(row.getItem());
                }
            });
            return row;
        });
        return t;
    }

    private static TableColumn<ImpactSummary.Mover, String> moverColumn(String title,
                                                                       Function<ImpactSummary.Mover, String> f) {
        TableColumn<ImpactSummary.Mover, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setCellFactory(x -> new io.marginscope.ui.control.SignedCell<>());
        c.getStyleClass().add("number-cell");
        c.setSortable(false);
        c.setPrefWidth(62);
        c.setMinWidth(56);
        return c;
    }

    /** Opens a mover's account as the book of the main window, on the base's snapshot. */
    void openAccount(ImpactSummary.Mover m) {
        ImpactService.Outcome o = outcome.get();
        if (o == null) {
            return;
        }
        exports.openAccount(o.request(), m, () -> {
            owner.toFront();
            owner.requestFocus();
        });
    }

    ReadOnlyObjectProperty<ImpactService.Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    ImpactService service() {
        return service;
    }

    ImpactExports exports() {
        return exports;
    }

    Stage stage() {
        return stage;
    }
}
