package io.marginscope.ui.risk;

import io.marginscope.risk.Correlations;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.DecimalFormat;
import io.marginscope.ui.control.NumberText;
import java.text.ParseException;

/**
 * The correlation editor: one row per pair of the book's assets with the base correlation (the
 * snapshot's pair, else estimated on the price history, else 0), the correlation the last run used
 * and the analyst's override. The matrix is symmetric with a unit diagonal by construction (a pair
 * is one row; the diagonal is not a row). A value outside [-1, 1] or not a number is refused with
 * the pair named, the previous value kept. An empty override, the row's menu or Reset pair restores
 * the base correlation; Reset all restores every pair. When the pairs together are not positive
 * semi-definite the run uses the engine's nearest correlation matrix; the editor says so and Used
 * shows the repaired values.
 */
final class CorrelationOverrideTable extends VBox {

    private static final double ROW = 24;
    private static final int VISIBLE_ROWS = 6;

    private final RiskViewModel model;
    private final TableView<CorrelationRow> table;
    private final Label error = new Label();
    private final Label repair = new Label();

    CorrelationOverrideTable(RiskViewModel model) {
        super(4);
        this.model = model;
        table = new TableView<>(model.correlations());
        table.setId("correlationOverrideTable");
        table.getStyleClass().add("vol-override-table");
        table.setEditable(true);
        table.setFixedCellSize(ROW);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("One asset: no pair"));
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> (Math.max(1, Math.min(VISIBLE_ROWS, model.correlations().size())) + 1) * ROW + 4,
                model.correlations()));
        table.setMinHeight(ROW * 2 + 4);

        TableColumn<CorrelationRow, String> pair = new TableColumn<>("Pair");
        pair.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        pair.setEditable(false);

        TableColumn<CorrelationRow, Number> base = new TableColumn<>("Base");
        base.setId("col-corr-base");
        base.setCellValueFactory(c -> c.getValue().baseProperty());
        base.setCellFactory(c -> valueCell(false));
        base.setEditable(false);

        TableColumn<CorrelationRow, Number> used = new TableColumn<>("Used");
        used.setId("col-corr-used");
        used.setCellValueFactory(c -> c.getValue().usedProperty());
        used.setCellFactory(c -> valueCell(true));
        used.setEditable(false);

        TableColumn<CorrelationRow, Double> override = new TableColumn<>("Override");
        override.setId("col-corr-override");
        override.setCellValueFactory(c -> c.getValue().overrideProperty());
        override.setCellFactory(c -> {
            TextFieldTableCell<CorrelationRow, Double> cell = new TextFieldTableCell<>(input());
            cell.getStyleClass().addAll("number-cell", "editable-cell");
            return cell;
        });
        override.setOnEditCommit(e -> {
            commit(e.getRowValue(), e.getNewValue());
            table.refresh();
        });
        for (TableColumn<CorrelationRow, ?> c : java.util.List.of(pair, base, used, override)) {
            c.setReorderable(false);
            c.setSortable(false);
        }
        table.getColumns().add(pair);
        table.getColumns().add(base);
        table.getColumns().add(used);
        table.getColumns().add(override);
        table.setRowFactory(t -> {
            TableRow<CorrelationRow> row = new TableRow<>();
            MenuItem reset = new MenuItem("Reset pair");
            reset.setOnAction(e -> reset(row.getItem()));
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(reset)));
            return row;
        });

        Button resetPair = new Button("Reset pair");
        resetPair.setId("resetCorrelationPairButton");
        resetPair.setTooltip(new Tooltip("Back to the base correlation of the selected pair"));
        resetPair.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        resetPair.setOnAction(e -> reset(table.getSelectionModel().getSelectedItem()));
        Button resetAll = new Button("Reset all");
        resetAll.setId("resetCorrelationsButton");
        resetAll.setTooltip(new Tooltip("Back to the base correlation of every pair"));
        resetAll.setOnAction(e -> {
            error.setText("");
            model.resetCorrelationOverrides();
        });

        error.setId("correlationError");
        error.getStyleClass().add("notice");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        repair.setId("correlationRepair");
        repair.getStyleClass().add("notice");
        repair.setWrapText(true);
        repair.setMaxWidth(Double.MAX_VALUE);
        repair.visibleProperty().bind(repair.textProperty().isNotEmpty());
        repair.managedProperty().bind(repair.visibleProperty());
        model.runProperty().addListener((o, was, run) -> {
            repair.setText(run == null ? "" : repairNotice(run.used()));
            table.refresh();
        });

        Label help = new Label("Double-click Override to type a correlation from -1 to 1. It replaces the pair "
                + "as if the snapshot gave it, so it also wins over the estimate from the price history; the "
                + "risk and margin runs and the Correlation chart use it.");
        help.getStyleClass().add("caption");
        help.setWrapText(true);
        getChildren().addAll(table, error, new HBox(6, resetPair, resetAll), repair, help);
    }

    /** Applies a typed value; a refused one shows why, naming the pair, and changes nothing. */
    void commit(CorrelationRow row, Double value) {
        try {
            model.setCorrelationOverride(row.first(), row.second(), value);
            error.setText("");
        } catch (IllegalArgumentException ex) {
            error.setText(ex.getMessage());
        }
    }

    private void reset(CorrelationRow row) {
        if (row != null) {
            model.resetCorrelationOverride(row.first(), row.second());
            error.setText("");
        }
    }

    /** What the panel says when the matrix the run used was repaired, else empty. */
    static String repairNotice(Correlations.BookCorrelation used) {
        if (!used.repaired()) {
            return "";
        }
        return "These correlations together are not positive semi-definite (smallest eigenvalue "
                + new DecimalFormat("0.0000")
                        .format(used.minEigenvalueBefore())
                + "): the runs use the nearest correlation matrix (Higham), whose values Used shows.";
    }

    private TableCell<CorrelationRow, Number> valueCell(boolean markRepaired) {
        TableCell<CorrelationRow, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? null : format(v.doubleValue()));
                boolean repaired = false;
                if (markRepaired && !empty && getTableRow() != null && getTableRow().getItem() != null
                        && v != null && !Double.isNaN(v.doubleValue())) {
                    CorrelationRow r = getTableRow().getItem();
                    double asked = r.overrideProperty().get() != null ? r.overrideProperty().get()
                            : r.baseProperty().get();
                    repaired = Math.abs(asked - v.doubleValue()) > 1e-9;
                }
                getStyleClass().remove("repaired-cell");
                if (repaired) {
                    getStyleClass().add("repaired-cell");
                }
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    static String format(double v) {
        return new DecimalFormat("0.00#").format(v);
    }

    /** A correlation typed as 0.6, -0.35 or 60% (0,6 under de_DE: {@link NumberText}); empty is no override; other text is NaN (refused). */
    static StringConverter<Double> input() {
        return new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : format(v);
            }

            @Override
            public Double fromString(String s) {
                String t = s == null ? "" : s.trim();
                if (t.isEmpty()) {
                    return null;
                }
                try {
                    return NumberText.current().parsePercentOrPlain(t);
                } catch (ParseException e) {
                    return Double.NaN;
                }
            }
        };
    }

    TableView<CorrelationRow> table() {
        return table;
    }

    Label error() {
        return error;
    }

    Label repair() {
        return repair;
    }
}
