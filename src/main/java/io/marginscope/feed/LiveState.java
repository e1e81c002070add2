package io.marginscope.feed;

import io.marginscope.margin.MarginResult;

import java.time.Instant;

/**
 * The margin gauges at one moment of a live session.
 *
 * @param instant           the feed's instant of the last tick applied (the start snapshot's asOf before any)
 * @param equity            mark-to-market equity at the current market, USD
 * @param adjustedEquity    equity with collateral haircuts (the fractions of the last full recompute), USD
 * @param maintenanceMargin MM of the last full recompute, USD
 * @param initialMargin     IM of the last full recompute, USD
 * @param marginRatio       MM / adjusted equity; NaN when the adjusted equity is not positive
 * @param zone              by the policy's thresholds
 * @param full              true when MM was recomputed at exactly this market (the start, a full
 *                          recompute just installed, or every tick in exact mode), false when it is
 *                          held from an earlier market
 * @param marginAsOf        the feed instant of the market the MM was computed at
 * @param tickCount         updates applied so far
 */
public record LiveState(Instant instant, double equity, double adjustedEquity, double maintenanceMargin,
                        double initialMargin, double marginRatio, MarginResult.Zone zone, boolean full,
                        Instant marginAsOf, long tickCount) {

    /** Adjusted equity - MM: what the book can lose before liquidation, USD. */
    public double excessOverMaintenance() {
        return adjustedEquity - maintenanceMargin;
    }
}
