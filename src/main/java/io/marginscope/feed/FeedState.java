package io.marginscope.feed;

/** Where a market feed stands. */
public enum FeedState {
    /** Built, not started. */
    NEW,
    /** Opening its connection (a network feed). */
    CONNECTING,
    /** Delivering ticks. */
    RUNNING,
    /** Started, holding its ticks back until resumed. */
    PAUSED,
    /** Connection lost; a new attempt is scheduled. */
    RECONNECTING,
    /** Came to the end of its data (a replay window, a tick budget). */
    FINISHED,
    /** Stopped by its owner. */
    STOPPED;

    /** True once the feed will deliver nothing more. */
    public boolean terminal() {
        return this == FINISHED || this == STOPPED;
    }
}
