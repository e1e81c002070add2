package io.marginscope.ui;

import io.marginscope.io.InputException;
import io.marginscope.io.ScenarioJson;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.stress.ScanRanges;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

import java.io.File;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Stress tab: the scenario library, the SPAN array of the policy (or of the span preset when
 * the policy has none) and any scenario files opened; run the selected ones or all; a table and a
 * bar chart of their P&amp;L, and a heat map of the P&amp;L over price moves times vol shocks.
 * Re-run (coalesced) when the book, its market or the policy change.
 */
public final class StressView extends VBox {

    /** Heat map columns: multiples of each underlying's scan range. */
    static final double[] PRICE_MOVES = {-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3};
    /** Heat map rows as multiples of the vol scan range, top (vol up) to bottom. */
    static final double[] VOL_MULTIPLES = {2, 1, 0, -1, -2};

    private final MarginViewModel margin;
    private final ReadOnlyObjectProperty<LoadedBook> book;
    private final Window owner;
    private final StressService service = new StressService();
    private final ObservableList<StressScenario> library = FXCollections.observableArrayList();
    private final List<StressScenario> custom = new ArrayList<>();
    private final ListView<StressScenario> list = new ListView<>(library);
    private final ObservableList<StressResult> results = FXCollections.observableArrayList();
    private final TableView<StressResult> table = new TableView<>(results);
    private final BarChart<String, Number> chart;
    private final io.marginscope.ui.control.StressHeatmap heatmap = new io.marginscope.ui.control.StressHeatmap();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private List<StressScenario> lastRun = List.of();
    private boolean ranOnce;
    private StressService.Request shown;
    private ScenarioEditor editor;

    public StressView(MarginViewModel margin, ReadOnlyObjectProperty<LoadedBook> book, Window owner) {
        super(8);
        this.margin = margin;
        this.book = book;
        this.owner = owner;
        getStyleClass().addAll("results", "stress-view");
        setId("stressView");

        list.setId("scenarioList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(StressScenario s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name());
                setTooltip(empty || s == null ? null : new Tooltip(s.description()));
            }
        });
        list.setPrefWidth(310);

        table.setId("stressTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Run a scenario: select it and Run, or Run all"));
        TableColumn<StressResult, String> name = new TableColumn<>("Scenario");
        name.setId("scenarioColumn");
        name.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().scenario()));
        name.setPrefWidth(320);
        table.getColumns().add(name);
        table.getColumns().add(number("P&L (USD)", "pnlColumn", StressResult::pnl, Formats::money));
        table.getColumns().add(number("Weight", "weightColumn", StressResult::weight, Formats::number));
        table.getColumns().add(number("Weighted (USD)", "weightedColumn", StressResult::weightedPnl,
                Formats::money));

        CategoryAxis x = new CategoryAxis();
        x.setTickLabelsVisible(false);
        x.setLabel("scenarios, in the order of the table");
        NumberAxis y = new NumberAxis();
        y.setLabel("P&L (USD)");
        y.setTickLabelFormatter(Formats.compactMoneyTicks());
        chart = new BarChart<>(x, y);
        chart.setId("stressChart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setCategoryGap(3);
        chart.setBarGap(0);
        chart.setTitle("Stress P&L by scenario");
        heatmap.setId("stressHeatmap");

        Button runSelected = new Button("Run selected");
        runSelected.setId("runSelectedButton");
        runSelected.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        runSelected.setOnAction(e -> run(List.copyOf(list.getSelectionModel().getSelectedItems())));
        Button runAll = new Button("Run all");
        runAll.setId("runAllButton");
        runAll.setOnAction(e -> run(List.copyOf(library)));
        Button open = new Button("Open scenario file…");
        open.setOnAction(e -> chooseScenarioFile());
        Button create = new Button("New scenario…");
        create.setId("newScenarioButton");
        create.setOnAction(e -> newScenario());
        create.disableProperty().bind(book.isNull());
        Button edit = new Button("Edit…");
        edit.setId("editScenarioButton");
        edit.setTooltip(new Tooltip("Edit the selected custom scenario"));
        Button duplicate = new Button("Duplicate as custom…");
        duplicate.setId("duplicateScenarioButton");
        duplicate.setTooltip(new Tooltip("A custom scenario starting from the selected one (an episode's aggregate move)"));
        edit.setOnAction(e -> editScenario(list.getSelectionModel().getSelectedItem()));
        duplicate.setOnAction(e -> duplicateScenario(list.getSelectionModel().getSelectedItem()));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            edit.setDisable(now == null || !custom.contains(now) || now.isPath());
            duplicate.setDisable(now == null);
        });
        edit.setDisable(true);
        duplicate.setDisable(true);
        HBox bar = MarginWorkspace.toolbar(service, () -> run(lastRun));
        bar.getChildren().addAll(0, List.of(runSelected, runAll, create, edit, duplicate, open));

        Label heatTitle = new Label("P&L over price moves x vol shocks (SPAN scan ranges)");
        heatTitle.getStyleClass().add("panel-heading");
        VBox heat = new VBox(4, heatTitle, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        SplitPane lower = new SplitPane(chart, heat);
        lower.setDividerPositions(0.45);
        SplitPane right = new SplitPane(table, lower);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.4);
        SplitPane main = new SplitPane(list, right);
        main.setDividerPositions(0.22);
        SplitPane.setResizableWithParent(list, false);
        VBox.setVgrow(main, Priority.ALWAYS);
        getChildren().addAll(bar, main);

        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> table.setPlaceholder(new Label("Stress not run: "
                + service.getException().getMessage())));
        debounce.setOnFinished(e -> run(lastRun));
        book.addListener(o -> {
            rebuildLibrary();
            debounce.playFromStart();
        });
        margin.policyProperty().addListener(o -> {
            rebuildLibrary();
            debounce.playFromStart();
        });
        margin.runProperty().addListener((o, was, r) -> {
            if (r != null && shown != null && !r.request().market().equals(shown.market())) {
                debounce.playFromStart();
            }
        });
        rebuildLibrary();
    }

    private static TableColumn<StressResult, Double> number(String title, String id,
                                                           Function<StressResult, Double> f,
                                                           Function<Double, String> format) {
        TableColumn<StressResult, Double> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(f.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : format.apply(v));
            }
        });
        c.getStyleClass().add("number-column");
        return c;
    }

    /** The SPAN parameters: the policy's, else the span preset's. */
    Policy.Span span() {
        Policy p = margin.policy();
        if (p.stress() != null && p.stress().span() != null) {
            return p.stress().span();
        }
        try {
            return PolicyPresets.load("span").stress().span();
        } catch (InputException e) {
            throw new IllegalStateException("the span preset does not parse", e);
        }
    }

    private List<String> moved() {
        LoadedBook b = book.get();
        return b == null ? List.of() : b.book().underlyings().stream()
                .filter(u -> b.market().has(u) && b.market().asset(u).vol() > 0).toList();
    }

    static ScanRanges ranges(Map<String, Double> m) {
        Map<String, Double> byAsset = new HashMap<>(m);
        Double def = byAsset.remove("default");
        return new ScanRanges(byAsset, def == null ? 0 : def);
    }

    private void rebuildLibrary() {
        List<StressScenario> all = new ArrayList<>();
        try {
            all.addAll(ScenarioLibrary.all());
        } catch (InputException e) {
            table.setPlaceholder(new Label("Scenario library not read: " + e.getMessage()));
        }
        List<String> moved = moved();
        if (!moved.isEmpty()) {
            Policy.Span s = span();
            all.addAll(SpanArray.of(moved, ranges(s.priceScanRange()), s.volScanRange(), s.extremeMultiple(),
                    s.extremeCover()));
        }
        all.addAll(custom);
        List<String> selected = list.getSelectionModel().getSelectedItems().stream().map(StressScenario::name)
                .toList();
        library.setAll(all);
        for (int i = 0; i < library.size(); i++) {
            if (selected.contains(library.get(i).name())) {
                list.getSelectionModel().select(i);
            }
        }
        // the scenarios last run, as they now are (a new book moves other underlyings)
        // (the whole list until the analyst runs a choice, so the tab never opens empty)
        List<String> names = lastRun.stream().map(StressScenario::name).toList();
        lastRun = ranOnce ? library.stream().filter(s -> names.contains(s.name())).toList() : List.copyOf(library);
    }

    private void chooseScenarioFile() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open a stress scenario");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario (JSON)", "*.json"));
        File f = fc.showOpenDialog(owner);
        if (f != null) {
            openScenarioFile(f.toPath());
        }
    }

    /** Adds a scenario file to the list and runs it; a file that does not parse is reported. */
    void openScenarioFile(java.nio.file.Path file) {
        try {
            StressScenario s = ScenarioJson.read(file);
            custom.add(s);
            library.add(s);
            run(List.of(s));
        } catch (InputException | RuntimeException e) {
            Alert a = new Alert(Alert.AlertType.ERROR, e.getMessage());
            a.initOwner(owner);
            a.setHeaderText("Could not read the scenario — nothing changed");
            a.show();
        }
    }

    /** The editor for a new custom scenario (empty shocks). */
    ScenarioEditor newScenario() {
        return openEditor(null, "New scenario", null);
    }

    /** The editor on a custom scenario; OK replaces it in the list. */
    ScenarioEditor editScenario(StressScenario s) {
        if (s == null || !custom.contains(s) || s.isPath()) {
            return null;
        }
        return openEditor(s, "Edit scenario", s);
    }

    /** The editor on a copy of any scenario (an episode's aggregate move) as a new custom one. */
    ScenarioEditor duplicateScenario(StressScenario s) {
        if (s == null) {
            return null;
        }
        String name = s.name() + " (custom)";
        for (int i = 2; taken(null).contains(name); i++) {
            name = s.name() + " (custom " + i + ")";
        }
        StressScenario copy = new StressScenario(name, s.description(), "", s.shocks(), s.horizonDays(), s.weight(),
                Map.of(), List.of());
        return openEditor(copy, "Duplicate as custom scenario", null);
    }

    private java.util.Set<String> taken(StressScenario except) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (StressScenario s : library) {
            if (s != except) {
                names.add(s.name());
            }
        }
        return names;
    }

    private ScenarioEditor openEditor(StressScenario template, String title, StressScenario replacing) {
        MarginRequest in = margin.request();
        if (in == null) {
            return null;
        }
        editor = new ScenarioEditor(owner, in.book(), in.market(), template, title, taken(replacing));
        editor.show(s -> {
            if (replacing != null && custom.contains(replacing)) {
                custom.set(custom.indexOf(replacing), s);
                int at = library.indexOf(replacing);
                if (at >= 0) {
                    library.set(at, s);
                }
            } else {
                custom.add(s);
                library.add(s);
            }
            list.getSelectionModel().clearAndSelect(library.indexOf(s));
            run(List.of(s));
        });
        return editor;
    }

    /** The editor last opened (tests). */
    ScenarioEditor editor() {
        return editor;
    }

    /** Runs these scenarios (and the heat map) on the book at its market with the analyst's overrides. */
    void run(List<StressScenario> scenarios) {
        debounce.stop();
        MarginRequest in = margin.request();
        if (in == null) {
            return;
        }
        lastRun = List.copyOf(scenarios);
        ranOnce |= !scenarios.isEmpty() && scenarios.size() != library.size();
        Policy.Span s = span();
        ScanRanges r = ranges(s.priceScanRange());
        Map<String, Double> byAsset = new LinkedHashMap<>();
        for (String u : moved()) {
            byAsset.put(u, r.rangeFor(u));
        }
        double[] vols = new double[VOL_MULTIPLES.length];
        for (int i = 0; i < vols.length; i++) {
            vols[i] = Math.max(-0.95, VOL_MULTIPLES[i] * s.volScanRange());
        }
        service.submit(new StressService.Request(in.book(), in.market(), lastRun, byAsset, PRICE_MOVES, vols));
    }

    private void show(StressService.Output out) {
        if (out == null) {
            return;
        }
        shown = out.request();
        results.setAll(out.results());
        XYChart.Series<String, Number> pnl = new XYChart.Series<>();
        for (StressResult r : out.results()) {
            pnl.getData().add(new XYChart.Data<>(r.scenario(), r.pnl()));
        }
        chart.getData().setAll(List.of(pnl));
        List<String> cols = new ArrayList<>();
        for (double m : PRICE_MOVES) {
            cols.add(new DecimalFormat("+0.#;-0.#").format(m));
        }
        List<String> rows = new ArrayList<>();
        for (double v : out.request().volShocks()) {
            rows.add(new DecimalFormat("+0%;-0%").format(v));
        }
        heatmap.show(cols, rows, out.heat(), Formats::compactMoney);
    }

    TableView<StressResult> table() {
        return table;
    }

    ListView<StressScenario> list() {
        return list;
    }

    StressService service() {
        return service;
    }

    io.marginscope.ui.control.StressHeatmap heatmap() {
        return heatmap;
    }
}
