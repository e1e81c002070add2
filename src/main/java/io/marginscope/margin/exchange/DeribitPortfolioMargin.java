package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmBook.Future;
import io.marginscope.margin.exchange.DeribitPmBook.Option;
import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;
import io.marginscope.margin.exchange.DeribitPmResult.WorstCase;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.Black76;
import io.marginscope.pricing.BlackInputs;
import io.marginscope.pricing.OptionInputs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Preset {@code deribit-pm}: Deribit's segregated portfolio margin, one risk matrix per settlement
 * currency, in coin, and for USDC-settled (LINEAR) positions one risk matrix per underlying in USD
 * ({@link DeribitPmLinear}).
 *
 * <p>Entry points: {@link #simulate(DeribitPmBook, DeribitPmParameters)} for one currency given in
 * Deribit's units (reproduces {@code private/pme/simulate}), and
 * {@link #compute(Portfolio, MarketSnapshot, Map, Map)} for a book (its INVERSE positions grouped by
 * currency and its LINEAR positions by underlying, with {@link DeribitPmBooks}).
 *
 * <p>Steps, with F the option's forward, S the index, m a price move, sigma' a shocked vol
 * ({@link DeribitPmScenarios}):
 * <ol>
 *   <li><b>Initial risk vectors.</b> Futures and perpetuals: P&L = A (1/P - 1/(P(1+m))) = n m / (1+m)
 *       coin for USD notional A = n P at mark P; in the extended table the move is clamped to
 *       [-priceRange, +priceRange] (Deribit's documentation example shows the -66% and -33% entries of a
 *       future equal to its -16% entry and the rise entries equal to its +16% entry). Options: value in
 *       coin = Black-76 USD price / index, P&L = n (B76(F(1+m), K, T, sigma') / (S(1+m)) - B76(F, K, T, sigma) / S).</li>
 *   <li><b>Aggregation</b> (Deribit's changelog, Release 13.01.2026: pre-aggregated vectors are the
 *       aggregated ones "before applying the pnl_offset and extended_dampener params"). Standard: a loss
 *       counts in full, a gain g as min(pnlOffset g, maxOffsetablePnl / S) (both published responses:
 *       gains zeroed with pnl_offset 0, times 0.6 with pnl_offset 0.6; the cap and its unit are
 *       assumed). Extended: gains count 0, a loss L as max(0, f L S - dampener) / S with
 *       f = tableFactor * priceRange / |m| (the fraction and the dampener's form and unit are
 *       assumptions; both published responses show every extended entry at 0, which this gives).</li>
 *   <li><b>Worst case</b> = max(0, -min of the aggregated entries); ties keep the first bucket and,
 *       within a bucket, vol unchanged first (both published examples report the middle entry).</li>
 *   <li><b>Roll shock</b> = minAnnualisedMove * sum of |n| over futures and perpetuals (reproduces both
 *       responses exactly; their {@code annualised_move_risk} is not used).</li>
 *   <li><b>Delta shock</b>: with net delta D coins (futures n + options n (BS delta - value in coin), Deribit's
 *       "DeltaTotal"), 0 while |D| S is at most the threshold, above it
 *       |D| min(maxDeltaShock, mInc |D|). Deribit publishes only the parameters; this formula is an
 *       unverified reading and a nonzero value is flagged in the warnings.</li>
 *   <li><b>Risk matrix margin</b> = round(worst case, 1e-9) + roll shock + delta shock; MM = mmFactor * it;
 *       IM = round(it, 1e-9). Both published responses equal the worst case rounded half-up to 9
 *       decimals plus the roll shock exactly (BTC 0.059685872 + 0.00315725898 = 0.06284313098; ETH
 *       0.152464127 + 0.004997435265 = 0.157461562265). Deribit's IM also adds open-order, MMP and spot
 *       margins, which a book of positions does not have. The correlation contingency of cross
 *       portfolio margin is not modelled.</li>
 * </ol>
 */
public final class DeribitPortfolioMargin {

    public static final String PRESET = "deribit-pm";

    private static final int ROUNDING_DECIMALS = 9;

    private DeribitPortfolioMargin() {
    }

    /** The risk matrix and margins of one currency's book. */
    public static DeribitPmResult simulate(DeribitPmBook book, DeribitPmParameters p) {
        if (!book.currency().equals(p.currency())) {
            throw new IllegalArgumentException("parameters for " + p.currency() + " applied to a " + book.currency()
                    + " book");
        }
        DeribitPmParameters.Grid g = p.grid();
        int nStd = DeribitPmScenarios.standardSize(g);
        List<Double> extMoves = DeribitPmScenarios.extendedMoves(p);
        int nExt = extMoves.size();
        double s = book.indexPrice();

        DeribitPmScenarios.Valuation coin = new DeribitPmScenarios.Valuation() {
            @Override
            public double futurePnl(Future f, double move) {
                return DeribitPortfolioMargin.futurePnl(f, move);
            }

            @Override
            public double optionValue(Option o, double move, double vol) {
                return optionValueCoin(o, move, vol, s);
            }

            @Override
            public double optionDelta(Option o, double v0) {
                return spotDelta(o, s) - v0;
            }
        };
        DeribitPmScenarios.Vectors v = DeribitPmScenarios.riskVectors(book, p, extMoves, coin);
        Map<String, RiskVector> vectors = v.byHolding();
        double[] preStd = v.std();
        double[] preExt = v.ext();
        double sumAbsFutures = v.sumAbsFutures();
        double netDelta = v.netDelta();

        double[] aggStd = new double[nStd];
        for (int i = 0; i < nStd; i++) {
            aggStd[i] = preStd[i] < 0 ? preStd[i]
                    : Math.min(p.offsets().pnlOffset() * preStd[i], p.offsets().maxOffsetablePnlUsd() / s);
        }
        double[] aggExt = new double[nExt];
        for (int e = 0; e < nExt; e++) {
            double loss = Math.max(0.0, -preExt[e]);
            double counted = DeribitPmScenarios.extendedFraction(p, extMoves.get(e)) * loss * s
                    - p.extended().dampenerUsd();
            aggExt[e] = counted > 0 ? -counted / s : 0.0;
        }

        WorstCase worst = worstCase(g, aggStd, aggExt, extMoves);
        List<String> warnings = new ArrayList<>();
        double rollShock = p.addOns().minAnnualisedMove() * sumAbsFutures;
        double deltaShock = deltaShock(p.addOns(), netDelta, s);
        if (deltaShock > 0) {
            warnings.add(book.currency() + ": delta shock " + deltaShock + " uses an unpublished formula reading"
                    + " (|D| min(maxDeltaShock, mInc |D|) above the threshold); not verified against Deribit");
        }
        double rmm = round(worst.loss()) + rollShock + deltaShock;
        double mm = p.mmFactor() * rmm;
        double im = round(rmm);
        return new DeribitPmResult(book.currency(), s, vectors, new RiskVector(preStd, preExt),
                new RiskVector(aggStd, aggExt), worst, rollShock, deltaShock, netDelta, rmm, mm, im, warnings);
    }

    /**
     * The book's portfolio margin with the default parameters of USDC-settled positions
     * ({@link DeribitPmLinearParameters#defaults()}); see {@link #compute(Portfolio, MarketSnapshot, Map, Map)}.
     */
    public static MarginBreakdown compute(Portfolio book, MarketSnapshot market,
                                          Map<String, DeribitPmParameters> params) {
        return compute(book, market, params, DeribitPmLinearParameters.defaults());
    }

    /**
     * The book's portfolio margin, in USD:
     * <ul>
     *   <li>INVERSE positions: one risk matrix per currency ({@link #simulate}), margins converted at
     *       each index. Components {@code <CUR>.worstCase}, {@code <CUR>.rollShock},
     *       {@code <CUR>.deltaShock} (their sum is the currency's risk matrix margin) and
     *       {@code <CUR>.maintenance}.</li>
     *   <li>LINEAR (USDC-settled) positions: one risk matrix per underlying ({@link DeribitPmLinear}),
     *       with the underlying's parameters from {@code linearParams} or, when it has none, those of
     *       {@link DeribitPmLinearParameters#FALLBACK_UNDERLYING} (a warning says so). Components
     *       {@code USDC.<UND>.worstCase}, {@code .rollShock}, {@code .deltaShock}, {@code .maintenance}.
     *       The margins of several underlyings are summed: no offset between underlyings (Deribit does
     *       not publish how it aggregates across indices of one settlement currency; its {@code usd}
     *       block has {@code correlation_set} false). A warning says so when there are several.</li>
     * </ul>
     *
     * @param params       parameters of the INVERSE books by settlement currency
     * @param linearParams parameters of the USDC-settled positions by underlying
     */
    public static MarginBreakdown compute(Portfolio book, MarketSnapshot market,
                                          Map<String, DeribitPmParameters> params,
                                          Map<String, DeribitPmParameters> linearParams) {
        DeribitPmBooks.Split split = DeribitPmBooks.split(book, market);
        Map<String, Double> components = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>(split.warnings());
        List<String> errors = new ArrayList<>(split.errors());
        double mm = 0.0;
        double im = 0.0;
        for (DeribitPmBook b : split.books()) {
            DeribitPmParameters p = params.get(b.currency());
            if (p == null) {
                // one line per position, so that the coverage names each position left out
                for (DeribitPmBook.Holding h : b.holdings()) {
                    errors.add(h.name() + ": no " + PRESET + " parameters for " + b.currency());
                }
                continue;
            }
            DeribitPmResult r = simulate(b, p);
            double s = r.indexPrice();
            components.put(b.currency() + ".worstCase", round(r.worstCase().loss()) * s);
            components.put(b.currency() + ".rollShock", r.rollShock() * s);
            components.put(b.currency() + ".deltaShock", r.deltaShock() * s);
            components.put(b.currency() + ".maintenance", r.maintenanceMarginUsd());
            mm += r.maintenanceMarginUsd();
            im += r.initialMarginUsd();
            warnings.addAll(r.warnings());
        }
        List<String> linearMargined = new ArrayList<>();
        for (DeribitPmBook b : split.linearBooks()) {
            DeribitPmLinearParameters.Resolved rp = DeribitPmLinearParameters.resolve(b.currency(), linearParams);
            if (rp == null) {
                for (DeribitPmBook.Holding h : b.holdings()) {
                    errors.add(h.name() + ": no " + PRESET + " parameters for USDC-settled " + b.currency()
                            + " (nor for " + DeribitPmLinearParameters.FALLBACK_UNDERLYING + ")");
                }
                continue;
            }
            if (rp.warning() != null) {
                warnings.add(rp.warning());
            }
            DeribitPmLinearResult r = DeribitPmLinear.simulate(b, rp.params());
            String key = "USDC." + b.currency();
            components.put(key + ".worstCase", round(r.worstCase().loss()));
            components.put(key + ".rollShock", r.rollShockUsd());
            components.put(key + ".deltaShock", r.deltaShockUsd());
            components.put(key + ".maintenance", r.maintenanceMarginUsd());
            mm += r.maintenanceMarginUsd();
            im += r.initialMarginUsd();
            warnings.addAll(r.warnings());
            linearMargined.add(b.currency());
        }
        if (linearMargined.size() > 1) {
            warnings.add("USDC: the risk matrices of " + String.join(", ", linearMargined) + " are summed with no"
                    + " offset between underlyings (Deribit's aggregation across the indices of one settlement"
                    + " currency is not published)");
        }
        return new MarginBreakdown(PRESET, mm, im, components, warnings, errors);
    }

    /** n m / (1 + m): A (1/P - 1/(P (1 + m))) with A = n P. */
    static double futurePnl(Future f, double move) {
        return f.sizeCoins() * move / (1.0 + move);
    }

    /** Black-76 USD value on the moved forward, in coin at the moved index. */
    static double optionValueCoin(Option o, double move, double vol, double index) {
        double usd = Black76.price(o.right(), new BlackInputs(o.forward() * (1.0 + move), o.strike(), o.years(),
                vol, o.rate()));
        return usd / (index * (1.0 + move));
    }

    /** Spot delta of the USD option (coins per coin) with the yield implied by the forward. */
    static double spotDelta(Option o, double index) {
        double yield = o.years() > 0 ? o.rate() - Math.log(o.forward() / index) / o.years() : 0.0;
        return Black76.greeks(o.right(), new OptionInputs(index, o.strike(), o.years(), o.vol(), o.rate(), yield))
                .delta();
    }

    static double deltaShock(DeribitPmParameters.AddOns a, double netDelta, double index) {
        double d = Math.abs(netDelta);
        if (d * index <= a.deltaShockThresholdUsd()) {
            return 0.0;
        }
        return d * Math.min(a.maxDeltaShock(), a.deltaShockIncrementPerCoin() * d);
    }

    static WorstCase worstCase(DeribitPmParameters.Grid g, double[] aggStd, double[] aggExt,
                                       List<Double> extMoves) {
        int best = -1;
        boolean extended = false;
        double min = Double.POSITIVE_INFINITY;
        int[] order = {1, 0, 2}; // unchanged vol first within a bucket
        for (int b = 0; b < aggStd.length / DeribitPmScenarios.VOL_SCENARIOS; b++) {
            for (int v : order) {
                int i = b * DeribitPmScenarios.VOL_SCENARIOS + v;
                if (aggStd[i] < min) {
                    min = aggStd[i];
                    best = i;
                }
            }
        }
        for (int e = 0; e < aggExt.length; e++) {
            if (aggExt[e] < min) {
                min = aggExt[e];
                best = e;
                extended = true;
            }
        }
        double loss = Math.max(0.0, -min);
        if (extended) {
            double m = extMoves.get(best);
            return new WorstCase(loss, "extended", best, 0, m < 0 ? "left" : "right", m);
        }
        double m = DeribitPmScenarios.standardMove(g, best);
        String side = m < 0 ? "left" : m > 0 ? "right" : "center";
        return new WorstCase(loss, "standard", best, best / DeribitPmScenarios.VOL_SCENARIOS + 1, side, m);
    }

    /** Half-up rounding to 1e-9, of the decimal form of the double. */
    static double round(double x) {
        return BigDecimal.valueOf(x).setScale(ROUNDING_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }
}
