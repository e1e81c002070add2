package io.marginscope.feed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A feed that generates its updates itself (a simulation, a replay) on its own daemon thread, at a
 * fixed pace in updates per second of wall time, or as fast as the listeners take them when the
 * pace is 0. Pausing stops the generator and its clock: after {@link #resume()} the pace restarts
 * from the resume instant (no burst of missed updates).
 */
public abstract class PacedFeed extends AbstractFeed {

    private final String name;
    private final double updatesPerSecond;
    private final long maxUpdates;
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private volatile boolean stopping;
    private volatile long delivered;
    private Thread thread;

    /**
     * @param name             thread name and description
     * @param updatesPerSecond pace in updates per second of wall time; 0 for as fast as possible
     * @param maxUpdates       stop (FINISHED) after this many updates; 0 for no limit
     */
    protected PacedFeed(String name, double updatesPerSecond, long maxUpdates) {
        if (!(updatesPerSecond >= 0) || Double.isInfinite(updatesPerSecond)) {
            throw new IllegalArgumentException("speed must be >= 0 updates per second, got " + updatesPerSecond);
        }
        if (maxUpdates < 0) {
            throw new IllegalArgumentException("maxUpdates must be >= 0");
        }
        this.name = name;
        this.updatesPerSecond = updatesPerSecond;
        this.maxUpdates = maxUpdates;
    }

    /** The next update (the ticks of one instant), or null when the data is exhausted. Feed thread only. */
    protected abstract List<Tick> nextUpdate();

    @Override
    public String description() {
        return name;
    }

    /** Updates delivered so far. */
    public long delivered() {
        return delivered;
    }

    @Override
    public synchronized void start() {
        if (state() != FeedState.NEW) {
            throw new IllegalStateException(name + " was already started");
        }
        moveTo(paused ? FeedState.PAUSED : FeedState.RUNNING, "");
        thread = new Thread(this::run, "feed-" + name.replaceAll("\\W+", "-"));
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            moveTo(FeedState.STOPPED, "stopped before start");
        } else {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void pause() {
        synchronized (pauseLock) {
            paused = true;
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
        if (state() == FeedState.RUNNING) {
            moveTo(FeedState.PAUSED, "");
        }
    }

    @Override
    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        if (state() == FeedState.PAUSED) {
            moveTo(FeedState.RUNNING, "");
        }
    }

    private void run() {
        long periodNanos = updatesPerSecond > 0 ? Math.round(1e9 / updatesPerSecond) : 0;
        long origin = System.nanoTime();
        long sinceOrigin = 0;
        List<Tick> update = null;
        try {
            while (!stopping) {
                if (paused) {
                    if (!awaitResume()) {
                        break;
                    }
                    origin = System.nanoTime();
                    sinceOrigin = 0;
                    continue;
                }
                if (update == null) {
                    if (maxUpdates > 0 && delivered >= maxUpdates) {
                        moveTo(FeedState.FINISHED, "delivered " + delivered + " updates");
                        return;
                    }
                    update = nextUpdate();
                    if (update == null) {
                        moveTo(FeedState.FINISHED, "end of data after " + delivered + " updates");
                        return;
                    }
                }
                if (periodNanos > 0) {
                    // the first update goes at once, then one per period from the origin
                    long due = origin + sinceOrigin * periodNanos;
                    long wait;
                    while (!stopping && !paused && (wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(this, wait);
                    }
                    if (stopping || paused) {
                        continue;
                    }
                }
                deliver(update);
                update = null;
                delivered++;
                sinceOrigin++;
            }
            moveTo(FeedState.STOPPED, "stopped after " + delivered + " updates");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, name + ": generator failed", e);
            moveTo(FeedState.STOPPED, "generator failed: " + e);
        }
    }

    /** Blocks while paused; false when stopped meanwhile. */
    private boolean awaitResume() {
        synchronized (pauseLock) {
            while (paused && !stopping) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopping;
    }

    /** The pace this feed was built with, updates per second (0: unpaced). */
    public double updatesPerSecond() {
        return updatesPerSecond;
    }

    /** Time one update takes at this pace, or zero when unpaced. */
    public Duration period() {
        return updatesPerSecond > 0 ? Duration.ofNanos(Math.round(1e9 / updatesPerSecond)) : Duration.ZERO;
    }
}
