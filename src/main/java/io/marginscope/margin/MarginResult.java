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
 * @param components         base, stress, floor, liquidity, concentration, haircut (and exchange-specific ones), USD
 * @param haircuts           per collateral asset, the haircut fraction applied
 * @param zone               OK, WARNING or LIQUIDATION by the policy's thresholds
 * @param warnings           what was skipped or approximated
 */
public record MarginResult(String policy, double equity, double adjustedEquity, double maintenanceMargin,
                           double initialMargin, double marginRatio, double freeMargin,
                           Map<String, Double> components, Map<String, Double> haircuts, Zone zone,
                           List<String> warnings) {

    public MarginResult {
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
        haircuts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(haircuts));
        warnings = List.copyOf(warnings);
    }

    /** Where the margin ratio stands against the policy's thresholds. */
    public enum Zone { OK, WARNING, LIQUIDATION }

    /** Adjusted equity minus MM: what the book can lose before liquidation, USD. */
    public double excessOverMaintenance() {
        return adjustedEquity - maintenanceMargin;
    }
}
