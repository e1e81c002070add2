package io.marginscope.margin;

import java.util.List;
import java.util.Map;

/**
 * A book's margin under one policy.
 *
 * @param policy             the policy's name
 * @param equity             mark-to-market equity, USD
 * @param adjustedEquity     equity with collateral at value * (1 - haircut), USD: what margin is compared with
 * @param maintenanceMargin  MM = max(base, stress, floor) + liquidity + concentration (+ exchange blocks), USD
 * @param initialMargin      IM = MM * imToMm, USD
 * @param marginRatio        MM / adjusted equity; NaN when the adjusted equity is not positive
 * @param freeMargin         adjusted equity - IM, USD
 * @param components         the terms of MM, each named ({@link MarginComponents}), USD
 * @param haircuts           per collateral asset, the haircut fraction applied
 * @param zone               OK, WARNING or LIQUIDATION by the policy's thresholds
 * @param warnings           what was skipped or approximated
 * @param counterparty       the counterparty terms applied, or null when the policy has none
 * @param notCovered         what the policy's exchange block could not margin, each "position id: reason"
 *                           (a contract without a table, a notional past the last tier, an instrument
 *                           the model has no rule for); when not empty, MM, IM, the margin ratio and the
 *                           free margin are NaN (not computed) and the zone is {@link Zone#NOT_COVERED}
 */
public record MarginResult(String policy, double equity, double adjustedEquity, double maintenanceMargin,
                           double initialMargin, double marginRatio, double freeMargin,
                           MarginComponents components, Map<String, Double> haircuts, Zone zone,
                           List<String> warnings, Counterparty counterparty, List<String> notCovered) {

    public MarginResult {
        java.util.Objects.requireNonNull(components, "components");
        haircuts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(haircuts));
        warnings = List.copyOf(warnings);
        notCovered = List.copyOf(notCovered);
    }

    /** A result that covers the whole book. */
    public MarginResult(String policy, double equity, double adjustedEquity, double maintenanceMargin,
                        double initialMargin, double marginRatio, double freeMargin,
                        MarginComponents components, Map<String, Double> haircuts, Zone zone,
                        List<String> warnings, Counterparty counterparty) {
        this(policy, equity, adjustedEquity, maintenanceMargin, initialMargin, marginRatio, freeMargin, components,
                haircuts, zone, warnings, counterparty, List.of());
    }

    /** Whether the policy margined every position (no {@link #notCovered()} entry). */
    public boolean covered() {
        return notCovered.isEmpty();
    }

    /** A result without counterparty terms. */
    public MarginResult(String policy, double equity, double adjustedEquity, double maintenanceMargin,
                        double initialMargin, double marginRatio, double freeMargin,
                        MarginComponents components, Map<String, Double> haircuts, Zone zone,
                        List<String> warnings) {
        this(policy, equity, adjustedEquity, maintenanceMargin, initialMargin, marginRatio, freeMargin, components,
                haircuts, zone, warnings, null);
    }

    /**
     * What the policy's {@code counterparty} block did (components {@code counterparty}, {@code wrongWay}
     * and {@code specificWrongWay} hold the USD amounts).
     *
     * @param tier             the account's tier (its own, else the policy's default), null without tiers
     * @param multiplier       the tier's multiplier of max(base, stress), 1 without tiers
     * @param tailHaircuts     per collateral asset, its loss over the book's tail scenarios as a fraction of
     *                         its value (empty unless wrongWay)
     * @param specificHaircuts per collateral asset, the specific wrong-way extra haircut applied
     */
    public record Counterparty(String tier, double multiplier, Map<String, Double> tailHaircuts,
                               Map<String, Double> specificHaircuts) {
        public Counterparty {
            tailHaircuts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tailHaircuts));
            specificHaircuts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(specificHaircuts));
        }
    }

    /**
     * Where the margin ratio stands against the policy's thresholds; NOT_COVERED when the policy
     * cannot margin part of the book, so that there is no ratio to place.
     */
    public enum Zone { OK, WARNING, LIQUIDATION, NOT_COVERED }

    /** Adjusted equity minus MM: what the book can lose before liquidation, USD. */
    public double excessOverMaintenance() {
        return adjustedEquity - maintenanceMargin;
    }
}
