package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.OrderBook;
import io.marginscope.model.Portfolio;
import io.marginscope.model.VolSurface;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskProgress;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Why maintenance margin changed between two states (docs/methodology.md, "Beyond the exchanges'
 * tools"): the change MM(to) - MM(from) split over five groups of inputs by Shapley values. Each of
 * the 2^5 = 32 coalitions S is a mixed state taking the groups in S from {@code to} and the others
 * from {@code from}; v(S) is its MM, and group i gets
 * {@code phi_i = sum over S not holding i of |S|! (4 - |S|)! / 5! * (v(S + i) - v(S))}. The parts add
 * up to v(all) - v(none) = the change (to rounding), a group that does not differ gets exactly 0, and
 * when only one group differs it gets the whole change.
 * <ul>
 *   <li>{@link Group#PRICES}: per asset spot, rate, dividend yield and ADV, and the order books;</li>
 *   <li>{@link Group#VOLATILITY}: per asset vol, the implied vol surfaces, the correlations and the price
 *       history (which vol models and historical methods estimate from);</li>
 *   <li>{@link Group#POSITIONS}: the book, with its counterparty tier;</li>
 *   <li>{@link Group#POLICY}: the margin policy;</li>
 *   <li>{@link Group#TIME}: the valuation instant asOf and the year basis daysPerYear.</li>
 * </ul>
 * An asset present in only one snapshot takes all its data from that one. Mixed states sharing the
 * book, the policy and the volatility inputs share one {@link MarginCalculator.Prepared} (with a price
 * history, time and prices are part of that key too, as the prepared factors depend on them).
 */
public final class MarginExplain {

    /** The five groups of inputs, in the order of the output. */
    public enum Group {
        PRICES("prices"), VOLATILITY("volatility"), POSITIONS("positions"), POLICY("policy"), TIME("time");

        private final String key;

        Group(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * One margin state: a book on a market (its asOf already overridden where asked) under a policy.
     *
     * @param history price history, or null
     */
    public record State(Portfolio book, MarketSnapshot market, Policy policy, Loaded<PriceHistory> history) {
        public State {
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** A coalition's MM: the groups taken from {@code to}. */
    public record Coalition(Set<Group> fromTo, double maintenanceMargin) {
        public Coalition {
            fromTo = Set.copyOf(fromTo);
        }
    }

    /**
     * @param from        the margin of the first state
     * @param to          the margin of the second state
     * @param parts       per group, its Shapley share of the change, USD
     * @param differs     per group, whether the two states differ in it
     * @param coalitions  the 32 evaluations
     * @param prepared    how many calculators were prepared (the rest reuse one)
     * @param elapsedNanos wall time of the 32 evaluations, set by the caller that timed the call
     *                     ({@link #withElapsedNanos}); the engine reads no clock and leaves 0
     */
    public record Explanation(MarginResult from, MarginResult to, Map<Group, Double> parts, Map<Group, Boolean> differs,
                              List<Coalition> coalitions, int prepared, long elapsedNanos) {

        /** MM(to) - MM(from), USD. */
        public double change() {
            return to.maintenanceMargin() - from.maintenanceMargin();
        }

        /** The same explanation with the wall time its caller measured. */
        public Explanation withElapsedNanos(long nanos) {
            return new Explanation(from, to, parts, differs, coalitions, prepared, nanos);
        }

        /** change - sum of the parts: rounding only. */
        public double residual() {
            double sum = 0;
            for (double p : parts.values()) {
                sum += p;
            }
            return change() - sum;
        }
    }

    private MarginExplain() {
    }

    /**
     * @throws IllegalArgumentException when a mixed state cannot be margined (a policy whose base needs a
     *                                  history the other state lacks)
     */
    public static Explanation explain(State from, State to, MarginCalculator.Settings settings) {
        return explain(from, to, settings, RiskProgress.NONE);
    }

    /**
     * As {@link #explain(State, State, MarginCalculator.Settings)}, reporting the share of the 32
     * evaluations done and stopping (CancellationException) when {@code progress} asks.
     */
    public static Explanation explain(State from, State to, MarginCalculator.Settings settings, RiskProgress progress) {
        int n = Group.values().length;
        int count = 1 << n;
        Map<List<Object>, MarginCalculator.Prepared> prepared = new HashMap<>();
        double[] v = new double[count];
        MarginResult[] results = new MarginResult[count];
        for (int mask = 0; mask < count; mask++) {
            if (progress.cancelled()) {
                throw new java.util.concurrent.CancellationException("explain cancelled");
            }
            progress.update(mask / (double) count);
            State s = mix(from, to, mask);
            boolean history = s.history() != null;
            List<Object> key = List.of(pick(mask, Group.POSITIONS), pick(mask, Group.POLICY),
                    pick(mask, Group.VOLATILITY), history && pick(mask, Group.TIME), history && pick(mask, Group.PRICES),
                    history);
            MarginCalculator.Prepared p = prepared.computeIfAbsent(key, k -> new MarginCalculator(new RiskEngine())
                    .prepare(s.book(), s.market(), s.history(), s.policy(), settings));
            results[mask] = p.at(s.market());
            v[mask] = results[mask].maintenanceMargin();
        }
        Map<Group, Double> parts = new EnumMap<>(Group.class);
        double[] factorial = {1, 1, 2, 6, 24, 120};
        for (Group g : Group.values()) {
            int bit = 1 << g.ordinal();
            double phi = 0;
            for (int mask = 0; mask < count; mask++) {
                if ((mask & bit) != 0) {
                    continue;
                }
                int size = Integer.bitCount(mask);
                double w = factorial[size] * factorial[n - size - 1] / factorial[n];
                phi += w * (v[mask | bit] - v[mask]);
            }
            parts.put(g, phi);
        }
        Map<Group, Boolean> differs = new EnumMap<>(Group.class);
        for (Group g : Group.values()) {
            State only = mix(from, to, 1 << g.ordinal());
            differs.put(g, !sameInputs(from, only));
        }
        List<Coalition> coalitions = new ArrayList<>();
        for (int mask = 0; mask < count; mask++) {
            EnumSet<Group> s = EnumSet.noneOf(Group.class);
            for (Group g : Group.values()) {
                if (pick(mask, g)) {
                    s.add(g);
                }
            }
            coalitions.add(new Coalition(s, v[mask]));
        }
        return new Explanation(results[0], results[count - 1], parts, differs, coalitions, prepared.size(),
                0);
    }

    private static boolean pick(int mask, Group g) {
        return (mask & (1 << g.ordinal())) != 0;
    }

    private static boolean sameInputs(State a, State b) {
        return a.book().equals(b.book()) && a.policy().equals(b.policy()) && a.market().equals(b.market())
                && a.history() == b.history();
    }

    /** The state taking the groups of the mask from {@code to}, the others from {@code from}. */
    public static State mix(State from, State to, int mask) {
        State pricesSrc = pick(mask, Group.PRICES) ? to : from;
        State volSrc = pick(mask, Group.VOLATILITY) ? to : from;
        State timeSrc = pick(mask, Group.TIME) ? to : from;
        Portfolio book = (pick(mask, Group.POSITIONS) ? to : from).book();
        Policy policy = (pick(mask, Group.POLICY) ? to : from).policy();
        MarketSnapshot market = mixMarket(from.market(), to.market(), pricesSrc == to, volSrc == to, timeSrc == to);
        return new State(book, market, policy, volSrc.history());
    }

    static MarketSnapshot mixMarket(MarketSnapshot a, MarketSnapshot b, boolean pricesFromB, boolean volsFromB,
                                    boolean timeFromB) {
        if (!pricesFromB && !volsFromB && !timeFromB) {
            return a;
        }
        if (pricesFromB && volsFromB && timeFromB) {
            return b;
        }
        MarketSnapshot p = pricesFromB ? b : a;
        MarketSnapshot pOther = pricesFromB ? a : b;
        MarketSnapshot v = volsFromB ? b : a;
        MarketSnapshot vOther = volsFromB ? a : b;
        MarketSnapshot t = timeFromB ? b : a;
        Set<String> names = new LinkedHashSet<>(a.assets().keySet());
        names.addAll(b.assets().keySet());
        Map<String, AssetMarket> assets = new LinkedHashMap<>();
        Map<String, VolSurface> surfaces = new LinkedHashMap<>();
        Map<String, OrderBook> books = new LinkedHashMap<>();
        for (String name : names) {
            MarketSnapshot ps = p.has(name) ? p : pOther;
            MarketSnapshot vs = v.has(name) ? v : vOther;
            AssetMarket pm = ps.asset(name);
            AssetMarket vm = vs.asset(name);
            assets.put(name, new AssetMarket(pm.spot(), vm.vol(), pm.rate(), pm.dividendYield(), pm.advUsd()));
            if (vs.impliedVols().containsKey(name)) {
                surfaces.put(name, vs.impliedVols().get(name));
            }
            if (ps.orderBooks().containsKey(name)) {
                books.put(name, ps.orderBooks().get(name));
            }
        }
        Map<MarketSnapshot.AssetPair, Double> corr = new LinkedHashMap<>(v.correlations());
        vOther.correlations().forEach((pair, rho) -> {
            if (!v.has(pair.first()) || !v.has(pair.second())) {
                corr.putIfAbsent(pair, rho);
            }
        });
        return new MarketSnapshot(t.asOf(), t.daysPerYear(), assets, surfaces, corr, books);
    }
}
