package io.marginscope.feed;

import java.time.Duration;

/**
 * A source of market ticks: {@link SimulatedFeed} (offline, the default), {@link ReplayFeed} (a
 * price history at a chosen speed) and {@link DeribitFeed} (Deribit's public WebSocket API).
 * Ticks go to the listeners on the feed's own thread (see {@link FeedListener}).
 *
 * <p>Life cycle: {@code NEW -> start() -> RUNNING <-> PAUSED -> FINISHED | STOPPED}; a network
 * feed also passes through CONNECTING and RECONNECTING. {@link #stop()} may be called at any time
 * and more than once; a stopped feed is not restarted (build a new one).
 */
public interface MarketFeed extends AutoCloseable {

    /** A short description for logs and reports, e.g. "simulated (seed 42)". */
    String description();

    /** Adds a listener; add them before {@link #start()} to miss nothing. */
    void addListener(FeedListener listener);

    void removeListener(FeedListener listener);

    /** Starts delivering ticks on the feed's own thread; returns at once. */
    void start();

    /** Stops the feed and releases its thread and connection; returns at once. */
    void stop();

    /**
     * Holds ticks back. A paced feed stops generating (its clock stops); a live feed keeps its
     * connection and keeps only the latest quote per asset, delivered on {@link #resume()}.
     */
    void pause();

    void resume();

    FeedState state();

    /** Waits until the feed is FINISHED or STOPPED; true when it is. */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
