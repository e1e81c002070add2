package io.marginscope.margin;

import io.marginscope.risk.RiskMethod;
import io.marginscope.stress.StressScenario;

import java.util.List;
import java.util.Map;

/**
 * A margin policy (FORMATS.md section 6): how maintenance margin is set. Every block is optional;
 * an absent block (null) contributes nothing.
 * MM = max(base, stress, floor) + liquidity + concentration; IM = MM * imToMm.
 *
 * @param name          preset or file name
 * @param source        where every number comes from
 * @param base          the risk-based component, or null
 * @param stress        the stress component, or null
 * @param tiers         maintenance brackets per asset (and "default"), or empty
 * @param liquidity     the liquidity add-on, or null
 * @param concentration the concentration add-on, or null
 * @param haircuts      collateral haircuts, or null (no haircut)
 * @param imToMm        IM / MM
 * @param thresholds    margin-ratio thresholds of the warning and liquidation zones
 * @param exchange      an exchange's own margin model (deribit-pm, deribit-standard, binance-tiered), or null
 * @param counterparty  counterparty credit terms (tier multipliers, wrong-way collateral), or null
 */
public record Policy(String name, String source, Base base, Stress stress, Map<String, List<Tier>> tiers,
                     Liquidity liquidity, Concentration concentration, Haircuts haircuts, double imToMm,
                     Thresholds thresholds, Exchange exchange, Counterparty counterparty) {

    public Policy {
        tiers = Map.copyOf(tiers);
    }

    /** A policy without counterparty terms. */
    public Policy(String name, String source, Base base, Stress stress, Map<String, List<Tier>> tiers,
                  Liquidity liquidity, Concentration concentration, Haircuts haircuts, double imToMm,
                  Thresholds thresholds, Exchange exchange) {
        this(name, source, base, stress, tiers, liquidity, concentration, haircuts, imToMm, thresholds, exchange,
                null);
    }

    /**
     * Counterparty credit risk (FORMATS.md section 6, {@code counterparty}).
     *
     * @param tiers            multiplier of max(base, stress) per tier name (upper case); empty for none
     * @param tier             the default tier of an account that names none; null when there are no tiers
     * @param wrongWay         measure each collateral asset's haircut in the book's tail too
     * @param specificWrongWay per collateral asset (upper case), a flat extra haircut in [0, 1]
     */
    public record Counterparty(Map<String, Double> tiers, String tier, boolean wrongWay,
                               Map<String, Double> specificWrongWay) {
        public Counterparty {
            tiers = Map.copyOf(tiers);
            specificWrongWay = Map.copyOf(specificWrongWay);
            if (tier != null && !tiers.containsKey(tier)) {
                throw new IllegalArgumentException("default tier " + tier + " is not one of the tiers " + tiers.keySet());
            }
        }

        /**
         * The multiplier of an account's tier (its own, else the default); 1 without tiers.
         *
         * @throws IllegalArgumentException when the account names a tier the policy does not list
         */
        public double multiplier(String accountTier) {
            String t = effectiveTier(accountTier);
            if (t == null || tiers.isEmpty()) {
                return 1.0;
            }
            Double m = tiers.get(t);
            if (m == null) {
                throw new IllegalArgumentException("counterparty tier '" + t + "' is not one of the policy's tiers "
                        + new java.util.TreeSet<>(tiers.keySet()));
            }
            return m;
        }

        /** The account's own tier when it names one, else the default (null without tiers). */
        public String effectiveTier(String accountTier) {
            return accountTier != null ? accountTier : tier;
        }
    }

    /** What the base component measures. */
    public enum Measure { ES, VAR }

    /**
     * multiplier * measure of the book at confidence over horizonDays by the method and vol model.
     *
     * @param windowDays history window of the historical methods and estimated vols
     * @param studentDof Monte Carlo Student-t degrees of freedom, 0 for normal
     * @param apc        anti-procyclicality tools, or null
     */
    public record Base(Measure measure, double confidence, int horizonDays, RiskMethod method, String volModel,
                       double multiplier, int windowDays, double studentDof, Apc apc) {

        public Base withConfidence(double c) {
            return new Base(measure, c, horizonDays, method, volModel, multiplier, windowDays, studentDof, apc);
        }

        public Base withHorizon(int h) {
            return new Base(measure, confidence, h, method, volModel, multiplier, windowDays, studentDof, apc);
        }

        public Base withMethod(RiskMethod m) {
            return new Base(measure, confidence, horizonDays, m, volModel, multiplier, windowDays, studentDof, apc);
        }

        public Base withVolModel(String v) {
            return new Base(measure, confidence, horizonDays, method, v, multiplier, windowDays, studentDof, apc);
        }
    }

    /**
     * EMIR RTS 153/2013 art. 28 tools; a zero field is off.
     *
     * @param buffer             margin buffer (0.25 = 25%) released when the market is stressed
     * @param stressedWeight     weight of the stressed-period measure (>= 0.25 when on)
     * @param lookbackFloorYears floor at the measure over this many years of history
     */
    public record Apc(double buffer, double stressedWeight, double lookbackFloorYears) {
    }

    /**
     * The policy's scenario sets; the stress component is the worst weighted loss over all of them.
     *
     * @param episodes  library episodes by id or name, as the policy names them
     * @param custom    scenario files, as the policy names them
     * @param scenarios the episodes then the custom files, read by {@code io} when the policy was read: the
     *                  stress component runs these and never reads a file, so one policy value gives one margin
     */
    public record Stress(Span span, Grid grid, List<String> episodes, List<String> custom,
                         List<StressScenario> scenarios) {
        public Stress {
            episodes = List.copyOf(episodes);
            custom = List.copyOf(custom);
            scenarios = List.copyOf(scenarios);
            if (scenarios.size() != episodes.size() + custom.size()) {
                throw new IllegalArgumentException("the stress block's " + (episodes.size() + custom.size())
                        + " episodes and files are resolved to " + scenarios.size() + " scenarios");
            }
        }
    }

    /** SPAN-style arrays: scan ranges per asset (and "default") as fractions of spot. */
    public record Span(Map<String, Double> priceScanRange, double volScanRange, double extremeMultiple,
                       double extremeCover) {
        public Span {
            priceScanRange = Map.copyOf(priceScanRange);
        }
    }

    /** A Deribit-style grid of price moves times vol shocks. */
    public record Grid(Map<String, Double> priceRange, int priceSteps, double volUp, double volDown) {
        public Grid {
            priceRange = Map.copyOf(priceRange);
        }
    }

    /** One maintenance bracket: from notionalFloor USD, rate on notional less amount USD. */
    public record Tier(double notionalFloor, double rate, double amount) {
    }

    /**
     * @param model       "orderbook" (walk the snapshot's book, square-root impact where it has none) or "sqrt"
     * @param sqrtImpactK k of the square-root impact model: cost = k * sigma_daily * sqrt(N / ADV) * N
     */
    public record Liquidity(String model, double sqrtImpactK) {
    }

    /** Add-on rate * notional * (share / threshold - 1) for a position whose notional / ADV share is above threshold. */
    public record Concentration(double advShareThreshold, double rate) {
    }

    /** h = max(floor[asset], z(confidence) * vol * sqrt(horizonDays / daysPerYear)). */
    public record Haircuts(double confidence, int horizonDays, Map<String, Double> floor) {
        public Haircuts {
            floor = Map.copyOf(floor);
        }
    }

    /**
     * An exchange's margin model, computed by {@code margin.exchange} with the parameters the policy
     * gives (the published ones when it names only the model): its maintenance margin is the
     * component {@code exchange}; its initial margin, when the model has one, is a floor under IM.
     */
    public record Exchange(String model, io.marginscope.margin.exchange.ExchangeParameters parameters) {
        public Exchange {
            java.util.Objects.requireNonNull(parameters, "parameters");
            if (!parameters.model().equals(model)) {
                throw new IllegalArgumentException("parameters of " + parameters.model() + " for model " + model);
            }
        }

        /** The model with its published parameters. */
        public Exchange(String model) {
            this(model, io.marginscope.margin.exchange.ExchangeParameters.defaults(model));
        }
    }

    /** Margin-ratio levels: warning from, liquidation from (the warning level below the liquidation level). */
    public record Thresholds(double warning, double liquidation) {
        public Thresholds {
            if (!(warning < liquidation)) {
                throw new IllegalArgumentException("the warning level " + warning
                        + " must be below the liquidation level " + liquidation);
            }
        }
    }

    /** A copy with another base block. */
    public Policy withBase(Base b) {
        return new Policy(name, source, b, stress, tiers, liquidity, concentration, haircuts, imToMm, thresholds,
                exchange, counterparty);
    }

    /** A copy with other counterparty terms (null: none). */
    public Policy withCounterparty(Counterparty c) {
        return new Policy(name, source, base, stress, tiers, liquidity, concentration, haircuts, imToMm, thresholds,
                exchange, c);
    }

    /** The tiers of an asset, else the default tiers, else none. */
    public List<Tier> tiersFor(String asset) {
        List<Tier> t = tiers.get(asset);
        return t != null ? t : tiers.getOrDefault("default", List.of());
    }

    static double perAsset(Map<String, Double> m, String asset) {
        Double v = m.get(asset);
        return v != null ? v : m.getOrDefault("default", Double.NaN);
    }
}
