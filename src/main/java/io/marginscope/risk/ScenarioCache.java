package io.marginscope.risk;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Keeps the last generated scenario set and hands it out again while its key is unchanged.
 * The key holds only what shapes the unit scenarios (method, factors, correlation, count, seed,
 * distribution, history window), not spot or vol: a spot tick or a vol override reuses the set.
 */
public final class ScenarioCache {

    private Object key;
    private ScenarioSet set;
    private int generated;

    /** How many sets this cache has generated (a test hook for reuse). */
    public synchronized int generated() {
        return generated;
    }

    synchronized ScenarioSet scenarios(RiskFactors f, RiskParameters p, double daysPerYear) {
        Object k = key(f, p, daysPerYear);
        if (!k.equals(key)) {
            set = generate(f, p, daysPerYear);
            key = k;
            generated++;
        }
        return set;
    }

    private static Object key(RiskFactors f, RiskParameters p, double daysPerYear) {
        return switch (p.method()) {
            case MONTECARLO -> List.of(p.method(), f.assets(),
                    new CorrelationKey(f.correlation()), p.scenarios(), p.seed(), p.studentDof(), p.volOfVol() > 0);
            case HISTORICAL, FHS -> List.of(p.method(), f.assets(), p.horizonDays(),
                    Objects.requireNonNull(f.history(), "historical methods need a price history").identity(),
                    new CorrelationKey(new double[][] {fallbackVols(f, daysPerYear, p.horizonDays())}), p.seed());
            case PARAMETRIC -> throw new IllegalArgumentException("parametric uses no scenarios");
        };
    }

    private static ScenarioSet generate(RiskFactors f, RiskParameters p, double daysPerYear) {
        return switch (p.method()) {
            case MONTECARLO -> MonteCarloScenarios.generate(f.assets(), f.correlation(), p.scenarios(), p.seed(),
                    p.studentDof(), p.volOfVol() > 0);
            case HISTORICAL -> HistoricalScenarios.historical(f.assets(), f.history().dates(), f.history().returns(),
                    p.horizonDays(), fallback(f, p, daysPerYear));
            case FHS -> HistoricalScenarios.filtered(f.assets(), f.history().dates(), f.history().returns(),
                    f.history().condVols(), p.horizonDays(), fallback(f, p, daysPerYear));
            case PARAMETRIC -> throw new IllegalArgumentException("parametric uses no scenarios");
        };
    }

    private static double[] fallbackVols(RiskFactors f, double daysPerYear, int h) {
        double[] v = new double[f.size()];
        for (int a = 0; a < v.length; a++) {
            v[a] = f.history().returns()[a] == null ? f.vols()[a] * Math.sqrt(h / daysPerYear) : 0;
        }
        return v;
    }

    /**
     * Independent normal h-day log returns, seeded, for assets the history lacks (a stablecoin, a
     * new listing): their snapshot vol and zero correlation.
     */
    private static double[][] fallback(RiskFactors f, RiskParameters p, double daysPerYear) {
        int count = HistoricalScenarios.windows(f.history().dates().size(), p.horizonDays());
        double[] sd = fallbackVols(f, daysPerYear, p.horizonDays());
        double[][] out = new double[f.size()][];
        for (int a = 0; a < out.length; a++) {
            if (f.history().returns()[a] != null) {
                continue;
            }
            SplittableRandom rng = new SplittableRandom(p.seed() * 31 + a);
            out[a] = new double[count];
            for (int s = 0; s < count; s++) {
                out[a][s] = sd[a] == 0 ? 0 : -0.5 * sd[a] * sd[a] + sd[a] * rng.nextGaussian();
            }
        }
        return out;
    }

    /** A matrix compared by value. */
    private record CorrelationKey(double[][] m) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CorrelationKey c && Arrays.deepEquals(m, c.m);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(m);
        }
    }
}
