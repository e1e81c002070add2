package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmBook.Future;
import io.marginscope.margin.exchange.DeribitPmBook.Option;
import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;
import io.marginscope.margin.exchange.DeribitPmResult.WorstCase;
import io.marginscope.pricing.Black76;
import io.marginscope.pricing.BlackInputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deribit's portfolio-margin risk matrix for the USDC-settled (LINEAR) positions of one underlying,
 * in USD: the scenarios, aggregation, worst case and add-ons of {@link DeribitPortfolioMargin}
 * with every P&L in USD instead of coin.
 *
 * <p>With S the index, m a price move, n the signed size in coins and sigma' a shocked vol
 * ({@link DeribitPmScenarios}):
 * <ul>
 *   <li><b>Futures and perpetuals</b> marked at P (S for a perpetual, the forward for a dated
 *       future): P&L = n P m USD; in the extended table the move is clamped to +-priceRange, as
 *       Deribit's documentation example shows for inverse futures.</li>
 *   <li><b>Options</b>: P&L = n (B76(F (1+m), K, T, sigma') - B76(F, K, T, sigma)) USD.</li>
 *   <li><b>Aggregation</b>: a standard-table loss in full, a gain g as min(pnlOffset g,
 *       maxOffsetablePnl); extended: gains 0, a loss L as max(0, f L - dampener) with
 *       f = tableFactor * priceRange / |m|.</li>
 *   <li><b>Roll shock</b> = minAnnualisedMove * sum |n| over futures * S; <b>delta shock</b> with
 *       D = sum n (futures) + sum n * BS delta (options; a USDC option's premium carries no coin
 *       exposure, so no "- mark" term as for inverse options): 0 while |D| S is at most the
 *       threshold, else |D| min(maxDeltaShock, mInc |D|) S.</li>
 *   <li><b>Risk matrix margin</b> = round(worst case, 1e-9) + roll shock + delta shock;
 *       MM = mmFactor * it; IM = round(it, 1e-9).</li>
 * </ul>
 * These are the published inverse rules restated in USD. Deribit publishes no USDC-settled example,
 * so none of this is reproduced against Deribit output (docs/exchange-margin.md).
 */
public final class DeribitPmLinear {

    private DeribitPmLinear() {
    }

    /**
     * The risk matrix of one underlying's USDC-settled positions.
     *
     * @param book positions of one underlying: {@code currency} = the underlying, futures with their
     *             size in coins (the quantity) and mark, options as for an inverse book
     * @param p    parameters whose {@code currency} is the underlying (see {@link DeribitPmLinearParameters})
     */
    public static DeribitPmLinearResult simulate(DeribitPmBook book, DeribitPmParameters p) {
        if (!book.currency().equals(p.currency())) {
            throw new IllegalArgumentException("parameters for " + p.currency() + " applied to a " + book.currency()
                    + " book");
        }
        DeribitPmParameters.Grid g = p.grid();
        int nStd = DeribitPmScenarios.standardSize(g);
        List<Double> extMoves = DeribitPmScenarios.extendedMoves(p);
        int nExt = extMoves.size();
        double s = book.indexPrice();

        DeribitPmScenarios.Valuation usd = new DeribitPmScenarios.Valuation() {
            @Override
            public double futurePnl(Future f, double move) {
                return futurePnlUsd(f, move);
            }

            @Override
            public double optionValue(Option o, double move, double vol) {
                return optionValueUsd(o, move, vol);
            }

            @Override
            public double optionDelta(Option o, double v0) {
                return DeribitPortfolioMargin.spotDelta(o, s);
            }
        };
        DeribitPmScenarios.Vectors v = DeribitPmScenarios.riskVectors(book, p, extMoves, usd);
        Map<String, RiskVector> vectors = v.byHolding();
        double[] preStd = v.std();
        double[] preExt = v.ext();
        double sumAbsFutures = v.sumAbsFutures();
        double netDelta = v.netDelta();

        double[] aggStd = new double[nStd];
        for (int i = 0; i < nStd; i++) {
            aggStd[i] = preStd[i] < 0 ? preStd[i]
                    : Math.min(p.offsets().pnlOffset() * preStd[i], p.offsets().maxOffsetablePnlUsd());
        }
        double[] aggExt = new double[nExt];
        for (int e = 0; e < nExt; e++) {
            double loss = Math.max(0.0, -preExt[e]);
            double counted = DeribitPmScenarios.extendedFraction(p, extMoves.get(e)) * loss
                    - p.extended().dampenerUsd();
            aggExt[e] = counted > 0 ? -counted : 0.0;
        }

        WorstCase worst = DeribitPortfolioMargin.worstCase(g, aggStd, aggExt, extMoves);
        List<String> warnings = new ArrayList<>();
        double rollShock = p.addOns().minAnnualisedMove() * sumAbsFutures * s;
        double deltaShock = DeribitPortfolioMargin.deltaShock(p.addOns(), netDelta, s) * s;
        if (deltaShock > 0) {
            warnings.add("USDC." + book.currency() + ": delta shock " + deltaShock + " USD uses an unpublished"
                    + " formula reading (|D| min(maxDeltaShock, mInc |D|) above the threshold); not verified"
                    + " against Deribit");
        }
        if ("extended".equals(worst.source()) && worst.loss() > 0) {
            warnings.add("USDC." + book.currency() + ": the worst case is the extended-table move "
                    + worst.priceMove() + ", counted at tableFactor * priceRange / |move| of its loss minus the"
                    + " dampener; that fraction is an assumption (Deribit publishes only \"a fraction\")");
        }
        double rmm = DeribitPortfolioMargin.round(worst.loss()) + rollShock + deltaShock;
        double mm = p.mmFactor() * rmm;
        double im = DeribitPortfolioMargin.round(rmm);
        return new DeribitPmLinearResult(book.currency(), s, vectors, new RiskVector(preStd, preExt),
                new RiskVector(aggStd, aggExt), worst, rollShock, deltaShock, netDelta, rmm, mm, im, warnings);
    }

    /** n P m: a linear contract of n coins marked at P when the price moves by m. */
    static double futurePnlUsd(Future f, double move) {
        return f.sizeCoins() * f.markPrice() * move;
    }

    /** Black-76 USD value per coin on the moved forward. */
    static double optionValueUsd(Option o, double move, double vol) {
        return Black76.price(o.right(), new BlackInputs(o.forward() * (1.0 + move), o.strike(), o.years(), vol,
                o.rate()));
    }
}
