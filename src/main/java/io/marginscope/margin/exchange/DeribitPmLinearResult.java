package io.marginscope.margin.exchange;

import io.marginscope.margin.exchange.DeribitPmResult.RiskVector;
import io.marginscope.margin.exchange.DeribitPmResult.WorstCase;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk matrix of the USDC-settled (LINEAR) positions of one underlying, every amount in USD
 * (USDC taken at par) except {@code netDelta}, in coins. Same layout as {@link DeribitPmResult}.
 *
 * @param underlying          the underlying (BTC, ETH, SOL)
 * @param indexPrice          index price, USD
 * @param initialRiskVectors  P&L of each position in each scenario, USD, by name
 * @param preAggregated       their sum, USD
 * @param aggregated          after gains offsets and the extended fraction and dampener, USD
 * @param worstCase           the worst aggregated scenario (loss in USD, unrounded)
 * @param rollShockUsd        roll shock add-on, USD
 * @param deltaShockUsd       delta shock add-on, USD
 * @param netDelta            net delta in coins (futures sizes + options' n * BS delta)
 * @param riskMatrixMarginUsd worst case (rounded to 1e-9) + roll shock + delta shock, USD
 * @param maintenanceMarginUsd mmFactor * riskMatrixMarginUsd
 * @param initialMarginUsd    riskMatrixMarginUsd rounded to 1e-9
 * @param warnings            approximations that affected this underlying
 */
public record DeribitPmLinearResult(String underlying, double indexPrice, Map<String, RiskVector> initialRiskVectors,
                                    RiskVector preAggregated, RiskVector aggregated, WorstCase worstCase,
                                    double rollShockUsd, double deltaShockUsd, double netDelta,
                                    double riskMatrixMarginUsd, double maintenanceMarginUsd, double initialMarginUsd,
                                    List<String> warnings) {

    public DeribitPmLinearResult {
        initialRiskVectors = Collections.unmodifiableMap(new LinkedHashMap<>(initialRiskVectors));
        warnings = List.copyOf(warnings);
    }
}
