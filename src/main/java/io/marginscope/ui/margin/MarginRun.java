package io.marginscope.ui.margin;

import io.marginscope.analysis.PositionMargins;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;

import java.util.Map;

/**
 * A finished margin run: its inputs, the engine's margin at today's market, the liquidation
 * price of each underlying, and the prepared calculation (for spot ladders on the FX side's
 * background services; it is immutable once prepared), and each position's incremental margin and
 * share of the base measure (null when the run was cancelled before them).
 */
public record MarginRun(MarginRequest request, MarginResult margin, Map<String, LiquidationPrice> liquidation,
                        MarginCalculator.Prepared prepared, long elapsedMillis, PositionMargins.Result positions) {

    public MarginRun {
        liquidation = Map.copyOf(liquidation);
    }
}
