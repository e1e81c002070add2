package io.marginscope.ui.risk;

import io.marginscope.risk.Correlations;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.RiskResult;
import io.marginscope.ui.control.PnlBins;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A finished risk run: its inputs, the engine's result, how long it took, the P&L histogram
 * bins of a simulation (null for parametric), the date of the last daily return the run could
 * use from the price history (null without one), and the book's correlation matrix without the
 * analyst's correlation overrides ({@code base}) and with them ({@code used}, the matrix of the
 * result's factors, repaired when not positive semi-definite).
 */
public record RiskRun(RiskRequest request, RiskResult result, long elapsedMillis, PnlBins bins,
                      LocalDate lastReturn, Correlations.BookCorrelation base, Correlations.BookCorrelation used) {

    /** The result of each position by id. */
    public Map<String, PositionRisk> byPosition() {
        Map<String, PositionRisk> out = new HashMap<>();
        for (PositionRisk p : result.positions()) {
            out.put(p.id(), p);
        }
        return out;
    }
}
