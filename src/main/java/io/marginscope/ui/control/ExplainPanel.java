package io.marginscope.ui.control;

import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A margin change explained: the waterfall from MM before to MM after through the parts, and a
 * small table of the parts (to the cent, as the command line prints them). Shows what the caller
 * computed with the engine; computes nothing itself.
 */
public final class ExplainPanel extends VBox {

    /** One part: its short label, its full name and its share of the change, USD; note e.g. "no change". */
    public record Row(String label, String name, double part, String note) {
    }

    private final WaterfallChart waterfall = new WaterfallChart();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);

    public ExplainPanel(String id) {
        super(6);
        setId(id);
        getStyleClass().add("explain-panel");
        waterfall.setId(id + "Waterfall");
        table.setId(id + "Parts");
        table.getStyleClass().add("explain-parts");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(""));
        TableColumn<Row, String> name = new TableColumn<>("Part");
        name.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().name()));
        name.setPrefWidth(260);
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                setTooltip(empty || v == null ? null : new Tooltip(v));
            }
        });
        TableColumn<Row, Double> usd = new TableColumn<>("USD");
        usd.setCellValueFactory(d -> new SimpleObjectProperty<>(d.getValue().part()));
        usd.setPrefWidth(120);
        usd.getStyleClass().add("number-column");
        usd.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("raise", "lower");
                if (empty || v == null) {
                    setText(null);
                    return;
                }
                setText(cents(v));
                if (v > 0) {
                    getStyleClass().add("raise");
                } else if (v < 0) {
                    getStyleClass().add("lower");
                }
            }
        });
        TableColumn<Row, String> note = new TableColumn<>("");
        note.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().note()));
        table.getColumns().setAll(List.of(name, usd, note));
        table.setFixedCellSize(24);
        table.setPrefHeight(24 * 8.5);
        table.setMinHeight(24 * 4);
        VBox.setVgrow(waterfall, Priority.ALWAYS);
        getChildren().addAll(waterfall, table);
    }

    public static String cents(double v) {
        return new DecimalFormat("+#,##0.00;−#,##0.00").format(v);
    }

    /**
     * @param before    MM before
     * @param parts     the parts, in order
     * @param after     MM after
     */
    public void show(String beforeLabel, double before, List<Row> parts, String afterLabel, double after) {
        List<WaterfallChart.Step> steps = new ArrayList<>();
        for (Row r : parts) {
            steps.add(new WaterfallChart.Step(r.label(), r.name(), r.part()));
        }
        waterfall.show(beforeLabel, before, steps, afterLabel, after, Formats::money);
        List<Row> all = new ArrayList<>(parts);
        all.add(new Row("change", "Change of MM (sum of the parts)", after - before, ""));
        rows.setAll(all);
        int shown = Math.min(all.size(), 8);
        table.setPrefHeight(24 * (shown + 1.4));
    }

    public void clear(String message) {
        waterfall.clear(message);
        rows.clear();
    }

    public WaterfallChart waterfall() {
        return waterfall;
    }

    public TableView<Row> table() {
        return table;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }
}
