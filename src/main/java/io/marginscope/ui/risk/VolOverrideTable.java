package io.marginscope.ui.risk;

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
import java.text.ParseException;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.control.NumberText;

/**
 * The book's assets with the snapshot's vol, the vol the last run used and the analyst's override
 * of the snapshot vol, typed in percent. An empty override, the row's menu or Reset restores the
 * snapshot's vol.
 */
final class VolOverrideTable extends VBox {

    private static final double ROW = 24;
    private static final DecimalFormat PERCENT = new DecimalFormat("0.0#");

    VolOverrideTable(RiskViewModel model) {
        super(4);
        TableView<AssetVolRow> table = new TableView<>(model.assetVols());
        table.setId("volOverrideTable");
        table.getStyleClass().add("vol-override-table");
        table.setEditable(true);
        table.setFixedCellSize(ROW);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No book open"));
        table.prefHeightProperty().bind(Bindings.size(model.assetVols()).add(1).multiply(ROW).add(4));
        table.setMinHeight(ROW * 2 + 4);

        TableColumn<AssetVolRow, String> asset = new TableColumn<>("Asset");
        asset.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().asset()));
        asset.setEditable(false);
        asset.setSortable(false);

        TableColumn<AssetVolRow, Number> snapshot = new TableColumn<>("Snapshot");
        snapshot.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().snapshotVol()));
        snapshot.setCellFactory(c -> percentCell());
        snapshot.setEditable(false);
        snapshot.setSortable(false);

        TableColumn<AssetVolRow, Number> used = new TableColumn<>("Used");
        used.setCellValueFactory(c -> c.getValue().usedVolProperty());
        used.setCellFactory(c -> percentCell());
        used.setEditable(false);
        used.setSortable(false);

        TableColumn<AssetVolRow, Double> override = new TableColumn<>("Override");
        override.setId("col-override");
        override.setCellValueFactory(c -> c.getValue().overrideProperty());
        override.setCellFactory(c -> {
            TextFieldTableCell<AssetVolRow, Double> cell = new TextFieldTableCell<>(percentInput());
            cell.getStyleClass().addAll("number-cell", "editable-cell");
            return cell;
        });
        Label refused = new Label();
        refused.setId("volOverrideError");
        refused.getStyleClass().add("error-text");
        refused.setWrapText(true);
        refused.visibleProperty().bind(refused.textProperty().isNotEmpty());
        refused.managedProperty().bind(refused.visibleProperty());
        override.setOnEditCommit(e -> {
            Double v = e.getNewValue();
            if (v == null || (Double.isFinite(v) && v >= 0 && v <= 10)) {
                e.getRowValue().overrideProperty().set(v);
                refused.setText("");
            } else {
                Double kept = e.getOldValue();
                refused.setText(e.getRowValue().asset() + " vol override: " + (Double.isNaN(v) ? "not a number"
                        : PERCENT.format(v * 100) + "% is outside 0% to 1,000%") + "; kept "
                        + (kept == null ? "no override" : PERCENT.format(kept * 100) + "%"));
            }
            table.refresh();
        });
        override.setSortable(false);
        for (TableColumn<AssetVolRow, ?> c : java.util.List.of(asset, snapshot, used, override)) {
            c.setReorderable(false);
        }
        table.getColumns().add(asset);
        table.getColumns().add(snapshot);
        table.getColumns().add(used);
        table.getColumns().add(override);
        table.setRowFactory(t -> {
            TableRow<AssetVolRow> row = new TableRow<>();
            MenuItem reset = new MenuItem("Reset override");
            reset.setOnAction(e -> row.getItem().overrideProperty().set(null));
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(reset)));
            return row;
        });

        Button resetAll = new Button("Reset overrides");
        resetAll.setId("resetOverridesButton");
        resetAll.setOnAction(e -> model.resetVolOverrides());
        resetAll.setTooltip(new Tooltip("Back to the snapshot's vol for every asset"));
        Label help = new Label("Double-click Override to type a vol in %. It replaces the snapshot's vol: "
                + "the snapshot vol model and assets missing from the history use it; options are still "
                + "priced at their quoted implied vols.");
        help.getStyleClass().add("caption");
        help.setWrapText(true);
        getChildren().addAll(table, refused, new HBox(resetAll), help);
    }

    private static TableCell<AssetVolRow, Number> percentCell() {
        TableCell<AssetVolRow, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || Double.isNaN(v.doubleValue()) ? null : Formats.percent(v.doubleValue()));
            }
        };
        cell.getStyleClass().add("number-cell");
        return cell;
    }

    /** Percent in, annual vol out: "60" or "60%" is 0.6; empty is no override; other text is rejected. */
    static StringConverter<Double> percentInput() {
        return new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : PERCENT.format(v * 100);
            }

            @Override
            public Double fromString(String s) {
                String t = s == null ? "" : s.replace("%", "").trim();
                if (t.isEmpty()) {
                    return null;
                }
                try {
                    return NumberText.current().parse(t) / 100;
                } catch (ParseException e) {
                    return Double.NaN;
                }
            }
        };
    }
}
