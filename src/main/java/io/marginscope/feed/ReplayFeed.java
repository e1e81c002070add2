package io.marginscope.feed;

import java.util.List;

/**
 * A price history replayed at a chosen pace ({@link HistoryReplay}: the closes of a window of days,
 * one update per day or a Brownian bridge of several per day).
 */
public final class ReplayFeed extends PacedFeed {

    private final HistoryReplay replay;

    /**
     * @param updatesPerSecond wall-clock pace; 0 for as fast as possible
     * @param maxUpdates       finish after this many updates; 0 for the whole window
     */
    public ReplayFeed(HistoryReplay replay, double updatesPerSecond, long maxUpdates) {
        super("replay " + String.join(",", replay.assets()) + " " + replay.from() + ".." + replay.to()
                + (replay.stepsPerDay() > 1 ? " (bridge, " + replay.stepsPerDay() + " steps a day)" : " (daily closes)"),
                updatesPerSecond, maxUpdates);
        this.replay = replay;
    }

    @Override
    protected List<Tick> nextUpdate() {
        return replay.next();
    }

    public HistoryReplay replay() {
        return replay;
    }
}
