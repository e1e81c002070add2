package io.marginscope.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The simulated market: reproducible by seed, and its regimes, jumps and correlation as configured. */
@Timeout(120)
class SimulatedFeedTest {

    static final Instant T0 = Instant.parse("2024-11-20T08:00:00Z");

    static SimulationSpec spec(Duration step, SimulationSpec.Regime regime, SimulationSpec.Jumps jumps, long seed) {
        return new SimulationSpec(T0, step,
                List.of(new SimulationSpec.AssetSpec("BTC", 92_300, 0.55, 1.40),
                        new SimulationSpec.AssetSpec("ETH", 3_110, 0.68, 1.70)),
                new double[][] {{1, 0.8}, {0.8, 1}}, regime, jumps, List.of(), seed);
    }

    static SimulationSpec defaults(long seed) {
        return spec(Duration.ofMinutes(1), SimulationSpec.DEFAULT_REGIME, SimulationSpec.DEFAULT_JUMPS, seed);
    }

    static List<Tick> run(SimulatedMarket m, int steps) {
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.addAll(m.next());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameTicksAndAnotherSeedOthers() {
        List<Tick> a = run(new SimulatedMarket(defaults(42)), 2_000);
        List<Tick> b = run(new SimulatedMarket(defaults(42)), 2_000);
        List<Tick> c = run(new SimulatedMarket(defaults(43)), 2_000);
        assertThat(a).hasSize(4_000).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(a.get(0).instant()).isEqualTo(T0.plusSeconds(60));
        assertThat(a.get(3_999).instant()).isEqualTo(T0.plus(Duration.ofMinutes(2_000)));
        assertThat(a.get(0).asset()).isEqualTo("BTC");
        assertThat(a.get(1).asset()).isEqualTo("ETH");
    }

    @Test
    void theThreadedFeedDeliversTheGeneratorsTicks() throws Exception {
        List<Tick> got = new CopyOnWriteArrayList<>();
        SimulatedFeed feed = new SimulatedFeed(defaults(7), 0, 500);
        feed.addListener(got::add);
        feed.start();
        assertThat(feed.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(feed.state()).isEqualTo(FeedState.FINISHED);
        assertThat(got).isEqualTo(run(new SimulatedMarket(defaults(7)), 500));
    }

    @Test
    void stressedShareMatchesTheRegimeChain() {
        // calm 3 days, stressed 1 day on average: a quarter of the time stressed
        SimulationSpec s = spec(Duration.ofHours(1),
                new SimulationSpec.Regime(Duration.ofDays(3), Duration.ofDays(1), false), SimulationSpec.Jumps.none(), 5);
        SimulatedMarket m = new SimulatedMarket(s);
        int steps = 400_000;
        int switches = 0;
        boolean before = m.stressed();
        for (int i = 0; i < steps; i++) {
            List<Tick> t = m.next();
            boolean stressedStep = t.get(0).volIndex() == 1.40;
            assertThat(t.get(1).volIndex()).isEqualTo(stressedStep ? 1.70 : 0.68);
            if (m.stressed() != before) {
                switches++;
                before = m.stressed();
            }
        }
        assertThat((double) m.stressedSteps() / steps).isCloseTo(0.25, within(0.02));
        // one calm and one stressed spell every 4 days on average: about 2 switches per 96 steps
        double expectedSwitches = 2.0 * steps / 96;
        assertThat((double) switches).isCloseTo(expectedSwitches, within(0.08 * expectedSwitches));
    }

    @Test
    void volsPerRegimeAndCorrelationAreAsConfigured() {
        SimulationSpec s = spec(Duration.ofHours(1),
                new SimulationSpec.Regime(Duration.ofDays(2), Duration.ofDays(2), false), SimulationSpec.Jumps.none(), 11);
        SimulatedMarket m = new SimulatedMarket(s);
        double dt = s.stepYears();
        double[] prev = {92_300, 3_110};
        double sumCalm = 0;
        double sumStressed = 0;
        int nCalm = 0;
        int nStressed = 0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 200_000; i++) {
            List<Tick> t = m.next();
            double rb = Math.log(t.get(0).indexPrice() / prev[0]);
            double re = Math.log(t.get(1).indexPrice() / prev[1]);
            prev[0] = t.get(0).indexPrice();
            prev[1] = t.get(1).indexPrice();
            double vb = t.get(0).volIndex();
            double ve = t.get(1).volIndex();
            if (vb == 0.55) {
                sumCalm += rb * rb;
                nCalm++;
            } else {
                sumStressed += rb * rb;
                nStressed++;
            }
            double zb = (rb + 0.5 * vb * vb * dt) / (vb * Math.sqrt(dt));
            double ze = (re + 0.5 * ve * ve * dt) / (ve * Math.sqrt(dt));
            sxy += zb * ze;
            sxx += zb * zb;
            syy += ze * ze;
        }
        assertThat(Math.sqrt(sumCalm / nCalm / dt)).isCloseTo(0.55, within(0.55 * 0.02));
        assertThat(Math.sqrt(sumStressed / nStressed / dt)).isCloseTo(1.40, within(1.40 * 0.02));
        assertThat(sxy / Math.sqrt(sxx * syy)).isCloseTo(0.8, within(0.01));
    }

    @Test
    void poissonJumpsComeAtTheirRateWithTheirSize() {
        // 0.5 jumps a day of mean log size -0.10: about 2,083 jumps in 100,000 hourly steps
        SimulationSpec s = spec(Duration.ofHours(1), SimulationSpec.DEFAULT_REGIME,
                new SimulationSpec.Jumps(0.5, -0.10, 0.02), 3);
        SimulatedMarket m = new SimulatedMarket(s);
        int steps = 100_000;
        double sizes = 0;
        int single = 0;
        int jumpSteps = 0;
        for (int i = 0; i < steps; i++) {
            m.next();
            if (m.lastStepJumped()) {
                jumpSteps++;
                if (Math.abs(m.lastJumpLogSize()) < 0.2) {
                    sizes += m.lastJumpLogSize();
                    single++;
                }
            }
        }
        double expected = 0.5 / 24 * steps;
        assertThat((double) m.poissonJumps()).isCloseTo(expected, within(0.08 * expected));
        assertThat(jumpSteps).isLessThanOrEqualTo((int) m.poissonJumps());
        assertThat(sizes / single).isCloseTo(-0.10, within(0.003));
    }

    @Test
    void pricesStayMartingalesBetweenScheduledJumps() {
        // the compensator offsets the jumps' mean: E[S_T] = S_0 (checked over many seeds' paths)
        double sum = 0;
        int paths = 400;
        for (int p = 0; p < paths; p++) {
            SimulatedMarket m = new SimulatedMarket(spec(Duration.ofHours(6), SimulationSpec.DEFAULT_REGIME,
                    new SimulationSpec.Jumps(0.3, -0.05, 0.05), 1_000 + p));
            List<Tick> last = null;
            for (int i = 0; i < 120; i++) {
                last = m.next();
            }
            sum += last.get(0).indexPrice() / 92_300;
        }
        // 30 days at about 60-90% vol: the mean of 400 paths has a standard error near 0.01
        assertThat(sum / paths).isCloseTo(1.0, within(0.05));
    }

    @Test
    void aScheduledCrashTakesItsSizeOffAtItsStep() {
        SimulationSpec s = spec(Duration.ofMinutes(1), SimulationSpec.DEFAULT_REGIME, SimulationSpec.Jumps.none(), 9)
                .withScheduled(List.of(SimulationSpec.ScheduledJump.parse("-0.3@100"),
                        SimulationSpec.ScheduledJump.parse("ETH:-0.2@200")));
        SimulatedMarket m = new SimulatedMarket(s);
        List<List<Tick>> steps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            steps.add(m.next());
        }
        double btc = steps.get(99).get(0).indexPrice() / steps.get(98).get(0).indexPrice();
        double eth = steps.get(99).get(1).indexPrice() / steps.get(98).get(1).indexPrice();
        // one minute of diffusion is about 0.1% (0.3% stressed): the jump dominates
        assertThat(btc).isCloseTo(0.7, within(0.02));
        assertThat(eth).isCloseTo(0.7, within(0.02));
        double btc200 = steps.get(199).get(0).indexPrice() / steps.get(198).get(0).indexPrice();
        double eth200 = steps.get(199).get(1).indexPrice() / steps.get(198).get(1).indexPrice();
        assertThat(btc200).isCloseTo(1.0, within(0.02));
        assertThat(eth200).isCloseTo(0.8, within(0.02));
    }

    @Test
    void jumpSpecsParseAndBadOnesAreRejected() {
        assertThat(SimulationSpec.ScheduledJump.parse("-0.3@100"))
                .isEqualTo(new SimulationSpec.ScheduledJump(100, null, -0.3));
        assertThat(SimulationSpec.ScheduledJump.parse("ETH:-0.25@500"))
                .isEqualTo(new SimulationSpec.ScheduledJump(500, "ETH", -0.25));
        assertThatThrownBy(() -> SimulationSpec.ScheduledJump.parse("-0.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSpec.ScheduledJump.parse("-1.5@3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSpec.ScheduledJump.parse("x@3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults(1).withScheduled(List.of(SimulationSpec.ScheduledJump.parse("SOL:-0.1@3"))))
                .hasMessageContaining("SOL");
    }

    @Test
    void fromSnapshotLeavesStablecoinsOutAndKeepsTheSnapshotsCorrelation() throws Exception {
        var market = io.marginscope.io.SnapshotJson.read(java.nio.file.Path.of(System.getProperty("marginscope.projectDir",
                ".")).resolve("sample-portfolios/eth-perp-leveraged.market.json")).value();
        SimulationSpec s = SimulationSpec.fromSnapshot(market, Duration.ofSeconds(1), 2.5,
                SimulationSpec.DEFAULT_REGIME, SimulationSpec.DEFAULT_JUMPS, List.of(), 42);
        assertThat(s.assets()).extracting(SimulationSpec.AssetSpec::asset).containsExactly("BTC", "ETH", "SOL");
        assertThat(s.assets().get(0).stressedVol()).isCloseTo(0.55 * 2.5, within(1e-12));
        assertThat(s.correlation()[0][1]).isEqualTo(0.82);
        assertThat(s.start()).isEqualTo(market.asOf());
    }

    @Test
    void pacedFeedKeepsItsPaceAndPauseStopsIt() throws Exception {
        List<List<Tick>> got = new CopyOnWriteArrayList<>();
        SimulatedFeed feed = new SimulatedFeed(defaults(1), 100, 0);
        feed.addListener(new FeedListener() {
            @Override
            public void onTick(Tick tick) {
            }

            @Override
            public void onTicks(List<Tick> ticks) {
                got.add(ticks);
            }
        });
        long t0 = System.nanoTime();
        feed.start();
        Thread.sleep(500);
        feed.pause();
        Thread.sleep(50);
        int atPause = got.size();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertThat(atPause).isBetween(25, (int) (100 * elapsed) + 2);
        assertThat(feed.state()).isEqualTo(FeedState.PAUSED);
        Thread.sleep(300);
        assertThat(got).hasSize(atPause);
        feed.resume();
        Thread.sleep(200);
        assertThat(got.size()).isGreaterThan(atPause);
        feed.stop();
        assertThat(feed.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
        int atStop = got.size();
        Thread.sleep(100);
        assertThat(got).hasSize(atStop);
    }
}
