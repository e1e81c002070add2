package io.marginscope.ui.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.ZoneOffset;
import java.util.List;
import java.time.format.DateTimeFormatter;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.risk.RiskRun;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.LoadedHistory;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * The bottom bar: loading state of the book, progress of the risk run with Cancel, how long the
 * last run took, the as-of of its inputs (snapshot time, price history end), and the price history in
 * use (the analyst's or the bundled closes, with its range).
 */
final class StatusBar extends HBox {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    StatusBar(WorkbookViewModel book, RiskViewModel risk) {
        super(8);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);

        ProgressIndicator loading = new ProgressIndicator();
        loading.setId("progress");
        loading.setPrefSize(16, 16);
        loading.visibleProperty().bind(book.service().runningProperty());
        loading.managedProperty().bind(loading.visibleProperty());

        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(Bindings.when(book.service().runningProperty())
                .then(book.service().messageProperty()).otherwise(book.statusProperty()));
        message.setMinWidth(120);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        Label riskState = new Label();
        riskState.setId("riskStatus");
        riskState.textProperty().bind(Bindings.when(risk.service().runningProperty())
                .then(risk.service().messageProperty()).otherwise(risk.statusProperty()));

        ProgressBar riskProgress = new ProgressBar();
        riskProgress.setId("riskProgress");
        riskProgress.setPrefWidth(140);
        riskProgress.progressProperty().bind(risk.service().progressProperty());
        riskProgress.visibleProperty().bind(risk.service().runningProperty());
        riskProgress.managedProperty().bind(riskProgress.visibleProperty());

        Label computeTime = new Label();
        computeTime.setId("computeTime");
        computeTime.getStyleClass().add("status-figure");
        computeTime.textProperty().bind(Bindings.createStringBinding(() -> {
            RiskRun r = risk.run();
            return r == null ? "" : "last run " + Formats.count(r.elapsedMillis()) + " ms";
        }, risk.runProperty()));

        Label asOf = new Label();
        asOf.setId("inputsAsOf");
        asOf.getStyleClass().add("status-figure");
        asOf.textProperty().bind(Bindings.createStringBinding(() -> {
            RiskRun r = risk.run();
            if (r == null) {
                return "";
            }
            String history = r.lastReturn() == null ? "" : " · returns to " + r.lastReturn();
            return "inputs as of " + AS_OF.format(r.request().asOf()) + history;
        }, risk.runProperty()));

        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.visibleProperty().bind(book.service().runningProperty().or(risk.service().runningProperty())
                .or(risk.historyService().runningProperty()));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> {
            book.cancel();
            risk.cancel();
            risk.historyService().cancel();
        });

        Label history = new Label();
        history.setId("historyInUse");
        history.getStyleClass().add("status-figure");
        history.textProperty().bind(Bindings.createStringBinding(() -> {
            if (risk.historyService().isRunning()) {
                return risk.historyService().getMessage();
            }
            LoadedHistory h = risk.historyProperty().get();
            if (h == null) {
                return "no price history";
            }
            return "history: " + (h.isBundled() ? "bundled " + h.firstDate() + "\u2013" + h.lastDate() : h.describe());
        }, risk.historyProperty(), risk.historyService().runningProperty(), risk.historyService().messageProperty()));

        // the figures keep their width; the message line gives way
        for (Label figure : List.of(computeTime, asOf, history)) {
            figure.setMinWidth(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(loading, message, riskState, riskProgress, cancel, separator(), computeTime,
                separator(), asOf, separator(), history);
    }

    private static Separator separator() {
        return new Separator(Orientation.VERTICAL);
    }
}
