package io.marginscope.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Market data as of one instant: per-asset spot, vol and rate, implied vol surfaces,
 * correlations and order books.
 *
 * @param asOf         valuation instant
 * @param daysPerYear  the year basis of vols and times to expiry (365 for crypto)
 * @param assets       per asset, in file order
 * @param impliedVols  per asset, optional
 * @param correlations by unordered pair; a missing pair means 0
 * @param orderBooks   per asset, optional
 */
public record MarketSnapshot(Instant asOf, double daysPerYear, Map<String, AssetMarket> assets,
                             Map<String, VolSurface> impliedVols, Map<AssetPair, Double> correlations,
                             Map<String, OrderBook> orderBooks) {

    /** An unordered pair of assets, stored in alphabetical order. */
    public record AssetPair(String first, String second) {
        public AssetPair {
            if (first.compareTo(second) > 0) {
                String t = first;
                first = second;
                second = t;
            }
        }
    }

    public MarketSnapshot {
        Objects.requireNonNull(asOf, "asOf");
        if (!(daysPerYear > 0)) {
            throw new IllegalArgumentException("daysPerYear must be positive");
        }
        assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
        impliedVols = Map.copyOf(impliedVols);
        correlations = Map.copyOf(correlations);
        orderBooks = Map.copyOf(orderBooks);
    }

    public AssetMarket asset(String symbol) {
        return assets.get(symbol);
    }

    public boolean has(String symbol) {
        return assets.containsKey(symbol);
    }

    /** Year fraction from asOf to an instant: (instant - asOf) / (daysPerYear days); negative once past. */
    public double yearsTo(Instant instant) {
        double seconds = Duration.between(asOf, instant).toMillis() / 1000.0;
        return seconds / (daysPerYear * 86_400.0);
    }

    /** Correlation of two assets: 1 on the diagonal, the given pair, else 0. */
    public double correlation(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        return correlations.getOrDefault(new AssetPair(a, b), 0.0);
    }

    /** The vol to price an option with: the implied vol of its expiry and strike, else the asset's vol. */
    public VolSurface.VolQuote optionVol(Instrument option) {
        VolSurface surface = impliedVols.get(option.underlying());
        if (surface != null) {
            VolSurface.VolQuote q = surface.lookup(option.expiry(), option.strike());
            if (q != null) {
                return q;
            }
        }
        return new VolSurface.VolQuote(assets.get(option.underlying()).vol(), VolSurface.VolSource.ASSET_VOL);
    }

    /** A copy with one asset's inputs replaced (what-if, live ticks). */
    public MarketSnapshot withAsset(String symbol, AssetMarket market) {
        Map<String, AssetMarket> copy = new LinkedHashMap<>(assets);
        copy.put(symbol, market);
        return new MarketSnapshot(asOf, daysPerYear, copy, impliedVols, correlations, orderBooks);
    }

    /**
     * A copy with some correlations given (an analyst's override): each pair replaces the
     * snapshot's, or is added when the snapshot has none. Each value must be in [-1, 1] and each
     * pair of two different assets; IllegalArgumentException names the pair otherwise. The pairs
     * need not be jointly consistent: the factor model repairs a matrix that is not positive
     * semi-definite.
     */
    public MarketSnapshot withCorrelations(Map<AssetPair, Double> given) {
        Map<AssetPair, Double> copy = new HashMap<>(correlations);
        for (Map.Entry<AssetPair, Double> e : given.entrySet()) {
            AssetPair p = e.getKey();
            Double v = e.getValue();
            if (p.first().equals(p.second())) {
                throw new IllegalArgumentException("correlation " + p.first() + "-" + p.second()
                        + ": an asset's correlation with itself is 1");
            }
            if (v == null || !(v >= -1 && v <= 1)) {
                throw new IllegalArgumentException("correlation " + p.first() + "-" + p.second() + ": " + v
                        + " is not in [-1, 1]");
            }
            copy.put(p, v);
        }
        return new MarketSnapshot(asOf, daysPerYear, assets, impliedVols, copy, orderBooks);
    }

    /** A copy valued at another instant (time passing in a stress): times to expiry are measured from it. */
    public MarketSnapshot withAsOf(Instant newAsOf) {
        return new MarketSnapshot(newAsOf, daysPerYear, assets, impliedVols, correlations, orderBooks);
    }

    /**
     * A copy with one asset's vols transformed: its own {@code vol} by {@code assetVol}, and every
     * implied vol of its surface (when it has one) by {@code impliedVol}, which receives the vol and
     * the smile's time to expiry in years from this snapshot's asOf. Unknown assets are an error.
     */
    public MarketSnapshot withVols(String symbol, DoubleUnaryOperator assetVol, VolSurface.TermVolMap impliedVol) {
        AssetMarket m = assets.get(symbol);
        if (m == null) {
            throw new IllegalArgumentException("no asset " + symbol + " in the snapshot");
        }
        Map<String, AssetMarket> copy = new LinkedHashMap<>(assets);
        copy.put(symbol, m.withVol(assetVol.applyAsDouble(m.vol())));
        Map<String, VolSurface> surfaces = new HashMap<>(impliedVols);
        VolSurface surface = impliedVols.get(symbol);
        if (surface != null) {
            surfaces.put(symbol, surface.map(impliedVol, asOf, daysPerYear));
        }
        return new MarketSnapshot(asOf, daysPerYear, copy, surfaces, correlations, orderBooks);
    }
}
