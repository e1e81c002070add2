package io.marginscope.store;

import java.time.Instant;

/**
 * One observation of a live session: equity, maintenance margin and margin ratio at a time (USD;
 * ratio = MM / adjusted equity, NaN when the adjusted equity is not positive).
 */
public record TimelinePoint(Instant time, double equity, double maintenanceMargin, double marginRatio) {
    public TimelinePoint {
        if (time == null) {
            throw new IllegalArgumentException("a timeline point needs a time");
        }
    }
}
