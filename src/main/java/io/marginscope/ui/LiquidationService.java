package io.marginscope.ui;

import io.marginscope.analysis.LiquidationSurface;
import javafx.concurrent.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The liquidation surface ({@link LiquidationSurface#compute}, what {@code marginscope surface} prints) of the
 * margin's inputs, off the FX thread. The engine is called once per vol shock, so that the task reports its
 * progress and stops at a cancel between shocks; each shock is computed on its own (its own prepared margin
 * on the same seeded scenarios), so the cells are those of one call with every shock.
 */
public final class LiquidationService extends LatestRequestService<LiquidationService.Request, LiquidationService.Run> {

    /**
     * The inputs of one surface.
     *
     * @param margin    the book, market (vol overrides applied), history, policy and Monte Carlo settings
     * @param volShocks relative vol shocks, in the order given
     * @param together  only the row of every underlying moved together
     */
    record Request(MarginRequest margin, List<Double> volShocks, boolean together) {
        Request {
            volShocks = List.copyOf(volShocks);
        }
    }

    /** A surface and the inputs it was computed on. */
    record Run(Request request, LiquidationSurface.Surface surface) {
    }

    public LiquidationService() {
        super("liquidation");
    }

    @Override
    protected Task<Run> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Run call() {
                int n = r.volShocks().size();
                List<LiquidationSurface.Surface> parts = new ArrayList<>(n);
                updateProgress(0, n);
                for (int j = 0; j < n; j++) {
                    if (isCancelled()) {
                        return null;
                    }
                    double k = r.volShocks().get(j);
                    updateMessage("Liquidation surface: vol shock " + LiquidationView.shockLabel(k) + " ("
                            + (j + 1) + " of " + n + ") …");
                    MarginRequest m = r.margin();
                    long t0 = System.nanoTime();
                    parts.add(LiquidationSurface.compute(m.book(), m.market(), m.history(), m.policy(), m.settings(),
                            new double[] {k}, r.together()).withElapsedNanos(System.nanoTime() - t0));
                    updateProgress(j + 1, n);
                }
                updateMessage("");
                return new Run(r, join(parts));
            }
        };
    }

    /** The surfaces of single shocks, each with the same rows, as one surface with a cell per shock. */
    static LiquidationSurface.Surface join(List<LiquidationSurface.Surface> parts) {
        LiquidationSurface.Surface first = parts.getFirst();
        List<Double> shocks = new ArrayList<>();
        List<LiquidationSurface.Row> rows = new ArrayList<>();
        int evaluations = 0;
        long nanos = 0;
        for (LiquidationSurface.Surface s : parts) {
            shocks.addAll(s.volShocks());
            evaluations += s.evaluations();
            nanos += s.elapsedNanos();
        }
        for (int r = 0; r < first.rows().size(); r++) {
            List<LiquidationSurface.Cell> cells = new ArrayList<>();
            for (LiquidationSurface.Surface s : parts) {
                cells.addAll(s.rows().get(r).cells());
            }
            LiquidationSurface.Row row = first.rows().get(r);
            rows.add(new LiquidationSurface.Row(row.underlying(), row.spot(), cells));
        }
        return new LiquidationSurface.Surface(shocks, first.moved(), rows, evaluations, nanos);
    }
}
