package io.marginscope.ui.stress;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.ShockSet;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.marginscope.ui.compute.LatestRequestService;

/**
 * Runs stress scenarios on the book off the FX thread, and the price move x vol shock grid of the
 * heat map: each cell a scenario moving every underlying by {@code priceMoves[j]} times its SPAN
 * scan range and its vol by {@code volShocks[i]} (relative), revalued by {@link StressEngine}.
 * Cancelled between scenarios.
 */
public final class StressService extends LatestRequestService<StressService.Request, StressService.Output> {

    /**
     * @param ranges     per underlying, the price scan range (fraction of spot)
     * @param priceMoves multiples of the scan range, the heat map's columns
     * @param volShocks  relative vol moves, the heat map's rows
     */
    public record Request(Portfolio book, MarketSnapshot market, List<StressScenario> scenarios, Map<String, Double> ranges,
                   double[] priceMoves, double[] volShocks) {
    }

    /** The results of the scenarios run, in order, and the heat map's P&L [vol shock][price move]. */
    public record Output(Request request, List<StressResult> results, double[][] heat) {
    }

    public StressService() {
        super("stress");
    }

    /** The heat map cell's scenario. */
    static StressScenario cell(Map<String, Double> ranges, double priceMove, double volShock) {
        Map<String, AssetShock> shocks = new LinkedHashMap<>();
        ranges.forEach((asset, range) -> shocks.put(asset, AssetShock.relative(priceMove * range, volShock)));
        return StressScenario.of("grid " + priceMove + " x range, vol " + volShock, ShockSet.of(shocks));
    }

    @Override
    protected Task<Output> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Output call() {
                int total = r.scenarios().size() + r.priceMoves().length * r.volShocks().length;
                int done = 0;
                List<StressResult> results = new ArrayList<>();
                for (StressScenario s : r.scenarios()) {
                    if (isCancelled()) {
                        return null;
                    }
                    updateMessage("Stress: " + s.name());
                    results.add(StressEngine.run(r.book(), r.market(), s));
                    updateProgress(++done, total);
                }
                double[][] heat = new double[r.volShocks().length][r.priceMoves().length];
                updateMessage("Stress: heat map");
                for (int i = 0; i < r.volShocks().length; i++) {
                    for (int j = 0; j < r.priceMoves().length; j++) {
                        if (isCancelled()) {
                            return null;
                        }
                        heat[i][j] = StressEngine.run(r.book(), r.market(),
                                cell(r.ranges(), r.priceMoves()[j], r.volShocks()[i])).pnl();
                        updateProgress(++done, total);
                    }
                }
                updateMessage("");
                return new Output(r, results, heat);
            }
        };
    }
}
