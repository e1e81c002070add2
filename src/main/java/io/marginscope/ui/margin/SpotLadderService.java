package io.marginscope.ui.margin;

import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.model.MarketSnapshot;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import io.marginscope.ui.compute.Pools;

/**
 * Adjusted equity and MM of the book on a ladder of one underlying's spot (today's spot
 * {@code x (1 + m)}, m from {@value #LOW} to {@value #HIGH}), the other assets fixed, by
 * {@code prepared.at(market)} off the FX thread. Cancelled between rungs.
 */
public final class SpotLadderService extends Service<SpotLadderService.Ladder> {

    static final double LOW = -0.5;
    static final double HIGH = 0.5;
    static final int RUNGS = 41;

    /** The ladder of one asset: spots, adjusted equity and MM at each, and the liquidation price. */
    record Ladder(String asset, double spot, double[] spots, double[] equity, double[] mm,
                  LiquidationPrice liquidation) {
    }

    private MarginRun run;
    private String asset;

    public SpotLadderService() {
        setExecutor(Pools.named("ladder"));
    }

    void submit(MarginRun r, String a) {
        this.run = r;
        this.asset = a;
        restart();
    }

    @Override
    protected Task<Ladder> createTask() {
        MarginRun r = run;
        String a = asset;
        return new Task<>() {
            @Override
            protected Ladder call() {
                MarketSnapshot m = r.request().market();
                double s0 = m.asset(a).spot();
                double[] spots = new double[RUNGS];
                double[] equity = new double[RUNGS];
                double[] mm = new double[RUNGS];
                updateMessage("Ladder of " + a + " …");
                for (int i = 0; i < RUNGS; i++) {
                    if (isCancelled()) {
                        return null;
                    }
                    spots[i] = s0 * (1 + LOW + (HIGH - LOW) * i / (RUNGS - 1));
                    MarginResult at = r.prepared().at(m.withAsset(a, m.asset(a).withSpot(spots[i])));
                    equity[i] = at.adjustedEquity();
                    mm[i] = at.maintenanceMargin();
                    updateProgress(i + 1, RUNGS);
                }
                updateMessage("");
                return new Ladder(a, s0, spots, equity, mm, r.liquidation().get(a));
            }
        };
    }
}
