package io.marginscope.feed;

import io.marginscope.margin.MarginResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a whole live session did, in bounded memory, for its summary: the margin-ratio path thinned to
 * at most {@code pathPoints} points over the whole session (when full, every other point is dropped
 * and only every second update after that is kept, and so on), the peak ratio, every zone change
 * (up to {@link #MAX_ZONE_CHANGES}, then counted) and the first instant the adjusted equity was
 * gone. Register it on a {@link LiveMargin}; thread-safe.
 */
public final class SessionRecorder implements LiveMarginListener {

    public static final int MAX_ZONE_CHANGES = 10_000;

    private final int pathPoints;
    private final List<MarginTimeline.Point> path = new ArrayList<>();
    private final List<MarginAlert> zoneChanges = new ArrayList<>();
    private long zoneChangesDropped;
    private long stride = 1;
    private long seen;
    private LiveState first;
    private LiveState last;
    private double peakRatio = Double.NaN;
    private Instant peakAt;
    private Instant equityGoneAt;
    private long errors;

    public SessionRecorder(int pathPoints) {
        if (pathPoints < 2) {
            throw new IllegalArgumentException("a path needs at least 2 points");
        }
        this.pathPoints = pathPoints;
    }

    @Override
    public synchronized void onUpdate(LiveState s) {
        if (first == null) {
            first = s;
        }
        last = s;
        if (Double.isFinite(s.marginRatio())) {
            if (Double.isNaN(peakRatio) || s.marginRatio() > peakRatio) {
                peakRatio = s.marginRatio();
                peakAt = s.instant();
            }
        } else if (equityGoneAt == null && s.adjustedEquity() <= 0) {
            equityGoneAt = s.instant();
        }
        if (seen++ % stride == 0) {
            path.add(new MarginTimeline.Point(s.instant(), s.equity(), s.maintenanceMargin(), s.marginRatio(), s.zone(),
                    s.full()));
            if (path.size() >= pathPoints) {
                List<MarginTimeline.Point> kept = new ArrayList<>(path.size() / 2 + 1);
                for (int i = 0; i < path.size(); i += 2) {
                    kept.add(path.get(i));
                }
                path.clear();
                path.addAll(kept);
                stride *= 2;
            }
        }
    }

    @Override
    public synchronized void onAlert(MarginAlert alert) {
        if (zoneChanges.size() < MAX_ZONE_CHANGES) {
            zoneChanges.add(alert);
        } else {
            zoneChangesDropped++;
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        errors++;
    }

    /** The path so far plus the last state (so the end is always on it). */
    public synchronized List<MarginTimeline.Point> path() {
        List<MarginTimeline.Point> out = new ArrayList<>(path);
        if (last != null && (out.isEmpty() || !samePoint(out.getLast(), last))) {
            out.add(new MarginTimeline.Point(last.instant(), last.equity(), last.maintenanceMargin(),
                    last.marginRatio(), last.zone(), last.full()));
        }
        return out;
    }

    private static boolean samePoint(MarginTimeline.Point p, LiveState s) {
        return p.instant().equals(s.instant()) && p.maintenanceMargin() == s.maintenanceMargin()
                && p.equity() == s.equity();
    }

    public synchronized List<MarginAlert> zoneChanges() {
        return List.copyOf(zoneChanges);
    }

    public synchronized long zoneChangesDropped() {
        return zoneChangesDropped;
    }

    /** The highest finite margin ratio seen, NaN when none. */
    public synchronized double peakRatio() {
        return peakRatio;
    }

    public synchronized Instant peakAt() {
        return peakAt;
    }

    /** The first instant the adjusted equity was zero or negative (the ratio undefined), or null. */
    public synchronized Instant equityGoneAt() {
        return equityGoneAt;
    }

    /** The worst zone reached. */
    public synchronized MarginResult.Zone worstZone() {
        MarginResult.Zone worst = first == null ? MarginResult.Zone.OK : first.zone();
        for (MarginAlert a : zoneChanges) {
            if (a.to().ordinal() > worst.ordinal()) {
                worst = a.to();
            }
        }
        return worst;
    }

    public synchronized long errors() {
        return errors;
    }
}
