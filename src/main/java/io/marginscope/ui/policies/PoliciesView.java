package io.marginscope.ui.policies;

import io.marginscope.io.InputException;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.io.PolicyPresets;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginRequest;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.control.RunBar;
import io.marginscope.ui.risk.RiskViewModel;

/**
 * The Policies tab: the book under every bundled preset (and the policy file opened, if any),
 * side by side: a table of MM, IM, margin ratio, free margin and the components, and a bar chart
 * of MM and IM. Recomputed, coalesced, whenever the margin inputs change.
 */
public final class PoliciesView extends VBox {

    private final MarginViewModel margin;
    private final PolicyComparisonService service = new PolicyComparisonService();
    private final ObservableList<PolicyComparison.Row> rows = FXCollections.observableArrayList();
    private final TableView<PolicyComparison.Row> table = new TableView<>(rows);
    private final BarChart<String, Number> chart;
    private final javafx.animation.PauseTransition debounce =
            new javafx.animation.PauseTransition(javafx.util.Duration.millis(RiskViewModel.DEBOUNCE_MS));

    public PoliciesView(MarginViewModel margin, ReadOnlyObjectProperty<LoadedBook> book, RiskViewModel risk) {
        super(8);
        this.margin = margin;
        getStyleClass().addAll("results", "policies-view");
        setId("policiesView");
        table.setId("policiesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Open a book"));
        TableColumn<PolicyComparison.Row, String> name = text("Policy", "policyColumn", PolicyComparison.Row::policy);
        name.setMinWidth(130);
        table.getColumns().add(name);
        table.getColumns().add(coverage());
        table.getColumns().add(money("MM", "mmColumn", MarginResult::maintenanceMargin));
        table.getColumns().add(money("IM", "imColumn", MarginResult::initialMargin));
        table.getColumns().add(ratio());
        table.getColumns().add(money("Free margin", "freeColumn", MarginResult::freeMargin));
        TableColumn<PolicyComparison.Row, String> parts = text("Components (USD)", "componentsColumn",
                r -> r.result() == null ? r.note() : components(r.result()));
        parts.setPrefWidth(380);
        parts.setCellFactory(col -> new TableCell<>() {
            // descriptive text: elided with a tooltip at the desk; wrapped in presentation mode, where the style
            // sheet sets -fx-wrap-text and the text is drawn by a Text of the cell's width (a row sizes itself
            // from its cells' heights, which only a Text with a wrapping width gives)
            private final javafx.scene.text.Text wrapped = new javafx.scene.text.Text();

            {
                getStyleClass().add(io.marginscope.ui.control.ColumnFit.LONG_TEXT);
                wrapped.getStyleClass().add("wrapped-text");
                wrapped.wrappingWidthProperty().bind(widthProperty().subtract(12));
                wrapTextProperty().addListener(o -> show(isEmpty() ? null : getItem()));
            }

            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                show(empty ? null : v);
                setTooltip(empty || v == null ? null : new javafx.scene.control.Tooltip(v.replace(" · ", "\n")));
            }

            private void show(String v) {
                boolean wrap = isWrapText() && v != null;
                wrapped.setText(wrap ? v : null);
                setGraphic(wrap ? wrapped : null);
                setText(wrap ? null : v);
            }
        });
        table.getColumns().add(parts);

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("USD");
        y.setTickLabelFormatter(Formats.compactMoneyTicks());
        chart = new BarChart<>(x, y);
        chart.setId("policiesChart");
        chart.setAnimated(false);
        chart.setTitle("Maintenance and initial margin by policy");

        bar = RunBar.of(service, this::start, service::cancel);

        SplitPane split = new SplitPane(table, chart);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split);

        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> table.setPlaceholder(new Label("Not compared: " + service.getException().getMessage())));
        debounce.setOnFinished(e -> start());
        book.addListener(o -> start());
        margin.policyProperty().addListener(o -> debounce.playFromStart());
        risk.historyProperty().addListener(o -> debounce.playFromStart());
        risk.scenariosProperty().addListener(o -> debounce.playFromStart());
        risk.seedProperty().addListener(o -> debounce.playFromStart());
        margin.runProperty().addListener(o -> {
            // a vol override reaches the margin run first; compare on the same inputs
            MarginRun r = margin.run();
            if (r != null && !sameInputs(r.request())) {
                debounce.playFromStart();
            }
        });
    }

    private MarginRequest compared;
    private final HBox bar;

    /** Adds "Edit policy…" (the policy on show) to the toolbar. */
    public void setOnEdit(Runnable action) {
        javafx.scene.control.Button edit = new javafx.scene.control.Button("Edit policy…");
        edit.setId("policiesEditButton");
        edit.setOnAction(e -> action.run());
        bar.getChildren().add(1, edit);
    }

    private boolean sameInputs(MarginRequest r) {
        return compared != null && compared.book() == r.book() && compared.market().equals(r.market())
                && compared.history() == r.history() && compared.settings().equals(r.settings());
    }

    /** Every preset, then the policy file on show when it is not a preset. */
    List<Policy> policies() {
        List<Policy> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String name : PolicyPresets.available()) {
            try {
                Policy p = PolicyPresets.load(name);
                out.add(p);
                names.add(p.name());
            } catch (InputException e) {
                throw new IllegalStateException("the bundled presets do not parse", e);
            }
        }
        if (!PolicyPresets.available().contains(margin.policyRefProperty().get())
                && !names.contains(margin.policy().name())) {
            out.add(margin.policy());
        }
        return out;
    }

    void start() {
        debounce.stop();
        MarginRequest in = margin.request();
        if (in == null) {
            return;
        }
        compared = in;
        service.submit(new PolicyComparisonService.Request(in, policies()));
    }

    private void show(List<PolicyComparison.Row> result) {
        rows.setAll(result);
        XYChart.Series<String, Number> mm = new XYChart.Series<>();
        mm.setName("MM");
        XYChart.Series<String, Number> im = new XYChart.Series<>();
        im.setName("IM");
        for (PolicyComparison.Row r : result) {
            // a policy without a finite MM (nothing or not all covered) has no bar: NaN would empty the axis
            if (r.result() != null && (r.coverage() == null || !r.coverage().none())
                    && Double.isFinite(r.result().maintenanceMargin()) && Double.isFinite(r.result().initialMargin())) {
                String name = r.coverage() != null && r.coverage().partial() ? r.policy() + " (partial)" : r.policy();
                mm.getData().add(new XYChart.Data<>(name, r.result().maintenanceMargin()));
                im.getData().add(new XYChart.Data<>(name, r.result().initialMargin()));
            }
        }
        chart.getData().setAll(List.of(mm, im));
    }

    public static String components(MarginResult m) {
        StringBuilder b = new StringBuilder();
        m.components().asMap().forEach((k, v) -> {
            if (v != 0) {
                b.append(b.isEmpty() ? "" : " · ").append(k).append(' ').append(Formats.money(v));
            }
        });
        return b.toString();
    }

    private static TableColumn<PolicyComparison.Row, String> text(String title, String id,
                                                                  Function<PolicyComparison.Row, String> f) {
        TableColumn<PolicyComparison.Row, String> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<PolicyComparison.Row, Double> money(String title, String id,
                                                                   Function<MarginResult, Double> f) {
        TableColumn<PolicyComparison.Row, Double> c = new TableColumn<>(title);
        c.setId(id);
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().result() == null ? null
                : f.apply(d.getValue().result())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                // a figure the policy did not compute (positions not covered) reads n/a, never blank or 0
                setText(empty || v == null ? null : Double.isNaN(v) ? "n/a" : Formats.money(v));
            }
        });
        c.getStyleClass().add("number-column");
        c.setMinWidth(92);
        return c;
    }

    private static TableColumn<PolicyComparison.Row, Double> ratio() {
        TableColumn<PolicyComparison.Row, Double> c = new TableColumn<>("Ratio");
        c.setId("ratioColumn");
        c.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().result() == null ? null
                : d.getValue().marginRatio()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                PolicyComparison.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                String why = r == null || r.coverage() == null ? null : r.coverage().ratioUndefinedReason() != null
                        ? r.coverage().ratioUndefinedReason() : r.coverage().partial() ? r.coverage().summary() : null;
                setText(empty || v == null ? null : Double.isNaN(v) ? "n/a" : Formats.ratio(v));
                setTooltip(Double.valueOf(Double.NaN).equals(v) ? new javafx.scene.control.Tooltip(why != null ? why
                        : "n/a: the adjusted equity is not positive") : null);
            }
        });
        c.getStyleClass().add("number-column");
        c.setMinWidth(72);
        return c;
    }

    /** "all 7" or "partial: 4 of 7 positions not margined by ...", the positions in the tooltip. */
    private static TableColumn<PolicyComparison.Row, String> coverage() {
        TableColumn<PolicyComparison.Row, String> c = text("Coverage", "coverageColumn", r -> r.coverage() == null
                ? "" : r.coverage().partial() ? r.coverage().status() + ": " + r.coverage().notCovered().size() + " of "
                + r.coverage().positions() + " not margined" : "all " + r.coverage().positions());
        c.setPrefWidth(215);
        c.setMinWidth(215);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                PolicyComparison.Row r = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("coverage-partial");
                if (r != null && r.coverage() != null && r.coverage().partial()) {
                    getStyleClass().add("coverage-partial");
                    StringBuilder b = new StringBuilder(r.coverage().summary() + ":");
                    r.coverage().notCovered().forEach((id, why) -> b.append('\n').append(id).append(": ").append(why));
                    setTooltip(new javafx.scene.control.Tooltip(b.toString()));
                } else {
                    setTooltip(null);
                }
            }
        });
        return c;
    }

    public TableView<PolicyComparison.Row> table() {
        return table;
    }

    public PolicyComparisonService service() {
        return service;
    }

    public BarChart<String, Number> chart() {
        return chart;
    }
}
