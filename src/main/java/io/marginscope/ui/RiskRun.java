package io.marginscope.ui;

import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.RiskResult;
import io.marginscope.ui.control.PnlBins;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * A finished risk run: its inputs, the engine's result, how long it took, the P&L histogram
 * bins of a simulation (null for parametric), and the date of the last daily return the run
 * could use from the price history (null without one).
 */
public record RiskRun(RiskRequest request, RiskResult result, long elapsedMillis, PnlBins bins,
                      LocalDate lastReturn) {

    /** The result of each position by id. */
    public Map<String, PositionRisk> byPosition() {
        Map<String, PositionRisk> out = new HashMap<>();
        for (PositionRisk p : result.positions()) {
            out.put(p.id(), p);
        }
        return out;
    }
}
