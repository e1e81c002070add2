package io.marginscope.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a VaR/ES backtest of one P&L series says, assembled from the tests of this package:
 * coverage ({@link Kupiec}), clustering ({@link Christoffersen}), the Basel zone
 * ({@link TrafficLight}), the ES test ({@link AcerbiSzekely}) and the margin's behaviour
 * ({@link MarginPerformance}, with VaR as the margin).
 *
 * @param confidence         VaR confidence c
 * @param observations       n, days in the series
 * @param exceptions         x, days with pnl &lt; -var
 * @param expectedExceptions n (1 - c)
 * @param exceptionDates     the exception days, ascending
 * @param kupiec             unconditional coverage
 * @param christoffersen     independence and conditional coverage
 * @param trafficLight       the zone, cumulative probability and plus factor
 * @param esTest             Z2 on the input ES, or on the ES implied by VaR (see {@link AcerbiSzekely#esFromInput()})
 * @param performance        margin-model figures with VaR as the margin
 */
public record BacktestReport(double confidence, int observations, int exceptions, double expectedExceptions,
                             List<LocalDate> exceptionDates, Kupiec kupiec, Christoffersen christoffersen,
                             TrafficLight trafficLight, AcerbiSzekely esTest, MarginPerformance performance) {

    public BacktestReport {
        exceptionDates = List.copyOf(exceptionDates);
    }

    /** Runs every test on {@code series} at {@code confidence}, simulating the ES p-value as {@code sim} says. */
    public static BacktestReport of(BacktestSeries series, double confidence, EsSimulation sim) {
        LikelihoodRatio.checkConfidence(confidence);
        boolean[] hits = series.exceptions();
        Kupiec kupiec = Kupiec.test(hits, confidence);
        int n = series.size();
        return new BacktestReport(confidence, n, kupiec.exceptions(), expectedExceptions(n, confidence),
                series.exceptionDates(), kupiec, Christoffersen.test(hits, confidence),
                TrafficLight.of(n, kupiec.exceptions(), confidence),
                AcerbiSzekely.test(series, confidence, sim), MarginPerformance.of(series));
    }

    /**
     * n (1 - c), with 1 - c taken in decimal (the confidence as written, 0.99), so that 250 days at
     * 99% expect 2.5 exceptions and not 2.500000000000002.
     */
    static double expectedExceptions(int n, double confidence) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(confidence)).multiply(BigDecimal.valueOf(n)).doubleValue();
    }
}
