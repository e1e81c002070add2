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
 */
public record MarginResult(String policy, double equity, double adjustedEquity, double maintenanceMargin,
                           double initialMargin, double marginRatio, double freeMargin,
                           MarginComponents components, Map<String, Double> haircuts, Zone zone,
                           List<String> warnings, Counterparty counterparty) {

    public MarginResult {
        java.util.Objects.requireNonNull(components, "components");
        haircuts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(haircuts));
        warnings = List.copyOf(warnings);
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

    /** Where the margin ratio stands against the policy's thresholds. */
    public enum Zone { OK, WARNING, LIQUIDATION }

    /** Adjusted equity minus MM: what the book can lose before liquidation, USD. */
    public double excessOverMaintenance() {
        return adjustedEquity - maintenanceMargin;
    }
}
