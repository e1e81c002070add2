package io.marginscope.feed;

import io.marginscope.margin.MarginResult;

/**
 * Receives a live session's updates. Tick updates come on the feed's thread, full recomputes on the
 * recompute thread; calls never overlap (they are made under the session's lock, in order). Keep
 * them short and do not call back into blocking methods: a GUI hands them to its own thread
 * (coalescing to one refresh per frame).
 */
public interface LiveMarginListener {

    /** New gauges: after each tick update and after each installed full recompute. */
    void onUpdate(LiveState state);

    /** The zone changed (called before the {@link #onUpdate} of the same state). */
    default void onAlert(MarginAlert alert) {
    }

    /** A full recompute finished; {@code result} is the margin at the market it was run on. */
    default void onFullRecompute(MarginResult result, LiveState state) {
    }

    /** A tick or a full recompute failed (the session keeps its last good state and goes on). */
    default void onError(Throwable error) {
    }
}
