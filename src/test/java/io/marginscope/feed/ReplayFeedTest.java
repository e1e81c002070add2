package io.marginscope.feed;

import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.risk.PriceHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Replays the closes of a history file written by the test. */
class ReplayFeedTest {

    /** BTC closes of 2020-03-01..2020-03-20 as written to the file (a crash on the 12th). */
    static final double[] CLOSES = {8_530, 8_900, 8_760, 8_750, 9_070, 9_160, 8_900, 8_040, 7_935, 7_895, 7_938,
            4_857, 5_638, 5_165, 5_345, 5_038, 5_332, 5_414, 6_186, 6_210};

    static Path writeHistory(Path dir) throws Exception {
        StringBuilder b = new StringBuilder("date,open,high,low,close,volume\n");
        // February: a calm month behind the bridge's vol
        for (int d = 1; d <= 29; d++) {
            double c = 9_000 * (1 + 0.01 * Math.sin(d));
            b.append(String.format(java.util.Locale.ROOT, "2020-02-%02d,%.2f,%.2f,%.2f,%.2f,100%n", d, c, c, c, c));
        }
        for (int i = 0; i < CLOSES.length; i++) {
            b.append(String.format(java.util.Locale.ROOT, "2020-03-%02d,%.2f,%.2f,%.2f,%.2f,100%n", i + 1, CLOSES[i],
                    CLOSES[i], CLOSES[i], CLOSES[i]));
        }
        Path file = dir.resolve("BTC-USD.daily.csv");
        Files.writeString(file, b.toString());
        return file;
    }

    static PriceHistory history(Path dir) throws Exception {
        return PriceHistoryFiles.read(writeHistory(dir)).value();
    }

    static List<List<Tick>> drain(HistoryReplay r) {
        List<List<Tick>> out = new ArrayList<>();
        List<Tick> u;
        while ((u = r.next()) != null) {
            out.add(u);
        }
        return out;
    }

    @Test
    void replaysTheDailyClosesOfTheWindowAtTheEndOfEachDay(@TempDir Path dir) throws Exception {
        HistoryReplay r = new HistoryReplay(history(dir), List.of("BTC"), LocalDate.parse("2020-03-09"),
                LocalDate.parse("2020-03-16"), 1, 42);
        List<List<Tick>> updates = drain(r);
        assertThat(updates).hasSize(8);
        assertThat(r.expectedUpdates()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            Tick t = updates.get(i).getFirst();
            assertThat(t.asset()).isEqualTo("BTC");
            assertThat(t.indexPrice()).isEqualTo(CLOSES[8 + i]);
            assertThat(t.instant()).isEqualTo(Instant.parse("2020-03-10T00:00:00Z").plus(Duration.ofDays(i)));
        }
        assertThat(r.next()).isNull();
    }

    @Test
    void aBrownianBridgeFillsTheDaysAndLandsOnEachClose(@TempDir Path dir) throws Exception {
        PriceHistory h = history(dir);
        HistoryReplay r = new HistoryReplay(h, List.of("BTC"), LocalDate.parse("2020-03-09"),
                LocalDate.parse("2020-03-16"), 24, 42);
        List<List<Tick>> updates = drain(r);
        assertThat(updates).hasSize(1 + 7 * 24);
        for (int day = 0; day < 8; day++) {
            Tick close = updates.get(day * 24).getFirst();
            assertThat(close.indexPrice()).isEqualTo(CLOSES[8 + day]);
            assertThat(close.instant()).isEqualTo(Instant.parse("2020-03-10T00:00:00Z").plus(Duration.ofDays(day)));
        }
        // hourly in between
        assertThat(updates.get(1).getFirst().instant()).isEqualTo(Instant.parse("2020-03-10T01:00:00Z"));
        // the bridge's vol is that of the 30 days before the 9th (about 2.5% a day): a calm day stays within a few percent
        assertThat(r.bridgeDailyVols().get("BTC")).isBetween(0.005, 0.04);
        for (int k = 1; k < 24; k++) {
            assertThat(updates.get(k).getFirst().indexPrice()).isCloseTo(7_900, within(7_900 * 0.06));
        }
        // on the crash day the path goes down from the 11th's close to the 12th's through the prices between
        double mid = updates.get(2 * 24 + 12).getFirst().indexPrice();
        assertThat(mid).isBetween(4_857 * 0.9, 7_938 * 1.1);
        // same seed, same path; another seed, another path with the same closes
        assertThat(drain(new HistoryReplay(h, List.of("BTC"), LocalDate.parse("2020-03-09"),
                LocalDate.parse("2020-03-16"), 24, 42))).isEqualTo(updates);
        List<List<Tick>> other = drain(new HistoryReplay(h, List.of("BTC"), LocalDate.parse("2020-03-09"),
                LocalDate.parse("2020-03-16"), 24, 43));
        assertThat(other).isNotEqualTo(updates);
        assertThat(other.get(48).getFirst().indexPrice()).isEqualTo(CLOSES[10]);
    }

    @Test
    void aMissingDaySendsNothingThatDay(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ETH-USD.daily.csv"),
                "date,close\n2020-03-09,200\n2020-03-10,201\n2020-03-12,120\n2020-03-13,130\n");
        writeHistory(dir);
        PriceHistory h = PriceHistoryFiles.read(dir).value();
        List<List<Tick>> updates = drain(new HistoryReplay(h, List.of("BTC", "ETH"), LocalDate.parse("2020-03-09"),
                LocalDate.parse("2020-03-13"), 1, 1));
        assertThat(updates).hasSize(5);
        assertThat(updates.get(0)).extracting(Tick::asset).containsExactly("BTC", "ETH");
        assertThat(updates.get(2)).extracting(Tick::asset).containsExactly("BTC");
        assertThat(updates.get(3).get(1).indexPrice()).isEqualTo(120);
    }

    @Test
    void badWindowsAreRejected(@TempDir Path dir) throws Exception {
        PriceHistory h = history(dir);
        assertThatThrownBy(() -> new HistoryReplay(h, List.of("BTC"), LocalDate.parse("2020-03-16"),
                LocalDate.parse("2020-03-09"), 1, 1)).hasMessageContaining("before");
        assertThatThrownBy(() -> new HistoryReplay(h, List.of("BTC"), LocalDate.parse("2021-01-01"),
                LocalDate.parse("2021-01-09"), 1, 1)).hasMessageContaining("no close");
        assertThatThrownBy(() -> new HistoryReplay(h, List.of("ETH"), LocalDate.parse("2020-03-01"),
                LocalDate.parse("2020-03-09"), 1, 1)).hasMessageContaining("ETH");
    }

    @Test
    void theFeedReplaysAtItsPaceAndFinishes(@TempDir Path dir) throws Exception {
        List<Tick> got = new CopyOnWriteArrayList<>();
        ReplayFeed feed = new ReplayFeed(new HistoryReplay(history(dir), List.of("BTC"), LocalDate.parse("2020-03-01"),
                LocalDate.parse("2020-03-20"), 1, 1), 200, 0);
        feed.addListener(got::add);
        long t0 = System.nanoTime();
        feed.start();
        assertThat(feed.awaitTermination(Duration.ofSeconds(10))).isTrue();
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(feed.state()).isEqualTo(FeedState.FINISHED);
        assertThat(got).extracting(Tick::indexPrice).containsExactly(java.util.Arrays.stream(CLOSES).boxed()
                .toArray(Double[]::new));
        // 20 updates at 200 a second: the first at once, the last about 95 ms later
        assertThat(took).isGreaterThan(0.09);
        assertThat(feed.description()).contains("2020-03-01..2020-03-20").contains("daily closes");
    }
}
