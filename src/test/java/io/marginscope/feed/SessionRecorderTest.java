package io.marginscope.feed;

import io.marginscope.margin.MarginResult.Zone;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SessionRecorderTest {

    static final Instant T0 = Instant.parse("2024-11-20T08:00:00Z");

    static LiveState state(int i, double ratio, Zone zone) {
        double adjusted = Double.isNaN(ratio) ? -1 : 100;
        return new LiveState(T0.plusSeconds(i), adjusted, adjusted, Double.isNaN(ratio) ? 50 : ratio * 100, 0, ratio,
                zone, false, T0, i);
    }

    @Test
    void thePathSpansTheWholeSessionInBoundedPoints() {
        SessionRecorder r = new SessionRecorder(100);
        for (int i = 0; i < 10_000; i++) {
            r.onUpdate(state(i, 0.5 + 0.4 * Math.sin(i / 500.0), Zone.OK));
        }
        List<MarginTimeline.Point> path = r.path();
        assertThat(path.size()).isBetween(50, 101);
        assertThat(path.getFirst().instant()).isEqualTo(T0);
        assertThat(path.getLast().instant()).isEqualTo(T0.plusSeconds(9_999));
        for (int k = 1; k < path.size(); k++) {
            assertThat(path.get(k).instant()).isAfter(path.get(k - 1).instant());
        }
        // evenly spaced: every point a power-of-two stride from the start
        long stride = path.get(1).instant().getEpochSecond() - T0.getEpochSecond();
        assertThat(Long.bitCount(stride)).isEqualTo(1);
        assertThat(r.peakRatio()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void peakZoneChangesAndTheEndOfEquityAreKept() {
        SessionRecorder r = new SessionRecorder(10);
        r.onUpdate(state(0, 0.5, Zone.OK));
        r.onAlert(new MarginAlert(T0.plusSeconds(1), Zone.OK, Zone.WARNING, 0.85, 0.8, false));
        r.onUpdate(state(1, 0.85, Zone.WARNING));
        r.onAlert(new MarginAlert(T0.plusSeconds(2), Zone.WARNING, Zone.LIQUIDATION, 1.4, 1.0, true));
        r.onUpdate(state(2, 1.4, Zone.LIQUIDATION));
        r.onUpdate(state(3, Double.NaN, Zone.LIQUIDATION));
        r.onUpdate(state(4, 1.2, Zone.LIQUIDATION));
        assertThat(r.peakRatio()).isEqualTo(1.4);
        assertThat(r.peakAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(r.equityGoneAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(r.zoneChanges()).hasSize(2);
        assertThat(r.worstZone()).isEqualTo(Zone.LIQUIDATION);
        assertThat(r.path()).hasSize(5);
    }

    @Test
    void latencyPercentilesComeFromTheHistogram() {
        LatencyStats s = LatencyStats.fine();
        for (int i = 1; i <= 100; i++) {
            s.record(i * 1_000L); // 1..100 us
        }
        LatencyStats.Summary x = s.summary();
        assertThat(x.count()).isEqualTo(100);
        assertThat(x.meanMicros()).isCloseTo(50.5, within(1e-9));
        assertThat(x.p50Micros()).isCloseTo(50.1, within(0.11));
        assertThat(x.p99Micros()).isCloseTo(99.1, within(0.11));
        assertThat(x.maxMicros()).isEqualTo(100);
        LatencyStats c = LatencyStats.coarse();
        c.record(5_000_000_000L);
        assertThat(c.summary().p50Micros()).isEqualTo(5_000_000);
    }
}
