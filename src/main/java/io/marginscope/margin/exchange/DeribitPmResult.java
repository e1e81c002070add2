package io.marginscope.margin.exchange;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deribit's risk matrix of one currency, with the fields of {@code private/pme/simulate}: coin
 * amounts unless the name ends in Usd.
 *
 * @param currency            settlement currency
 * @param indexPrice          index price, USD
 * @param initialRiskVectors  P&L of each position in each scenario ({@code initial_risk_vectors}), by name
 * @param preAggregated       their sum ({@code pre_aggregated_risk_vectors})
 * @param aggregated          after gains offsets and the extended fraction and dampener
 *                            ({@code aggregated_risk_vectors})
 * @param worstCase           the worst aggregated scenario
 * @param rollShock           roll shock add-on
 * @param deltaShock          delta shock add-on
 * @param netDelta            net delta in coins (futures sizes + options' BS delta - mark in coin)
 * @param riskMatrixMargin    worst case (rounded to 1e-9) + roll shock + delta shock
 * @param maintenanceMargin   mmFactor * riskMatrixMargin
 * @param initialMargin       riskMatrixMargin rounded to 1e-9 (no open orders, MMP or spot margin)
 * @param warnings            approximations that affected this currency
 */
public record DeribitPmResult(String currency, double indexPrice, Map<String, RiskVector> initialRiskVectors,
                              RiskVector preAggregated, RiskVector aggregated, WorstCase worstCase,
                              double rollShock, double deltaShock, double netDelta, double riskMatrixMargin,
                              double maintenanceMargin, double initialMargin, List<String> warnings) {

    /**
     * P&L per scenario, coin.
     *
     * @param standard one entry per standard scenario, order of {@link DeribitPmScenarios}
     * @param extended one entry per extended move
     */
    public record RiskVector(double[] standard, double[] extended) {
        public RiskVector {
            standard = standard.clone();
            extended = extended.clone();
        }

        @Override
        public double[] standard() {
            return standard.clone();
        }

        @Override
        public double[] extended() {
            return extended.clone();
        }

        public double standard(int i) {
            return standard[i];
        }

        public double extended(int i) {
            return extended[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RiskVector r && Arrays.equals(standard, r.standard)
                    && Arrays.equals(extended, r.extended);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(standard) + Arrays.hashCode(extended);
        }

        @Override
        public String toString() {
            return "RiskVector[standard=" + Arrays.toString(standard) + ", extended=" + Arrays.toString(extended) + "]";
        }
    }

    /**
     * The worst scenario, as Deribit's {@code worst_case} and {@code worst_case_bucket}.
     *
     * @param loss      max(0, -worst aggregated P&L), coin, unrounded
     * @param source    "standard" or "extended"
     * @param index     entry of that vector
     * @param bucket    1-based price bucket of a standard entry (1 = largest fall); 0 for extended
     * @param side      "left" (fall), "right" (rise) or "center" (no move)
     * @param priceMove the scenario's price move, fraction
     */
    public record WorstCase(double loss, String source, int index, int bucket, String side, double priceMove) {
    }

    public DeribitPmResult {
        initialRiskVectors = Collections.unmodifiableMap(new LinkedHashMap<>(initialRiskVectors));
        warnings = List.copyOf(warnings);
    }

    public double maintenanceMarginUsd() {
        return maintenanceMargin * indexPrice;
    }

    public double initialMarginUsd() {
        return initialMargin * indexPrice;
    }
}
