package io.marginscope.ui.backtest;

import io.marginscope.backtest.BacktestSettings;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.risk.RiskParameters;
import io.marginscope.ui.compute.Recompute;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.workbook.LoadedHistory;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Worker;

import java.util.List;

/**
 * The Backtest tab's state: the rolling backtest of the risk settings on the book as held today, against the
 * price history of the settings panel, recomputed ({@link Recompute}: coalesced, latest wins) when its inputs
 * change while the tab is on show, and the notice that says why there is no result.
 */
public final class BacktestViewModel {

    static final String NO_HISTORY_YET = "Open a price history in the settings panel (File > Open Price History…)"
            + " to backtest.";

    private final ReadOnlyObjectProperty<LoadedBook> book;
    private final RiskViewModel risk;
    private final Recompute<BacktestService.Request, RollingBacktest.Result> recompute =
            new Recompute<>("backtest", BacktestService::task);
    private final ReadOnlyObjectWrapper<RollingBacktest.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", NO_HISTORY_YET);
    private boolean showing;
    private BacktestService.Request done;
    private String doneHistory = "";

    public BacktestViewModel(ReadOnlyObjectProperty<LoadedBook> book, RiskViewModel risk) {
        this.book = book;
        this.risk = risk;
        recompute.onResult(r -> {
            notice.set("");
            result.set(r);
        });
        recompute.onFailure(e -> notice.set("Backtest not run: " + e.getMessage()));
        for (Observable o : List.<Observable>of(book, risk.historyProperty(), risk.confidenceProperty(),
                risk.horizonDaysProperty())) {
            o.addListener(x -> inputsChanged());
        }
        // the bundled closes being read at the first start: say so rather than ask for a history
        risk.historyService().runningProperty().addListener((o, was, now) -> {
            if (showing && risk.historyProperty().get() == null) {
                refuse();
            }
        });
    }

    /** The tab was selected or left: run only while it is on show. */
    public void setShowing(boolean on) {
        showing = on;
        if (on) {
            BacktestService.Request r = request();
            if (r == null || !r.equals(done)) {
                start();
            }
        }
    }

    /** Runs now with the current inputs (Recompute), cancelling the run in flight. */
    public void start() {
        BacktestService.Request r = request();
        if (r == null) {
            refuse();
            return;
        }
        done = r;
        doneHistory = risk.historyProperty().get().describe();
        notice.set("");
        recompute.now(r);
    }

    public void cancel() {
        recompute.cancel();
    }

    private void inputsChanged() {
        if (!showing) {
            return;
        }
        BacktestService.Request r = request();
        if (r == null) {
            refuse();
        } else if (!r.equals(done)) {
            done = r;
            doneHistory = risk.historyProperty().get().describe();
            recompute.request(r);
        }
    }

    private void refuse() {
        recompute.cancel();
        done = null;
        result.set(null);
        notice.set(risk.historyProperty().get() != null ? "The risk settings are not valid for a backtest."
                : risk.historyService().isRunning() ? "Reading the price history …"
                : "The backtest needs a price history: open one in the settings panel (File > Open Price History…).");
    }

    private BacktestService.Request request() {
        LoadedBook b = book.get();
        LoadedHistory h = risk.historyProperty().get();
        if (b == null || h == null) {
            return null;
        }
        // one backtest: the settings of 'marginscope backtest' and of the report's page, at the analyst's confidence
        RiskParameters p = BacktestSettings.DEFAULTS.parameters(risk.confidenceProperty().get());
        return new BacktestService.Request(b.book(), b.market(), h.history(), p);
    }

    /** The runs: progress, message, running and the last value. */
    public Worker<RollingBacktest.Result> worker() {
        return recompute.worker();
    }

    /** The last result for the inputs on show, null when there is none. */
    public ReadOnlyObjectProperty<RollingBacktest.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What the run on show computes (its settings), empty without a run. */
    public String settingsText() {
        return done == null ? "" : "Backtest: " + BacktestSettings.DEFAULTS.describe(done.parameters().confidence())
                + " (the settings of 'marginscope backtest' and of the report's backtest page); price history: "
                + doneHistory;
    }

    /** Why there is no result (or the run's failure), empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
