package io.marginscope.analysis;

import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Greeks of a valued book summed by underlying and expiry, and vega bucketed by time to expiry
 * (docs/methodology.md, "Beyond the exchanges' tools"). Positions that could not be valued are left
 * out, as they are of the equity. Units are those of the positions' Greeks: delta in coins, gamma in
 * coins per USD, vega in USD per vol point, theta in USD per calendar day.
 */
public final class GreeksByExpiry {

    /** The key of positions without an expiry (SPOT, PERP). */
    public static final String NO_EXPIRY = "none";

    /** Summed Greeks of a group of positions. */
    public record Greeks(double delta, double gamma, double vega, double theta) {
        public static final Greeks ZERO = new Greeks(0, 0, 0, 0);

        public Greeks plus(Greeks o) {
            return new Greeks(delta + o.delta, gamma + o.gamma, vega + o.vega, theta + o.theta);
        }

        public Greeks minus(Greeks o) {
            return new Greeks(delta - o.delta, gamma - o.gamma, vega - o.vega, theta - o.theta);
        }
    }

    /** Time-to-expiry buckets of {@link #vegaByTenor}: [from, to) calendar days; the last is open. */
    public enum TenorBucket {
        D0_7("0-7d", 7), D7_30("7-30d", 30), D30_90("30-90d", 90), D90_180("90-180d", 180),
        D180_PLUS("180d+", Double.POSITIVE_INFINITY);

        private final String label;
        private final double upTo;

        TenorBucket(String label, double upTo) {
            this.label = label;
            this.upTo = upTo;
        }

        public String label() {
            return label;
        }

        /** The bucket of a time to expiry in calendar days; an expired option (days <= 0) is in 0-7d. */
        public static TenorBucket of(double days) {
            for (TenorBucket b : values()) {
                if (days < b.upTo) {
                    return b;
                }
            }
            return D180_PLUS;
        }
    }

    private GreeksByExpiry() {
    }

    /**
     * Per underlying (order of first appearance) and expiry ({@link #NO_EXPIRY} first, then the ISO
     * instants ascending): the positions' delta, gamma, vega and theta summed.
     */
    public static Map<String, Map<String, Greeks>> greeksByExpiry(PortfolioValuation valuation) {
        Map<String, TreeMap<Instant, Greeks>> dated = new LinkedHashMap<>();
        Map<String, Greeks> undated = new LinkedHashMap<>();
        for (PositionValuation v : valuation.positions()) {
            if (!v.ok()) {
                continue;
            }
            String u = v.position().underlying();
            Greeks g = new Greeks(v.delta(), v.gamma(), v.vega(), v.theta());
            dated.computeIfAbsent(u, k -> new TreeMap<>());
            Instant expiry = v.position().instrument().expiry();
            if (expiry == null) {
                undated.merge(u, g, Greeks::plus);
            } else {
                dated.get(u).merge(expiry, g, Greeks::plus);
            }
        }
        Map<String, Map<String, Greeks>> out = new LinkedHashMap<>();
        dated.forEach((u, byExpiry) -> {
            Map<String, Greeks> m = new LinkedHashMap<>();
            if (undated.containsKey(u)) {
                m.put(NO_EXPIRY, undated.get(u));
            }
            byExpiry.forEach((e, g) -> m.put(e.toString(), g));
            out.put(u, Collections.unmodifiableMap(m));
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Per underlying, the vega (USD per vol point) of its options in each {@link TenorBucket} by
     * calendar days to expiry (years to expiry * daysPerYear); every bucket is present, zero when
     * empty. Positions without vega (linear instruments) add nothing; so each underlying's buckets
     * sum to its positions' vega.
     */
    public static Map<String, Map<TenorBucket, Double>> vegaByTenor(PortfolioValuation valuation,
                                                                  double daysPerYear) {
        Map<String, Map<TenorBucket, Double>> out = new LinkedHashMap<>();
        for (PositionValuation v : valuation.positions()) {
            if (!v.ok()) {
                continue;
            }
            Map<TenorBucket, Double> buckets = out.computeIfAbsent(v.position().underlying(), k -> {
                Map<TenorBucket, Double> m = new LinkedHashMap<>();
                for (TenorBucket b : TenorBucket.values()) {
                    m.put(b, 0.0);
                }
                return m;
            });
            if (v.vega() == 0 || Double.isNaN(v.years())) {
                continue;
            }
            buckets.merge(TenorBucket.of(v.years() * daysPerYear), v.vega(), Double::sum);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The Greeks of every position summed per underlying (all expiries), in the same order. */
    public static Map<String, Greeks> totals(Map<String, Map<String, Greeks>> byExpiry) {
        Map<String, Greeks> out = new LinkedHashMap<>();
        byExpiry.forEach((u, m) -> out.put(u, m.values().stream().reduce(Greeks.ZERO, Greeks::plus)));
        return out;
    }

    /** after - before per underlying and expiry, over the union of keys (a missing side counts as zero). */
    public static Map<String, Map<String, Greeks>> change(Map<String, Map<String, Greeks>> before,
                                                          Map<String, Map<String, Greeks>> after) {
        Map<String, Map<String, Greeks>> out = new LinkedHashMap<>();
        for (String u : union(before.keySet(), after.keySet())) {
            Map<String, Greeks> b = before.getOrDefault(u, Map.of());
            Map<String, Greeks> a = after.getOrDefault(u, Map.of());
            Map<String, Greeks> m = new TreeMap<>((x, y) -> x.equals(y) ? 0 : x.equals(NO_EXPIRY) ? -1
                    : y.equals(NO_EXPIRY) ? 1 : x.compareTo(y));
            for (String e : union(b.keySet(), a.keySet())) {
                m.put(e, a.getOrDefault(e, Greeks.ZERO).minus(b.getOrDefault(e, Greeks.ZERO)));
            }
            out.put(u, Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
        return Collections.unmodifiableMap(out);
    }

    static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        java.util.LinkedHashSet<T> s = new java.util.LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}
