package io.marginscope.ui;

import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.risk.RiskEngine;
import javafx.concurrent.Task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes the book's margin under a policy off the FX thread: prepares the policy on the book
 * (risk factors, scenario set), evaluates it at today's market, then solves the liquidation price
 * of each underlying. {@link #submit} restarts the service, which cancels the run in flight
 * between underlyings. The task calls only the engine.
 */
public final class MarginService extends LatestRequestService<MarginRequest, MarginRun> {

    public MarginService() {
        super("margin");
    }

    @Override
    protected Task<MarginRun> createTask(MarginRequest r) {
        return new Task<>() {
            @Override
            protected MarginRun call() {
                long start = System.nanoTime();
                updateProgress(0, 1);
                updateMessage("Margin: preparing " + r.policy().name() + " …");
                MarginCalculator.Prepared prepared = new MarginCalculator(new RiskEngine())
                        .prepare(r.book(), r.market(), r.history(), r.policy(), r.settings());
                updateMessage("Margin: evaluating …");
                MarginResult margin = prepared.evaluated(r.market()).margin();
                var assets = r.book().underlyings();
                Map<String, LiquidationPrice> liquidation = new LinkedHashMap<>();
                int done = 0;
                for (String a : assets) {
                    if (isCancelled()) {
                        return null;
                    }
                    updateProgress(0.3 + 0.7 * done / Math.max(1, assets.size()), 1);
                    updateMessage("Margin: liquidation price of " + a + " …");
                    if (r.market().has(a) && r.market().asset(a).vol() != 0) {
                        liquidation.put(a, LiquidationPrice.solve(prepared, r.market(), a));
                    }
                    done++;
                }
                updateProgress(1, 1);
                updateMessage("");
                return new MarginRun(r, margin, liquidation, prepared, (System.nanoTime() - start) / 1_000_000);
            }
        };
    }
}
