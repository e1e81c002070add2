package io.marginscope.ui.backtest;

import io.marginscope.backtest.BacktestSettings;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;
import javafx.concurrent.Task;
import io.marginscope.ui.risk.RiskService;

/**
 * The rolling backtest ({@link BacktestSettings#DEFAULTS} at the risk settings' confidence) on the book as
 * held today, as a task for the FX thread's {@link io.marginscope.ui.compute.Recompute}, with the engine's
 * progress (throttled) and cancel.
 */
final class BacktestService {

    record Request(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, RiskParameters parameters) {
    }

    private BacktestService() {
    }

    static Task<RollingBacktest.Result> task(Request r) {
        return new Task<>() {
            @Override
            protected RollingBacktest.Result call() {
                updateProgress(0, 1);
                updateMessage("Backtest: " + r.parameters().method().cliName() + " …");
                RollingBacktest.Result out = BacktestSettings.DEFAULTS.run(r.book(), r.market(), r.history(),
                        r.parameters().confidence(), new RiskService.ThrottledProgress(this::isCancelled, f -> updateProgress(f, 1)));
                updateMessage("");
                return out;
            }
        };
    }
}
