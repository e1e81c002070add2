package io.marginscope.feed;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.model.AssetMarket;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.VolSurface;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine side of the live margin gauges: a book, its {@link MarginCalculator.Prepared} policy
 * and the current market, moved by a feed's ticks (register it with {@link MarketFeed#addListener}).
 *
 * <p>Two speeds (docs/live.md):
 * <ul>
 *   <li><b>Tick update</b>, on the feed's thread, at once: the ticks are applied to the market
 *       (spots; a vol moves the asset's vol and shifts its implied smiles in parallel; the clock
 *       advances by the feed time elapsed since the first tick), the book is revalued
 *       ({@link PortfolioValuation}), the haircuts of the last full recompute are applied to the
 *       collateral at its new value, and the margin ratio is the MM of the last full recompute
 *       over this adjusted equity.</li>
 *   <li><b>Full recompute</b> ({@link MarginCalculator.Prepared#at}: base, stress, floor, add-ons,
 *       haircuts, with the scenario set kept by the prepared calculator's engine), in the background
 *       on one thread, coalesced: at most one runs, and a tick arriving meanwhile only replaces the
 *       pending market (latest inputs win). Its MM replaces the held one.</li>
 * </ul>
 * In {@link Recompute#EVERY_TICK} mode the full recompute runs on the feed thread for every update
 * instead (deterministic; for replays and tests).
 *
 * <p>It keeps a bounded {@link MarginTimeline} of the updates and tells its listeners when the zone
 * changes ({@link MarginAlert}). Thread-safe; no JavaFX: a GUI listens and renders on its own thread.
 */
public final class LiveMargin implements FeedListener, AutoCloseable {

    /** How a tick's price moves the book's market. */
    public enum PriceMode {
        /** The tick's price is the new spot (a live feed of today's market). */
        ABSOLUTE,
        /**
         * The spot moves by the tick's price relative to the first price of that asset in the session:
         * spot = start spot * price / first price (a replay of another period on today's book).
         */
        RELATIVE
    }

    /** When MM is recomputed in full. */
    public enum Recompute {
        /** In the background, at most one at a time, latest market wins (the default). */
        COALESCED,
        /** On every update, on the feed's thread. */
        EVERY_TICK
    }

    /** @param timelineCapacity points kept by the timeline */
    public record Options(PriceMode prices, Recompute recompute, int timelineCapacity) {
        public Options {
            Objects.requireNonNull(prices, "prices");
            Objects.requireNonNull(recompute, "recompute");
            if (timelineCapacity < 1) {
                throw new IllegalArgumentException("timeline capacity must be >= 1");
            }
        }

        /** Absolute prices, coalesced recomputes, 4096 timeline points. */
        public static Options defaults() {
            return new Options(PriceMode.ABSOLUTE, Recompute.COALESCED, 4096);
        }

        public Options withPrices(PriceMode p) {
            return new Options(p, recompute, timelineCapacity);
        }

        public Options withRecompute(Recompute r) {
            return new Options(prices, r, timelineCapacity);
        }

        public Options withTimelineCapacity(int c) {
            return new Options(prices, recompute, c);
        }
    }

    /**
     * Counters and timings of the session.
     *
     * @param updates        updates applied
     * @param ignoredQuotes  ticks of assets the market does not hold
     * @param failedUpdates  updates that could not be applied (logged, the state kept)
     * @param fullRecomputes full recomputes installed (the one at the start included)
     * @param fullFailures   full recomputes that failed
     * @param tickUpdate     time of the tick update (apply, revalue, ratio, timeline), not listeners
     * @param fullRecompute  time of the background full recomputes
     */
    public record Stats(long updates, long ignoredQuotes, long failedUpdates, long fullRecomputes, long fullFailures,
                        LatencyStats.Summary tickUpdate, LatencyStats.Summary fullRecompute) {
    }

    /** Floor of an implied vol after a parallel shift, as in the scenario revaluation. */
    static final double MIN_IMPLIED_VOL = 0.01;
    /** Zone changes kept for {@link #alerts()}. */
    static final int ALERTS_KEPT = 256;

    private static final System.Logger LOG = System.getLogger("io.marginscope.feed");

    private record Pending(MarketSnapshot market, Instant instant) {
    }

    private final MarginCalculator.Prepared prepared;
    private final Portfolio book;
    private final Policy.Thresholds thresholds;
    private final MarketSnapshot start;
    private final Options options;
    private final List<LiveMarginListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ExecutorService recomputer;
    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final Object idle = new Object();
    private int outstanding;

    // guarded by lock
    private final MarginTimeline timeline;
    private final ArrayDeque<MarginAlert> alerts = new ArrayDeque<>();
    private final LatencyStats tickStats = LatencyStats.fine();
    private final LatencyStats fullStats = LatencyStats.coarse();
    private final Map<String, Double> firstPrice = new HashMap<>();
    private Instant firstTick;
    private MarketSnapshot market;
    private PortfolioValuation valuation;
    private MarginResult lastFull;
    private Instant marginAsOf;
    private LiveState state;
    private long updates;
    private long ignored;
    private long failed;
    private long fullCount;
    private long fullFailures;

    /**
     * Computes the margin at {@code start} in full (on the calling thread: build it off a GUI
     * thread) and waits for ticks.
     *
     * @param prepared the book under its policy, prepared at {@code start} (or a market like it)
     */
    public LiveMargin(MarginCalculator.Prepared prepared, MarketSnapshot start, Options options) {
        this.prepared = Objects.requireNonNull(prepared, "prepared");
        this.book = prepared.book();
        this.thresholds = prepared.policy().thresholds();
        this.start = Objects.requireNonNull(start, "start");
        this.options = Objects.requireNonNull(options, "options");
        this.timeline = new MarginTimeline(options.timelineCapacity());
        long t0 = System.nanoTime();
        this.lastFull = prepared.at(start);
        fullStats.record(System.nanoTime() - t0);
        fullCount = 1;
        this.market = start;
        this.marginAsOf = start.asOf();
        this.valuation = PortfolioValuation.of(book, start);
        this.state = new LiveState(start.asOf(), lastFull.equity(), lastFull.adjustedEquity(),
                lastFull.maintenanceMargin(), lastFull.initialMargin(), lastFull.marginRatio(), lastFull.zone(), true,
                start.asOf(), 0);
        this.recomputer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "live-margin-recompute");
            t.setDaemon(true);
            return t;
        });
    }

    public void addListener(LiveMarginListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(LiveMarginListener l) {
        listeners.remove(l);
    }

    public Options options() {
        return options;
    }

    public Policy policy() {
        return prepared.policy();
    }

    public Portfolio book() {
        return book;
    }

    @Override
    public void onTick(Tick tick) {
        onTicks(List.of(tick));
    }

    /** Applies one update (the ticks of one instant) and revalues once. */
    @Override
    public void onTicks(List<Tick> ticks) {
        Pending request = null;
        lock.lock();
        try {
            long t0 = System.nanoTime();
            Instant at = latest(ticks);
            MarketSnapshot next = apply(ticks, at);
            if (next == null) {
                return;
            }
            market = next;
            updates++;
            Instant shown = state.tickCount() == 0 || at.isAfter(state.instant()) ? at : state.instant();
            LiveState s = revalue(shown, false);
            if (options.recompute() == Recompute.EVERY_TICK) {
                tickStats.record(System.nanoTime() - t0);
                runFull(new Pending(next, shown), true);
                return;
            }
            timeline.add(s);
            tickStats.record(System.nanoTime() - t0);
            publish(s, null);
            request = new Pending(next, shown);
        } catch (RuntimeException e) {
            failed++;
            LOG.log(System.Logger.Level.WARNING, "live margin: an update failed", e);
            for (LiveMarginListener l : listeners) {
                l.onError(e);
            }
        } finally {
            lock.unlock();
        }
        if (request != null) {
            requestFull(request);
        }
    }

    private static Instant latest(List<Tick> ticks) {
        Instant at = null;
        for (Tick t : ticks) {
            if (at == null || t.instant().isAfter(at)) {
                at = t.instant();
            }
        }
        return at;
    }

    /** The market after the ticks, or null when none of them is for an asset of the market. */
    private MarketSnapshot apply(List<Tick> ticks, Instant at) {
        Map<String, AssetMarket> assets = null;
        Map<String, VolSurface> surfaces = null;
        for (Tick t : ticks) {
            AssetMarket a = (assets != null ? assets : market.assets()).get(t.asset());
            if (a == null) {
                ignored++;
                continue;
            }
            if (assets == null) {
                assets = new LinkedHashMap<>(market.assets());
            }
            double spot = t.indexPrice();
            if (options.prices() == PriceMode.RELATIVE) {
                double first = firstPrice.computeIfAbsent(t.asset(), k -> t.indexPrice());
                spot = start.asset(t.asset()).spot() * t.indexPrice() / first;
            }
            a = a.withSpot(spot);
            double vol = t.vol();
            if (!Double.isNaN(vol)) {
                double shift = vol - a.vol();
                a = a.withVol(vol);
                VolSurface surface = market.impliedVols().get(t.asset());
                if (surface != null && shift != 0) {
                    if (surfaces == null) {
                        surfaces = new HashMap<>(market.impliedVols());
                    }
                    VolSurface base = surfaces.get(t.asset());
                    surfaces.put(t.asset(), base.map(v -> Math.max(MIN_IMPLIED_VOL, v + shift)));
                }
            }
            assets.put(t.asset(), a);
        }
        if (assets == null) {
            return null;
        }
        if (firstTick == null) {
            firstTick = at;
        }
        Instant asOf = start.asOf().plus(Duration.between(firstTick, at));
        if (asOf.isBefore(market.asOf())) {
            asOf = market.asOf();
        }
        return new MarketSnapshot(asOf, market.daysPerYear(), assets,
                surfaces != null ? surfaces : market.impliedVols(), market.correlations(), market.orderBooks());
    }

    /** The gauges at the current market with the held MM and haircut fractions. */
    private LiveState revalue(Instant at, boolean full) {
        PortfolioValuation v = PortfolioValuation.of(book, market);
        if (!v.complete()) {
            throw new IllegalStateException("unvalued positions: " + String.join("; ", v.errors()));
        }
        valuation = v;
        return gauges(at, full);
    }

    private LiveState gauges(Instant at, boolean full) {
        double adjusted = valuation.equity() - haircut(valuation, lastFull.haircuts());
        double mm = lastFull.maintenanceMargin();
        double ratio = adjusted > 0 ? mm / adjusted : Double.NaN;
        return new LiveState(at, valuation.equity(), adjusted, mm, lastFull.initialMargin(), ratio,
                MarginCalculator.zone(mm, adjusted, thresholds), full, marginAsOf, updates);
    }

    /** Collateral (positive SPOT balances) at its value times the haircut fraction of its asset. */
    static double haircut(PortfolioValuation v, Map<String, Double> fractions) {
        if (fractions.isEmpty()) {
            return 0;
        }
        double total = 0;
        for (PositionValuation p : v.positions()) {
            if (p.position().type() == InstrumentType.SPOT && p.position().quantity() > 0 && p.ok()) {
                Double f = fractions.get(p.position().underlying());
                if (f != null) {
                    total += p.value() * f;
                }
            }
        }
        return total;
    }

    /** Under the lock: new state, timeline already updated, alert when the zone changed, listeners. */
    private void publish(LiveState s, MarginResult full) {
        MarginResult.Zone before = state.zone();
        state = s;
        MarginAlert alert = null;
        if (before != s.zone()) {
            boolean liq = before == MarginResult.Zone.LIQUIDATION || s.zone() == MarginResult.Zone.LIQUIDATION;
            alert = new MarginAlert(s.instant(), before, s.zone(), s.marginRatio(),
                    liq ? thresholds.liquidation() : thresholds.warning(), s.full());
            if (alerts.size() == ALERTS_KEPT) {
                alerts.removeFirst();
            }
            alerts.addLast(alert);
        }
        for (LiveMarginListener l : listeners) {
            try {
                if (alert != null) {
                    l.onAlert(alert);
                }
                if (full != null) {
                    l.onFullRecompute(full, s);
                }
                l.onUpdate(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "live margin: a listener failed", e);
            }
        }
    }

    private void requestFull(Pending p) {
        if (pending.getAndSet(p) != null) {
            return; // a recompute is already queued: it will take this newer market
        }
        synchronized (idle) {
            outstanding++;
        }
        try {
            recomputer.execute(() -> {
                try {
                    Pending latest = pending.getAndSet(null);
                    if (latest != null) {
                        runFull(latest, false);
                    }
                } finally {
                    synchronized (idle) {
                        outstanding--;
                        idle.notifyAll();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.set(null);
            synchronized (idle) {
                outstanding--;
                idle.notifyAll();
            }
        }
    }

    /**
     * A full recompute at p's market (off the lock unless inline), installed under the lock.
     *
     * @param inline true when called by the tick update itself (EVERY_TICK), whose state is p's
     */
    private void runFull(Pending p, boolean inline) {
        long t0 = System.nanoTime();
        MarginResult r;
        try {
            r = prepared.at(p.market());
        } catch (RuntimeException e) {
            lock.lock();
            try {
                fullFailures++;
                LOG.log(System.Logger.Level.WARNING, "live margin: a full recompute failed", e);
                for (LiveMarginListener l : listeners) {
                    l.onError(e);
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        long took = System.nanoTime() - t0;
        lock.lock();
        try {
            fullStats.record(took);
            fullCount++;
            lastFull = r;
            marginAsOf = p.instant();
            // the gauges of the current market (which may have moved on since p) with the new MM
            Instant at = inline || p.instant().isAfter(state.instant()) ? p.instant() : state.instant();
            LiveState s = gauges(at, market == p.market());
            timeline.add(s);
            publish(s, r);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no full recompute is running or queued; true when idle. For the end of a
     * headless session and for tests.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (outstanding > 0 || pending.get() != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** The current gauges. */
    public LiveState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** The current market (the start snapshot moved by the ticks). */
    public MarketSnapshot market() {
        lock.lock();
        try {
            return market;
        } finally {
            lock.unlock();
        }
    }

    /** The last full margin result (components, haircuts, warnings). */
    public MarginResult lastFullRecompute() {
        lock.lock();
        try {
            return lastFull;
        } finally {
            lock.unlock();
        }
    }

    /** The timeline's points, oldest first (a copy). */
    public List<MarginTimeline.Point> timeline() {
        lock.lock();
        try {
            return timeline.points();
        } finally {
            lock.unlock();
        }
    }

    /** Points ever added to the timeline (it holds at most its capacity). */
    public long timelineAppended() {
        lock.lock();
        try {
            return timeline.appended();
        } finally {
            lock.unlock();
        }
    }

    /** The last zone changes (at most 256), oldest first. */
    public List<MarginAlert> alerts() {
        lock.lock();
        try {
            return List.copyOf(alerts);
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(updates, ignored, failed, fullCount, fullFailures, tickStats.summary(),
                    fullStats.summary());
        } finally {
            lock.unlock();
        }
    }

    /** Stops the recompute thread; a recompute running is interrupted and not installed. */
    @Override
    public void close() {
        recomputer.shutdownNow();
        pending.set(null);
    }
}
