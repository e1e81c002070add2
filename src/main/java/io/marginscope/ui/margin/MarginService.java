package io.marginscope.ui.margin;

import io.marginscope.analysis.PositionMargins;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.risk.RiskEngine;
import javafx.concurrent.Task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import io.marginscope.ui.compute.LatestRequestService;

/**
 * Computes the book's margin under a policy off the FX thread: prepares the policy on the book
 * (risk factors, scenario set), evaluates it at today's market, then solves the liquidation price
 * of each underlying and each position's incremental margin and share of the base measure
 * ({@link PositionMargins}: one margin evaluation per position, skipped above
 * {@value PositionMargins#MAX_INCREMENTAL} positions). {@link #submit} restarts the service, which cancels the run in flight
 * between underlyings and between positions. The task calls only the engine.
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
                MarginCalculator calculator = new MarginCalculator(new RiskEngine());
                MarginCalculator.Prepared prepared = calculator
                        .prepare(r.book(), r.market(), r.history(), r.policy(), r.settings());
                updateMessage("Margin: evaluating …");
                MarginCalculator.Evaluated evaluated = prepared.evaluated(r.market());
                MarginResult margin = evaluated.margin();
                var assets = r.book().underlyings();
                Map<String, LiquidationPrice> liquidation = new LinkedHashMap<>();
                int done = 0;
                for (String a : assets) {
                    if (isCancelled()) {
                        return null;
                    }
                    updateProgress(0.3 + 0.5 * done / Math.max(1, assets.size()), 1);
                    updateMessage("Margin: liquidation price of " + a + " …");
                    if (r.market().has(a) && r.market().asset(a).vol() != 0) {
                        liquidation.put(a, LiquidationPrice.solve(prepared, r.market(), a));
                    }
                    done++;
                }
                updateProgress(0.8, 1);
                updateMessage("Margin: each position's incremental margin …");
                PositionMargins.Result positions;
                try {
                    positions = PositionMargins.of(calculator, prepared, evaluated, r.market(), r.history(),
                            r.settings(), this::isCancelled);
                } catch (CancellationException e) {
                    return null;
                }
                updateProgress(1, 1);
                updateMessage("");
                return new MarginRun(r, margin, liquidation, prepared, (System.nanoTime() - start) / 1_000_000,
                        positions);
            }
        };
    }
}
