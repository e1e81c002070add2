package io.marginscope.feed;

import java.util.List;

/**
 * Receives a feed's ticks and state changes. Called on the feed's own thread, one call at a time:
 * an implementation returns quickly and hands slow work (and anything for a GUI) to its own
 * executor. An exception thrown by a listener is logged and the feed goes on.
 */
@FunctionalInterface
public interface FeedListener {

    /** One quote. */
    void onTick(Tick tick);

    /**
     * The quotes of one update, all of one instant (a simulated step moves every asset at once).
     * Feeds always deliver through this method; the default hands each tick to {@link #onTick}.
     */
    default void onTicks(List<Tick> ticks) {
        for (Tick t : ticks) {
            onTick(t);
        }
    }

    /** The feed's state changed; {@code detail} says why (an error, a reconnect delay), may be empty. */
    default void onState(FeedState state, String detail) {
    }
}
