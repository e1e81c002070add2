package io.marginscope.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Implied volatilities of one asset by expiry and strike. Within an expiry a missing strike is
 * interpolated linearly in strike between its neighbours and held flat beyond the outermost
 * quoted strikes; an expiry that is not quoted has no implied vol (the caller falls back to the
 * asset's vol).
 */
public final class VolSurface {

    /** Strikes ascending with their vols, for one expiry. */
    public record Smile(double[] strikes, double[] vols) {
        public Smile {
            if (strikes.length == 0 || strikes.length != vols.length) {
                throw new IllegalArgumentException("a smile needs as many vols as strikes, at least one");
            }
            strikes = strikes.clone();
            vols = vols.clone();
        }

        public static Smile of(Map<Double, Double> volByStrike) {
            TreeMap<Double, Double> sorted = new TreeMap<>(volByStrike);
            double[] k = sorted.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] v = sorted.values().stream().mapToDouble(Double::doubleValue).toArray();
            return new Smile(k, v);
        }

        /** Vol at a strike: exact when quoted, linear in strike inside, flat outside. */
        public double volAt(double strike) {
            int i = Arrays.binarySearch(strikes, strike);
            if (i >= 0) {
                return vols[i];
            }
            int hi = -i - 1;
            if (hi == 0) {
                return vols[0];
            }
            if (hi == strikes.length) {
                return vols[strikes.length - 1];
            }
            double w = (strike - strikes[hi - 1]) / (strikes[hi] - strikes[hi - 1]);
            return vols[hi - 1] + w * (vols[hi] - vols[hi - 1]);
        }

        public boolean quotes(double strike) {
            return Arrays.binarySearch(strikes, strike) >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Smile s && Arrays.equals(strikes, s.strikes) && Arrays.equals(vols, s.vols);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(strikes) + Arrays.hashCode(vols);
        }
    }

    /** How an option's vol was found. */
    public enum VolSource { QUOTED, INTERPOLATED, ASSET_VOL }

    /** A vol and where it came from. */
    public record VolQuote(double vol, VolSource source) { }

    /**
     * A transformation of implied vols that may depend on the time to expiry, e.g. a shock that
     * is larger on the short end: {@code (vol, years) -> vol + 0.10 * sqrt(30 / 365 / years)}.
     */
    @FunctionalInterface
    public interface TermVolMap {
        /**
         * @param vol           annualised implied vol (decimal)
         * @param yearsToExpiry time from the reference instant to the smile's expiry, in years
         *                      (negative once past)
         * @return the new vol (decimal)
         */
        double apply(double vol, double yearsToExpiry);
    }

    private final NavigableMap<Instant, Smile> smiles;

    public VolSurface(Map<Instant, Smile> smiles) {
        this.smiles = Collections.unmodifiableNavigableMap(new TreeMap<>(smiles));
    }

    public NavigableMap<Instant, Smile> smiles() {
        return smiles;
    }

    /** A new surface with every quoted vol of every expiry replaced by {@code f(vol)}; this one is unchanged. */
    public VolSurface map(DoubleUnaryOperator f) {
        return map((vol, years) -> f.applyAsDouble(vol), Instant.EPOCH, 365.0);
    }

    /**
     * A new surface with every quoted vol replaced by {@code f(vol, T)}, where T = (expiry - asOf)
     * / (daysPerYear days) is the smile's time to expiry; strikes are kept, this one is unchanged.
     */
    public VolSurface map(TermVolMap f, Instant asOf, double daysPerYear) {
        TreeMap<Instant, Smile> out = new TreeMap<>();
        smiles.forEach((expiry, smile) -> {
            double years = Duration.between(asOf, expiry).toMillis() / 1000.0 / (daysPerYear * 86_400.0);
            double[] vols = smile.vols.clone();
            for (int i = 0; i < vols.length; i++) {
                vols[i] = f.apply(vols[i], years);
            }
            out.put(expiry, new Smile(smile.strikes, vols));
        });
        return new VolSurface(out);
    }

    /** The implied vol for an expiry and strike, or null when the expiry is not quoted. */
    public VolQuote lookup(Instant expiry, double strike) {
        Smile smile = smiles.get(expiry);
        if (smile == null) {
            return null;
        }
        return new VolQuote(smile.volAt(strike), smile.quotes(strike) ? VolSource.QUOTED : VolSource.INTERPOLATED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolSurface v && smiles.equals(v.smiles);
    }

    @Override
    public int hashCode() {
        return smiles.hashCode();
    }
}
