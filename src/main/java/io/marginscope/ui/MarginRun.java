package io.marginscope.ui;

import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;

import java.util.Map;

/**
 * A finished margin run: its inputs, the engine's margin at today's market, the liquidation
 * price of each underlying, and the prepared calculation (for spot ladders on the FX side's
 * background services; it is immutable once prepared).
 */
public record MarginRun(MarginRequest request, MarginResult margin, Map<String, LiquidationPrice> liquidation,
                        MarginCalculator.Prepared prepared, long elapsedMillis) {

    public MarginRun {
        liquidation = Map.copyOf(liquidation);
    }
}
