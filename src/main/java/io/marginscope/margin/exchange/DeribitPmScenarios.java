package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmBook.Future;
import io.marginscope.margin.exchange.DeribitPmBook.Holding;
import io.marginscope.margin.exchange.DeribitPmBook.Option;
import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios of Deribit's risk matrix: which price move and vol shock each entry of a risk
 * vector stands for.
 *
 * <p><b>Standard table</b> ({@code 3 * (2B + 1)} entries, B = buckets): bucket {@code b = 0 .. 2B}
 * moves the price by {@code m_b = priceRange * (b - B) / B} (9 moves from -16% to +16% for BTC:
 * "broken down into 9 evenly spaced buckets from the bottom of the range to the top, including a
 * bucket for zero price movement", Deribit knowledge base, "Portfolio Margin"), and entry
 * {@code 3b + v} applies vol scenario v in the order up, unchanged, down. That order is assumed:
 * the published examples hold futures only, whose three entries per bucket are equal.
 *
 * <p><b>Vol shocks</b> of an option with DTE days to expiry, {@code s = (30 / DTE)^power},
 * power = short-term below 30 days, long-term from 30 days on:
 * <pre>
 *   up:    vol + max(vol, minVolatilityForShockUp) * volRangeUp * s
 *   down:  max(0, vol * (1 - volRangeDown * s))
 * </pre>
 * "maximum implied volatility change of (30/days to expiration)^0.30 * 38.00%" (legacy Deribit page,
 * https://www.deribit.com/pages/docs/portfoliomargin) gives the relative shock; the floor of the up
 * shock reads {@code min_volatility_for_shock_up} as the smallest vol the up shock is scaled from
 * (an interpretation: Deribit does not publish the formula).
 *
 * <p><b>Extended table</b>: the moves of {@link DeribitPmParameters.Extended#moves()} with vol up
 * only ("Only on Volatility Range Up").
 */
public final class DeribitPmScenarios {

    /** Vol scenario of a standard entry, in vector order. */
    public enum VolScenario { UP, UNCHANGED, DOWN }

    /** Vol scenarios per price bucket. */
    public static final int VOL_SCENARIOS = 3;

    private DeribitPmScenarios() {
    }

    /**
     * How a settlement values a holding in the scenarios: in coin for the inverse books, in USD for the
     * USDC-settled ones.
     */
    interface Valuation {
        /** The P&amp;L of a future when the price moves by {@code move}. */
        double futurePnl(Future f, double move);

        /** The value of one coin of the option with the price moved by {@code move} at {@code vol}. */
        double optionValue(Option o, double move, double vol);

        /** One coin of the option's part of the net delta, its value today being {@code v0}. */
        double optionDelta(Option o, double v0);
    }

    /**
     * The risk vectors of a book's holdings, their sums before offsets, the sum of |futures| (coins) and
     * the net delta (coins).
     */
    record Vectors(Map<String, RiskVector> byHolding, double[] std, double[] ext, double sumAbsFutures,
                   double netDelta) {
    }

    /**
     * Each holding valued in every standard and extended scenario (the extended moves of futures capped at
     * the price range, options at vol up), and the vectors summed.
     */
    static Vectors riskVectors(DeribitPmBook book, DeribitPmParameters p, List<Double> extMoves, Valuation v) {
        DeribitPmParameters.Grid g = p.grid();
        int nStd = standardSize(g);
        int nExt = extMoves.size();
        Map<String, RiskVector> vectors = new LinkedHashMap<>();
        double[] preStd = new double[nStd];
        double[] preExt = new double[nExt];
        double sumAbsFutures = 0.0;
        double netDelta = 0.0;
        for (Holding h : book.holdings()) {
            double[] std = new double[nStd];
            double[] ext = new double[nExt];
            switch (h) {
                case Future f -> {
                    for (int i = 0; i < nStd; i++) {
                        std[i] = v.futurePnl(f, standardMove(g, i));
                    }
                    for (int e = 0; e < nExt; e++) {
                        double m = Math.max(-g.priceRange(), Math.min(g.priceRange(), extMoves.get(e)));
                        ext[e] = v.futurePnl(f, m);
                    }
                    sumAbsFutures += Math.abs(f.sizeCoins());
                    netDelta += f.sizeCoins();
                }
                case Option o -> {
                    double days = o.years() * book.daysPerYear();
                    double v0 = v.optionValue(o, 0.0, o.vol());
                    for (int i = 0; i < nStd; i++) {
                        double vol = shockedVol(g, o.vol(), days, standardVol(i));
                        std[i] = o.sizeCoins() * (v.optionValue(o, standardMove(g, i), vol) - v0);
                    }
                    double volUp = shockedVol(g, o.vol(), days, VolScenario.UP);
                    for (int e = 0; e < nExt; e++) {
                        ext[e] = o.sizeCoins() * (v.optionValue(o, extMoves.get(e), volUp) - v0);
                    }
                    netDelta += o.sizeCoins() * v.optionDelta(o, v0);
                }
            }
            for (int i = 0; i < nStd; i++) {
                preStd[i] += std[i];
            }
            for (int e = 0; e < nExt; e++) {
                preExt[e] += ext[e];
            }
            vectors.put(h.name(), new RiskVector(std, ext));
        }
        return new Vectors(vectors, preStd, preExt, sumAbsFutures, netDelta);
    }

    /** Number of entries of the standard vector: 3 * (2 * buckets + 1). */
    public static int standardSize(DeribitPmParameters.Grid g) {
        return VOL_SCENARIOS * (2 * g.buckets() + 1);
    }

    /** Price move of standard entry {@code index}. */
    public static double standardMove(DeribitPmParameters.Grid g, int index) {
        int bucket = index / VOL_SCENARIOS;
        return g.priceRange() * (bucket - g.buckets()) / g.buckets();
    }

    /** Vol scenario of standard entry {@code index}. */
    public static VolScenario standardVol(int index) {
        return VolScenario.values()[index % VOL_SCENARIOS];
    }

    /** The extended moves. */
    public static List<Double> extendedMoves(DeribitPmParameters p) {
        return p.extended().moves();
    }

    /** The vol of an option with {@code days} to expiry under a scenario (unchanged once expired). */
    public static double shockedVol(DeribitPmParameters.Grid g, double vol, double days, VolScenario scenario) {
        if (scenario == VolScenario.UNCHANGED || !(days > 0)) {
            return vol;
        }
        double power = days < g.referenceDays() ? g.shortTermVegaPower() : g.longTermVegaPower();
        double scale = Math.pow(g.referenceDays() / days, power);
        if (scenario == VolScenario.UP) {
            return vol + Math.max(vol, g.minVolatilityForShockUp()) * g.volRangeUp() * scale;
        }
        return Math.max(0.0, vol * (1.0 - g.volRangeDown() * scale));
    }

    /**
     * Fraction of an extended-table loss that counts: {@code tableFactor * priceRange / |move|}.
     * Deribit says only "Only a fraction of simulated P&L"; this fraction is the one Paradex publishes
     * for its table of the same moves (https://docs.paradex.trade/risk/portfolio-margin: weights 24%,
     * 48%, 32%, 16%, 8%, 5.33%, 4%, 3.20% = 0.16 / |move|). An assumption, not Deribit's published rule.
     */
    public static double extendedFraction(DeribitPmParameters p, double move) {
        return p.extended().tableFactor() * p.grid().priceRange() / Math.abs(move);
    }
}
