package io.marginscope.risk;

import java.util.List;

/**
 * VaR, ES and their attribution for one book, one market and one set of risk parameters.
 *
 * @param parameters the inputs
 * @param var        loss over the horizon at the confidence, USD (positive = loss)
 * @param es         expected shortfall, USD, >= var
 * @param factors    the vols and correlations used
 * @param positions  per position, in book order
 * @param pnl        simulated P&L per scenario (null for parametric)
 * @param scenarios  the scenario set used (null for parametric), reusable when only spot or vol change
 * @param moments    the parametric P&L moments (null for simulation methods)
 * @param warnings   fallbacks and repairs
 */
public record RiskResult(RiskParameters parameters, double var, double es, RiskFactors factors,
                         List<PositionRisk> positions, double[] pnl, ScenarioSet scenarios,
                         ParametricRisk.Measure moments, List<String> warnings) {

    public RiskResult {
        positions = List.copyOf(positions);
        warnings = List.copyOf(warnings);
    }

    public double componentEsSum() {
        return positions.stream().mapToDouble(PositionRisk::componentEs).sum();
    }
}
