package io.marginscope.margin;

import io.marginscope.model.Loaded;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.margin.exchange.MarginBreakdown;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Risk-adjusted maintenance margin of a book under a policy (docs/methodology.md, "Margin policies"):
 * MM = max(base, stress, floor) + liquidity + concentration (+ the counterparty terms: the tier's extra on
 * max(base, stress), wrong-way and specific wrong-way collateral), IM = MM * imToMm, collateral at
 * value * (1 - haircut). {@link #prepare} fixes what does not move with spot (the risk factors and
 * the scenario set), so {@link Prepared#at} can be called many times cheaply: for a liquidation price
 * search, a spot ladder or a live feed.
 */
public final class MarginCalculator {

    /** Monte Carlo settings of a run (the policy sets the method; the analyst sets the sample). */
    public record Settings(int scenarios, long seed) {
        public static Settings defaults() {
            return new Settings(10_000, 42L);
        }
    }

    private final RiskEngine engine;

    public MarginCalculator() {
        this(new RiskEngine());
    }

    public MarginCalculator(RiskEngine engine) {
        this.engine = engine;
    }

    /** A policy applied to a book whose risk factors are fixed; evaluate at any market. */
    public final class Prepared {
        private final Portfolio book;
        private final Policy policy;
        private final RiskParameters params;
        private final RiskFactors factors;
        /** The APC stressed and lookback measures as multiples of the base measure at prepare time. */
        private final double apcStressed;
        private final double apcFloor;
        private final StressComponent stress;
        private final List<String> warnings;
        private final RiskParameters tailParams;
        private final RiskFactors tailFactors;

        private Prepared(Portfolio book, Policy policy, RiskParameters params, RiskFactors factors,
                         double apcStressed, double apcFloor, StressComponent stress, List<String> warnings,
                         RiskParameters tailParams, RiskFactors tailFactors) {
            this.tailParams = tailParams;
            this.tailFactors = tailFactors;
            this.stress = stress;
            this.book = book;
            this.policy = policy;
            this.params = params;
            this.factors = factors;
            this.apcStressed = apcStressed;
            this.apcFloor = apcFloor;
            this.warnings = warnings;
        }

        public Policy policy() {
            return policy;
        }

        public Portfolio book() {
            return book;
        }

        /**
         * The margin at a market (spot and vols may differ from the one prepared with). The base's risk
         * run skips the per-position attribution, which the margin does not use.
         */
        public MarginResult at(MarketSnapshot market) {
            return evaluateFull(this, market, false).margin();
        }

        /** As {@link #at}, with the base component's full risk result (attribution included). */
        public Evaluated evaluated(MarketSnapshot market) {
            return evaluateFull(this, market, true);
        }
    }

    /** A margin result with the risk run behind its base component (null without a base block). */
    public record Evaluated(MarginResult margin, RiskResult risk) {
    }

    public Prepared prepare(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                            Settings settings) {
        List<String> warnings = new ArrayList<>();
        RiskParameters params = null;
        RiskFactors factors = null;
        double stressed = Double.NaN;
        double floor10 = Double.NaN;
        Policy.Base b = policy.base();
        if (b != null) {
            params = RiskParameters.builder().confidence(b.confidence()).horizonDays(b.horizonDays()).method(b.method())
                    .volModel(b.volModel()).windowDays(b.windowDays()).scenarios(settings.scenarios())
                    .seed(settings.seed()).studentDof(b.studentDof()).build();
            boolean needsHistory = b.method().needsHistory() || !b.volModel().equals("snapshot");
            if (needsHistory && history == null) {
                throw new IllegalArgumentException("policy " + policy.name() + ": its base (" + b.method().cliName()
                        + ", vol model " + b.volModel() + ") needs a price history (--history)");
            }
            factors = FactorModel.build(book, market, history, params);
            warnings.addAll(factors.warnings());
            if (b.apc() != null) {
                if (history == null) {
                    warnings.add("policy " + policy.name() + ": the anti-procyclicality tools need a price "
                            + "history; not applied");
                } else {
                    Apc.Levels levels = Apc.levels(book, market, history, params, b, warnings);
                    // kept relative to the base measure at this market, so that the levels move with
                    // the book's current risk (a spot move scales them as it scales the base)
                    var now = engine.computeTotals(book, market, factors, params, RiskProgress.NONE);
                    double measure = b.measure() == Policy.Measure.ES ? now.es() : now.var();
                    stressed = measure > 0 ? levels.stressed() / measure : Double.NaN;
                    floor10 = measure > 0 ? levels.lookbackFloor() / measure : Double.NaN;
                }
            }
        }
        StressComponent stress = policy.stress() == null ? null : StressComponent.of(policy.stress(), book, market);
        RiskParameters tailParams = params;
        RiskFactors tailFactors = factors;
        Policy.Counterparty cp = policy.counterparty();
        if (cp != null) {
            cp.multiplier(book.tier()); // an account tier the policy does not list is an error up front
            if (cp.wrongWay() && params == null) {
                // no base block: the tail is measured at the haircuts' confidence and horizon (else 99%, 2 days)
                Policy.Haircuts h = policy.haircuts();
                RiskParameters.Builder tail = RiskParameters.builder().method(io.marginscope.risk.RiskMethod.MONTECARLO)
                        .scenarios(settings.scenarios()).seed(settings.seed());
                if (h != null) {
                    tail.confidence(h.confidence()).horizonDays(h.horizonDays());
                }
                tailParams = tail.build();
                tailFactors = FactorModel.build(book, market, null, tailParams);
                warnings.add("policy " + policy.name() + ": no base block; the wrong-way tail is measured by Monte Carlo"
                        + " at " + tailParams.confidence() + " over " + tailParams.horizonDays() + " days");
            }
        }
        return new Prepared(book, policy, params, factors, stressed, floor10, stress, warnings, tailParams,
                tailFactors);
    }

    private Evaluated evaluateFull(Prepared p, MarketSnapshot market, boolean attribution) {
        Policy policy = p.policy;
        List<String> warnings = new ArrayList<>(p.warnings);
        PortfolioValuation valuation = PortfolioValuation.of(p.book, market);
        if (!valuation.complete()) {
            throw new IllegalArgumentException("unvalued positions: " + String.join("; ", valuation.errors()));
        }
        MarginComponents.ApcSteps apcSteps = null;
        Map<String, Double> exchangeTerms = new LinkedHashMap<>();
        double base = 0;
        RiskResult risk = null;
        if (policy.base() != null) {
            risk = attribution ? engine.compute(p.book, market, p.factors, p.params, RiskProgress.NONE)
                    : engine.computeTotals(p.book, market, p.factors, p.params, RiskProgress.NONE);
            double measure = policy.base().measure() == Policy.Measure.ES ? risk.es() : risk.var();
            base = Math.max(0, policy.base().multiplier() * measure);
            if (policy.base().apc() != null && !Double.isNaN(p.apcStressed)) {
                Apc.Applied applied = Apc.apply(base, policy.base().apc(), base * p.apcStressed, base * p.apcFloor);
                base = applied.base();
                apcSteps = applied.steps();
            }
        }
        double stress = p.stress == null ? 0 : p.stress.worstLoss(p.book, market, warnings);
        double floor = floor(policy, valuation, market);
        double liquidity = AddOns.liquidity(policy.liquidity(), valuation, market, warnings);
        double concentration = AddOns.concentration(policy.concentration(), valuation, market, warnings);
        double exchange = 0;
        double exchangeIm = Double.NaN;
        if (policy.exchange() != null) {
            MarginBreakdown b = policy.exchange().parameters().compute(p.book, market);
            b.warnings().forEach(w -> warnings.add(policy.exchange().model() + ": " + w));
            b.errors().forEach(e -> warnings.add(policy.exchange().model() + ": not margined: " + e));
            exchange = b.maintenanceUsd();
            exchangeIm = b.initialUsd();
            exchangeTerms.putAll(b.componentsUsd());
        }
        Map<String, Double> haircuts = new LinkedHashMap<>();
        double haircut = haircuts(policy.haircuts(), valuation, market, haircuts);

        double counterparty = 0;
        double wrongWay = 0;
        double specific = 0;
        MarginResult.Counterparty terms = null;
        Policy.Counterparty cp = policy.counterparty();
        if (cp != null) {
            double multiplier = cp.multiplier(p.book.tier());
            counterparty = (multiplier - 1) * Math.max(Math.max(base, exchange), stress);
            Map<String, Double> values = WrongWay.collateralValues(valuation);
            Map<String, Double> tail = new LinkedHashMap<>();
            Map<String, Double> wrongWayUsed = new LinkedHashMap<>();
            if (cp.wrongWay() && !values.isEmpty()) {
                double[][] pnl = engine.positionPnls(p.book, market, p.tailFactors, p.tailParams);
                WrongWay.tailPnl(p.book.positions(), pnl, p.tailParams.confidence()).forEach((asset, meanPnl) -> {
                    double value = values.get(asset);
                    if (value > 0) {
                        tail.put(asset, -meanPnl / value);
                    }
                });
            }
            Map<String, Double> specificUsed = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : values.entrySet()) {
                String asset = e.getKey();
                double value = e.getValue();
                if (!(value > 0)) {
                    continue;
                }
                double ordinary = haircuts.getOrDefault(asset, 0.0);
                double ww = tail.containsKey(asset) ? Math.max(0, Math.min(1, tail.get(asset)) - ordinary) : 0;
                wrongWay += value * ww;
                double extra = Policy.perAsset(cp.specificWrongWay(), asset);
                if (!Double.isNaN(extra)) {
                    double used = Math.max(0, Math.min(extra, 1 - ordinary - ww));
                    specificUsed.put(asset, used);
                    specific += value * used;
                }
            }
            terms = new MarginResult.Counterparty(cp.effectiveTier(p.book.tier()), multiplier, tail, specificUsed);
        }
        // left to right, as before the counterparty terms (which add 0 without a counterparty block)
        double mm = Math.max(Math.max(base, exchange), Math.max(stress, floor)) + liquidity + concentration
                + counterparty + wrongWay + specific;

        double equity = valuation.equity();
        double adjusted = equity - haircut;
        double im = Double.isFinite(exchangeIm) ? Math.max(mm * policy.imToMm(), exchangeIm + liquidity
                + concentration + counterparty + wrongWay + specific)
                : mm * policy.imToMm();
        double ratio = adjusted > 0 ? mm / adjusted : Double.NaN;

        MarginComponents components = new MarginComponents(base, apcSteps,
                policy.exchange() != null ? exchange : Double.NaN, exchangeTerms, stress, floor, liquidity,
                concentration, haircut, cp != null ? new MarginComponents.CounterpartyTerms(counterparty, wrongWay,
                specific) : null);
        MarginResult.Zone zone = zone(mm, adjusted, policy.thresholds());
        MarginResult r = new MarginResult(policy.name(), equity, adjusted, mm, im, ratio, adjusted - im, components,
                haircuts, zone, warnings, terms);
        return new Evaluated(r, risk);
    }

    /**
     * The zone of a book with maintenance margin {@code mm} against {@code adjustedEquity}: by the
     * margin ratio mm / adjustedEquity against the thresholds; when the adjusted equity is not
     * positive, LIQUIDATION if any margin is due or the equity is negative, else OK.
     */
    public static MarginResult.Zone zone(double mm, double adjustedEquity, Policy.Thresholds thresholds) {
        double ratio = adjustedEquity > 0 ? mm / adjustedEquity : Double.NaN;
        if (Double.isNaN(ratio)) {
            return mm > 0 || adjustedEquity < 0 ? MarginResult.Zone.LIQUIDATION : MarginResult.Zone.OK;
        } else if (ratio >= thresholds.liquidation()) {
            return MarginResult.Zone.LIQUIDATION;
        } else if (ratio >= thresholds.warning()) {
            return MarginResult.Zone.WARNING;
        }
        return MarginResult.Zone.OK;
    }

    /**
     * Sum over PERP and FUTURE positions of notional * rate - amount of the bracket the notional
     * (|quantity| * spot at this market) falls in.
     */
    static double floor(Policy policy, PortfolioValuation valuation, MarketSnapshot market) {
        double total = 0;
        for (PositionValuation v : valuation.positions()) {
            Position pos = v.position();
            if (!pos.type().isFutureLike()) {
                continue;
            }
            List<Policy.Tier> tiers = policy.tiersFor(pos.underlying());
            if (tiers.isEmpty()) {
                continue;
            }
            double notional = Math.abs(pos.quantity()) * market.asset(pos.underlying()).spot();
            Policy.Tier bracket = tiers.get(0);
            for (Policy.Tier t : tiers) {
                if (notional >= t.notionalFloor()) {
                    bracket = t;
                }
            }
            total += Math.max(0, notional * bracket.rate() - bracket.amount());
        }
        return total;
    }

    /** Haircut in USD of the positive collateral balances; fills the fraction used per asset. */
    static double haircuts(Policy.Haircuts h, PortfolioValuation valuation, MarketSnapshot market,
                           Map<String, Double> used) {
        if (h == null) {
            return 0;
        }
        double z = new NormalDistribution().inverseCumulativeProbability(h.confidence());
        double total = 0;
        for (PositionValuation v : valuation.positions()) {
            Position pos = v.position();
            if (pos.type() != InstrumentType.SPOT || pos.quantity() <= 0) {
                continue;
            }
            AssetMarket a = market.asset(pos.underlying());
            double floor = Policy.perAsset(h.floor(), pos.underlying());
            double statistical = z * a.vol() * Math.sqrt(h.horizonDays() / market.daysPerYear());
            double fraction = Math.min(1.0, Math.max(Double.isNaN(floor) ? 0 : floor, statistical));
            used.put(pos.underlying(), fraction);
            total += v.value() * fraction;
        }
        return total;
    }
}
