package io.marginscope.risk;

import io.marginscope.model.Portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Euler allocation of simulated VaR and ES to positions.
 * <ul>
 *   <li>Component ES = -(mean P&L of the position over the k tail scenarios): they add up to ES exactly.</li>
 *   <li>Component VaR = -(mean P&L of the position over the scenarios ranked k - m .. k + m around
 *       the VaR scenario), m = max(1, floor(sqrt(k))), rescaled so the components add up to VaR
 *       (a kernel estimate of E[P&L_i | book P&L = -VaR]; the single VaR scenario alone is too noisy).</li>
 *   <li>Marginal VaR = component VaR / quantity (USD per coin).</li>
 *   <li>Incremental VaR = VaR(book) - VaR(book without the position), by selection on each
 *       position's P&L vector.</li>
 * </ul>
 */
final class Attribution {

    private Attribution() {
    }

    static List<PositionRisk> simulated(Portfolio book, Revaluation reval, Revaluation.Moves moves, double[] pnl,
                                        TailMeasure tail, double confidence, RiskProgress progress) {
        int n = book.size();
        int m = pnl.length;
        int k = tail.k();
        int half = Math.max(1, (int) Math.floor(Math.sqrt(k)));
        int lo = Math.max(0, k - 1 - half);
        int hi = Math.min(m - 1, k - 1 + half);

        double[] compEs = new double[n];
        double[] compVarRaw = new double[n];
        double[] row = new double[n];
        for (int r = 0; r <= Math.max(hi, k - 1); r++) {
            reval.positionPnls(moves, tail.order()[r], row);
            for (int i = 0; i < n; i++) {
                if (r < k) {
                    compEs[i] -= row[i] / k;
                }
                if (r >= lo && r <= hi) {
                    compVarRaw[i] -= row[i];
                }
            }
        }
        double rawSum = 0;
        for (double c : compVarRaw) {
            rawSum += c;
        }
        double factor = rawSum != 0 ? tail.var() / rawSum : 0;

        double[] incremental = new double[n];
        AtomicInteger done = new AtomicInteger();
        ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[m]);
        IntStream.range(0, n).parallel().forEach(i -> {
            if (progress.cancelled()) {
                throw new CancellationException("risk run cancelled");
            }
            double[] own = scratch.get();
            reval.positionPnl(i, moves, own);
            for (int s = 0; s < m; s++) {
                own[s] = pnl[s] - own[s];
            }
            incremental[i] = tail.var() - TailMeasure.valueAtRisk(own, confidence, own);
            progress.update(0.7 + 0.3 * done.incrementAndGet() / n);
        });

        List<PositionRisk> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double q = book.positions().get(i).quantity();
            double cVar = compVarRaw[i] * factor;
            out.add(new PositionRisk(book.positions().get(i).id(), cVar, compEs[i], q == 0 ? 0 : cVar / q,
                    incremental[i]));
        }
        return out;
    }
}
