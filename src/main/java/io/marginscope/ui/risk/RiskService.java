package io.marginscope.ui.risk;

import io.marginscope.risk.Correlations;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import io.marginscope.risk.ScenarioCache;
import io.marginscope.ui.control.PnlBins;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Measures VaR and ES off the FX thread: builds the risk factors and runs the engine for the
 * latest {@link RiskRequest}. {@link #submit} restarts the service, which cancels the run in
 * flight (the engine stops at its next block of scenarios); the view model decides when to submit.
 *
 * <p>Runs execute in their own fork-join pool of (cores - 1) workers, at least one. The engine's
 * parallel revaluation forks into the pool of the thread that calls it, so a run never takes
 * every core and the FX thread stays free to render and answer input.
 *
 * <p>One {@link ScenarioCache} lives as long as the service (one per workstation): a change of
 * spot, vol or confidence reuses the scenario set.
 */
public final class RiskService extends Service<RiskRun> {

    /** Bins of the P&L histogram. */
    static final int HISTOGRAM_BINS = 70;

    private final ScenarioCache cache = new ScenarioCache();
    private RiskRequest request;

    public RiskService() {
        setExecutor(riskPool());
    }

    private static ForkJoinPool riskPool() {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        return new ForkJoinPool(workers, pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("risk-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /**
     * Passes the engine's progress on at most every {@value #PROGRESS_MS} ms or 5% (the engine
     * reports every block of 256 scenarios, from several threads): each progress change costs the
     * FX thread a layout pass, so a long run would otherwise relayout the window every frame.
     */
    public static final class ThrottledProgress implements RiskProgress {
        private final java.util.function.BooleanSupplier cancelled;
        private final java.util.function.DoubleConsumer sink;
        private long lastNanos = System.nanoTime();
        private double lastFraction;

        public ThrottledProgress(java.util.function.BooleanSupplier cancelled, java.util.function.DoubleConsumer sink) {
            this.cancelled = cancelled;
            this.sink = sink;
        }

        @Override
        public synchronized void update(double fraction) {
            long now = System.nanoTime();
            if (fraction >= 1 || fraction - lastFraction >= 0.05 || now - lastNanos >= PROGRESS_MS * 1_000_000L) {
                lastNanos = now;
                lastFraction = fraction;
                sink.accept(fraction);
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled.getAsBoolean();
        }
    }

    /** Least time between two progress updates passed to the FX thread. */
    static final long PROGRESS_MS = 250;

    void submit(RiskRequest next) {
        this.request = next;
        restart();
    }

    public ScenarioCache cache() {
        return cache;
    }

    /**
     * The date of the last daily return of the book's assets the history gives up to the
     * snapshot's date: the window's end for historical methods, else the end of the returns the
     * vol models and correlations were estimated on. Null without a history.
     */
    static LocalDate lastReturn(RiskRequest r, RiskFactors factors) {
        if (factors.history() != null && !factors.history().dates().isEmpty()) {
            return factors.history().dates().getLast();
        }
        if (r.history() == null) {
            return null;
        }
        PriceHistory ph = r.history().value();
        List<String> held = factors.assets().stream().filter(ph::has).toList();
        if (held.isEmpty()) {
            return null;
        }
        List<LocalDate> dates = ph.returnsUpTo(held, LocalDate.ofInstant(r.asOf(), ZoneOffset.UTC)).returns().dates();
        return dates.isEmpty() ? null : dates.getLast();
    }

    @Override
    protected Task<RiskRun> createTask() {
        RiskRequest r = request;
        return new Task<>() {
            @Override
            protected RiskRun call() {
                long start = System.nanoTime();
                updateProgress(0, 1);
                updateMessage("Building risk factors …");
                RiskFactors factors = FactorModel.build(r.book(), r.market(), r.history(), r.parameters());
                Correlations.BookCorrelation used = FactorModel.correlation(r.book(), r.market(), r.history(),
                        r.parameters());
                Correlations.BookCorrelation base = r.correlationOverrides().isEmpty() ? used
                        : FactorModel.correlation(r.book(), r.snapshot(), r.history(), r.parameters());
                updateMessage("Measuring risk (" + r.parameters().method().cliName() + ") …");
                RiskResult result = new RiskEngine(cache).compute(r.book(), r.market(), factors, r.parameters(),
                        new ThrottledProgress(this::isCancelled, f -> updateProgress(f, 1)));
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                PnlBins bins = result.pnl() == null ? null : PnlBins.of(result.pnl(), HISTOGRAM_BINS);
                updateMessage("");
                return new RiskRun(r, result, elapsed, bins, lastReturn(r, factors), base, used);
            }
        };
    }
}
