package io.marginscope.ui;

import io.marginscope.model.Loaded;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.feed.Backoff;
import io.marginscope.feed.DeribitConfig;
import io.marginscope.feed.DeribitFeed;
import io.marginscope.feed.HistoryReplay;
import io.marginscope.feed.LiveMargin;
import io.marginscope.feed.LiveMarginListener;
import io.marginscope.feed.LiveState;
import io.marginscope.feed.MarginAlert;
import io.marginscope.feed.MarketFeed;
import io.marginscope.feed.ReplayFeed;
import io.marginscope.feed.SimulatedFeed;
import io.marginscope.feed.SimulationSpec;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.risk.PriceHistory;
import io.marginscope.store.TimelinePoint;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One live session of the workstation, without JavaFX: the book's margin under the {@code ramm}
 * policy ({@link MarginCalculator#prepare}) moved by a feed through {@link LiveMargin}. The feed's
 * and the recompute's threads only leave the latest state, the alerts and the ratio points here;
 * the {@link LivePanel} takes them on the FX thread a few times a second.
 */
final class LiveSession implements LiveMarginListener {

    /** The scheduled crash of {@link LiveSource#SIMULATED_CRASH}: every asset 15% down at each of these updates. */
    static final long[] CRASH_AT = {40, 80, 120, 160};
    static final double CRASH_SIZE = -0.15;

    /** What to run. */
    record Config(LiveSource source, LoadedBook book, LoadedHistory history, Path historyPath, LocalDate from,
                  LocalDate to, double speed, URI endpoint, int scenarios, long seed) { }

    /** A margin-ratio observation for the chart. */
    record Point(long update, double ratio) { }

    private final MarketFeed feed;
    private final LiveMargin live;
    private final AtomicReference<LiveState> latest = new AtomicReference<>();
    private final ConcurrentLinkedQueue<MarginAlert> alerts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private LiveSession(MarketFeed feed, LiveMargin live) {
        this.feed = feed;
        this.live = live;
    }

    /** Prepares the policy on the book (seconds for a large book: call off the FX thread) and starts the feed. */
    static LiveSession start(Config c) throws Exception {
        Policy policy = PolicyPresets.load(SessionInputs.POLICY);
        MarketSnapshot market = c.book().market();
        Loaded<PriceHistory> policyHistory = c.history() == null ? null : c.history().history();
        MarginCalculator.Prepared prepared = new MarginCalculator().prepare(c.book().book(), market, policyHistory,
                policy, new MarginCalculator.Settings(c.scenarios(), c.seed()));
        LiveMargin.PriceMode mode = c.source() == LiveSource.REPLAY ? LiveMargin.PriceMode.RELATIVE
                : LiveMargin.PriceMode.ABSOLUTE;
        LiveMargin live = new LiveMargin(prepared, market, LiveMargin.Options.defaults().withPrices(mode));
        MarketFeed feed = feed(c, moving(c));
        LiveSession s = new LiveSession(feed, live);
        live.addListener(s);
        feed.addListener(live);
        s.latest.set(live.state());
        feed.start();
        return s;
    }

    private static List<String> moving(Config c) {
        List<String> out = new ArrayList<>();
        for (String u : c.book().book().underlyings()) {
            if (c.book().market().asset(u).vol() > 0) {
                out.add(u);
            }
        }
        return out;
    }

    private static MarketFeed feed(Config c, List<String> moving) throws Exception {
        MarketSnapshot m = c.book().market();
        return switch (c.source()) {
            case SIMULATED, SIMULATED_CRASH -> {
                List<SimulationSpec.ScheduledJump> jumps = new ArrayList<>();
                if (c.source() == LiveSource.SIMULATED_CRASH) {
                    for (long at : CRASH_AT) {
                        jumps.add(new SimulationSpec.ScheduledJump(at, null, CRASH_SIZE));
                    }
                }
                SimulationSpec spec = SimulationSpec.fromSnapshot(m, SimulationSpec.DEFAULT_STEP,
                        SimulationSpec.DEFAULT_STRESS_MULTIPLE, SimulationSpec.DEFAULT_REGIME,
                        c.source() == LiveSource.SIMULATED_CRASH ? SimulationSpec.Jumps.none() : SimulationSpec.DEFAULT_JUMPS,
                        jumps, c.seed());
                yield new SimulatedFeed(spec, c.speed(), 0);
            }
            case REPLAY -> {
                PriceHistory h;
                if (c.history() != null) {
                    h = c.history().history().value();
                } else if (c.historyPath() != null) {
                    h = PriceHistoryFiles.read(c.historyPath()).value();
                } else {
                    throw new IllegalArgumentException("a replay needs a price history: open one (File > Open Price "
                            + "History…) or give its folder");
                }
                List<String> assets = moving.stream().filter(h::has).toList();
                if (assets.isEmpty()) {
                    throw new IllegalArgumentException("the history holds none of the book's underlyings " + moving);
                }
                yield new ReplayFeed(new HistoryReplay(h, assets, c.from(), c.to(), 24, c.seed()), c.speed(), 0);
            }
            case DERIBIT -> {
                DeribitConfig d = DeribitConfig.forAssets(moving).withBackoff(Backoff.defaults());
                if (c.endpoint() != null) {
                    d = d.withEndpoint(c.endpoint());
                }
                yield new DeribitFeed(d);
            }
        };
    }

    @Override
    public void onUpdate(LiveState state) {
        latest.set(state);
        points.add(new Point(state.tickCount(), state.marginRatio()));
    }

    @Override
    public void onAlert(MarginAlert alert) {
        alerts.add(alert);
    }

    @Override
    public void onError(Throwable error) {
        errors.add(error);
    }

    LiveState latest() {
        return latest.get();
    }

    /** The points since the last call. */
    List<Point> drainPoints() {
        List<Point> out = new ArrayList<>();
        for (Point p; (p = points.poll()) != null; ) {
            out.add(p);
        }
        return out;
    }

    List<MarginAlert> drainAlerts() {
        List<MarginAlert> out = new ArrayList<>();
        for (MarginAlert a; (a = alerts.poll()) != null; ) {
            out.add(a);
        }
        return out;
    }

    Throwable pollError() {
        return errors.poll();
    }

    MarketFeed feed() {
        return feed;
    }

    Policy.Thresholds thresholds() {
        return live.policy().thresholds();
    }

    String description() {
        return feed.description();
    }

    void pause() {
        feed.pause();
    }

    void resume() {
        feed.resume();
    }

    /** Stops the feed and the recompute thread; returns the timeline as observed (blocks briefly: off the FX thread). */
    List<TimelinePoint> stop() {
        feed.stop();
        try {
            feed.awaitTermination(java.time.Duration.ofSeconds(5));
            live.awaitIdle(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<TimelinePoint> out = new ArrayList<>();
        for (var p : live.timeline()) {
            out.add(new TimelinePoint(p.instant(), p.equity(), p.maintenanceMargin(), p.marginRatio()));
        }
        live.close();
        return out;
    }
}
