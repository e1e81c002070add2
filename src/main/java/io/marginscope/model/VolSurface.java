package io.marginscope.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

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

    private final NavigableMap<Instant, Smile> smiles;

    public VolSurface(Map<Instant, Smile> smiles) {
        this.smiles = Collections.unmodifiableNavigableMap(new TreeMap<>(smiles));
    }

    public NavigableMap<Instant, Smile> smiles() {
        return smiles;
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
