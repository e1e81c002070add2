package io.marginscope.feed;

import io.marginscope.margin.MarginResult.Zone;

import java.time.Instant;

/**
 * The margin ratio crossed one of the policy's thresholds: the zone changed.
 *
 * @param instant     the feed instant of the market where it changed
 * @param from        the zone before
 * @param to          the zone now
 * @param marginRatio the ratio now (NaN when the adjusted equity is not positive)
 * @param threshold   the threshold crossed last on the way: the liquidation threshold when LIQUIDATION
 *                    is entered or left, else the warning threshold
 * @param full        whether the crossing was seen at a full recompute (else at a cheap tick update)
 */
public record MarginAlert(Instant instant, Zone from, Zone to, double marginRatio, double threshold, boolean full) {

    /** True when the book moved toward liquidation. */
    public boolean worsening() {
        return to.ordinal() > from.ordinal();
    }
}
