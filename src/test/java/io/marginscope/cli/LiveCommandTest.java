package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.feed.DeribitTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** marginscope live: simulated, replayed and Deribit (a local server) sessions, their JSON and bad input. */
@Timeout(300)
class LiveCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ETH_BOOK = SAMPLES.resolve("eth-perp-leveraged.csv").toString();
    static final String ETH_MARKET = SAMPLES.resolve("eth-perp-leveraged.market.json").toString();

    static JsonNode live(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("live"));
        all.addAll(List.of(args));
        ComputeCommandTest.Run r = run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** About 3x long BTC: 3 BTC perp on 92,300 USDC. */
    static Path btcBook(Path dir) throws Exception {
        Path p = dir.resolve("btc-perp-3x.csv");
        Files.writeString(p, """
                id,underlying,type,expiry,strike,quantity,entry_price,settlement
                btc-perp,BTC,PERP,,,3,92300,LINEAR
                usdc,USDC,SPOT,,,92300,1,LINEAR
                """);
        return p;
    }

    /** A calm February and the BTC closes of March 2020 (the crash on the 12th). */
    static Path history(Path dir) throws Exception {
        double[] march = {8_530, 8_900, 8_760, 8_750, 9_070, 9_160, 8_900, 8_040, 7_935, 7_895, 7_938, 4_857, 5_638,
                5_165, 5_345, 5_038, 5_332, 5_414, 6_186, 6_210};
        StringBuilder b = new StringBuilder("date,close\n");
        for (int d = 1; d <= 29; d++) {
            b.append(String.format(Locale.ROOT, "2020-02-%02d,%.2f%n", d, 9_000 * (1 + 0.01 * Math.sin(d))));
        }
        for (int i = 0; i < march.length; i++) {
            b.append(String.format(Locale.ROOT, "2020-03-%02d,%.2f%n", i + 1, march[i]));
        }
        Path f = dir.resolve("BTC-USD.daily.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    @Test
    void aSimulatedSessionInExactModeIsReproducibleBySeed() throws Exception {
        String[] args = {"--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--ticks", "40", "--speed", "0", "--seed", "7",
                "--exact", "--scenarios", "2000", "--jump", "-0.2@20"};
        JsonNode a = live(args);
        JsonNode b = live(args);
        assertThat(a.get("source").asText()).isEqualTo("simulated");
        assertThat(a.get("feedState").asText()).isEqualTo("FINISHED");
        assertThat(a.get("counts").get("updates").asLong()).isEqualTo(40);
        assertThat(a.get("counts").get("fullRecomputes").asLong()).isEqualTo(41);
        assertThat(a.get("ratioPath")).isEqualTo(b.get("ratioPath"));
        assertThat(a.get("end")).isEqualTo(b.get("end"));
        assertThat(a.get("zoneChanges")).isEqualTo(b.get("zoneChanges"));
        assertThat(a.get("start").get("instant").asText()).isEqualTo("2024-11-20T08:00:00Z");
        assertThat(a.get("end").get("instant").asText()).isEqualTo("2024-11-20T08:40:00Z");
        assertThat(a.get("ratioPath").size()).isEqualTo(40);
        // the crash at update 20: 20% off ETH and SOL, the equity falls by about 0.2 x 1.15M
        JsonNode p19 = a.get("ratioPath").get(18);
        JsonNode p20 = a.get("ratioPath").get(19);
        assertThat(p19.get("equity").asDouble() - p20.get("equity").asDouble()).isBetween(200_000.0, 260_000.0);
        JsonNode other = live("--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--ticks", "40", "--speed", "0",
                "--seed", "8", "--exact", "--scenarios", "2000");
        assertThat(other.get("ratioPath")).isNotEqualTo(a.get("ratioPath"));
        for (String f : new String[] {"peak", "worstZone", "thresholds", "timing", "warnings"}) {
            assertThat(a.has(f)).as(f).isTrue();
        }
        assertThat(a.get("timing").get("tickUpdateMicros").get("count").asLong()).isEqualTo(40);
    }

    @Test
    void perTickWritesOneLinePerUpdateThenTheSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ticks.jsonl");
        ComputeCommandTest.Run r = run("live", "--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--ticks", "25",
                "--speed", "0", "--exact", "--scenarios", "2000", "--per-tick", "--json", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(26);
        for (int i = 0; i < 25; i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            assertThat(n.get("update").asLong()).isEqualTo(i + 1);
            assertThat(n.get("spots").has("ETH")).isTrue();
            assertThat(n.has("marginRatio")).isTrue();
            assertThat(n.get("zone").asText()).isIn("OK", "WARNING", "LIQUIDATION");
            assertThat(n.get("full").asBoolean()).isTrue();
        }
        JsonNode summary = JSON.readTree(lines.get(25));
        assertThat(summary.get("counts").get("updates").asLong()).isEqualTo(25);
    }

    @Test
    void replayingTheMarch2020CrashDrivesA3xBtcBookThroughWarningIntoLiquidation(@TempDir Path dir) throws Exception {
        JsonNode j = live("--portfolio", btcBook(dir).toString(), "--market", ETH_MARKET, "--policy", "span",
                "--source", "replay", "--history", history(dir).toString(), "--from", "2020-03-09", "--to", "2020-03-16",
                "--intraday", "24", "--speed", "0", "--exact");
        assertThat(j.get("prices").asText()).isEqualTo("relative");
        assertThat(j.get("counts").get("updates").asLong()).isEqualTo(1 + 7 * 24);
        assertThat(j.get("start").get("zone").asText()).isEqualTo("OK");
        JsonNode changes = j.get("zoneChanges");
        assertThat(changes.size()).isGreaterThanOrEqualTo(2);
        int warning = -1;
        int liquidation = -1;
        for (int i = 0; i < changes.size(); i++) {
            if (warning < 0 && changes.get(i).get("to").asText().equals("WARNING")) {
                warning = i;
            }
            if (liquidation < 0 && changes.get(i).get("to").asText().equals("LIQUIDATION")) {
                liquidation = i;
            }
        }
        assertThat(warning).isNotNegative();
        assertThat(liquidation).isGreaterThan(warning);
        assertThat(changes.get(liquidation).get("from").asText()).isEqualTo("WARNING");
        assertThat(changes.get(liquidation).get("instant").asText()).startsWith("2020-03-12");
        assertThat(j.get("worstZone").asText()).isEqualTo("LIQUIDATION");
        assertThat(j.get("peak").get("marginRatio").asDouble()).isGreaterThan(1.0);
        assertThat(j.get("peak").get("equityGoneAt").asText()).startsWith("2020-03-1");
        // daily closes only: the crash day jumps from OK straight past the warning zone
        JsonNode daily = live("--portfolio", btcBook(dir).toString(), "--market", ETH_MARKET, "--policy", "span",
                "--source", "replay", "--history", history(dir).toString(), "--from", "2020-03-09", "--to", "2020-03-16",
                "--speed", "0", "--exact");
        assertThat(daily.get("counts").get("updates").asLong()).isEqualTo(8);
        assertThat(daily.get("zoneChanges").get(0).get("instant").asText()).isEqualTo("2020-03-13T00:00:00Z");
        assertThat(daily.get("zoneChanges").get(0).get("to").asText()).isEqualTo("LIQUIDATION");
        // ramm without the history's anti-procyclicality levels: MM follows the falling notional
        JsonNode ramm = live("--portfolio", btcBook(dir).toString(), "--market", ETH_MARKET, "--policy", "ramm",
                "--source", "replay", "--history", history(dir).toString(), "--no-policy-history", "--from",
                "2020-03-09", "--to", "2020-03-16", "--speed", "0", "--exact", "--scenarios", "2000");
        JsonNode path = ramm.get("ratioPath");
        assertThat(path.get(path.size() - 1).get("maintenanceMargin").asDouble())
                .isLessThan(0.8 * path.get(0).get("maintenanceMargin").asDouble());
        assertThat(ramm.get("warnings").toString()).contains("anti-procyclicality tools need a price history");
    }

    /** The demonstration of docs/live.md on the real BTC history (skipped without the shared data). */
    @Test
    void rammOnTheRealMarch2020ReplayGoesThroughWarningIntoLiquidation(@TempDir Path dir) throws Exception {
        Path prices = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("../shared/data/prices")
                .normalize().resolve("BTC-USD.daily.csv");
        assumeTrue(Files.isRegularFile(prices), "no shared price data at " + prices);
        JsonNode j = live("--portfolio", btcBook(dir).toString(), "--market", ETH_MARKET, "--policy", "ramm",
                "--source", "replay", "--history", prices.toString(), "--from", "2020-03-09", "--to", "2020-03-16",
                "--intraday", "24", "--speed", "0", "--exact");
        JsonNode changes = j.get("zoneChanges");
        assertThat(j.get("start").get("zone").asText()).isEqualTo("OK");
        assertThat(changes.get(0).get("to").asText()).isEqualTo("WARNING");
        assertThat(changes.get(1).get("from").asText()).isEqualTo("WARNING");
        assertThat(changes.get(1).get("to").asText()).isEqualTo("LIQUIDATION");
        assertThat(changes.get(1).get("instant").asText()).startsWith("2020-03-12");
    }

    @Test
    void followsADeribitServerAndStopsAfterItsTicks() throws Exception {
        try (DeribitTestServer server = DeribitTestServer.startLocal()) {
            // on a thread of its own, as a command line runs on its main thread
            java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
            CompletableFuture<ComputeCommandTest.Run> session = CompletableFuture.supplyAsync(() -> run("live",
                    "--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--source", "deribit", "--endpoint",
                    server.uri().toString(), "--ticks", "3", "--scenarios", "2000", "--seconds", "60"), one);
            one.shutdown();
            DeribitTestServer.Request sub = server.awaitRequest("public/subscribe", Duration.ofSeconds(20));
            assertThat(sub).as(() -> session.isDone() ? session.join().err() : "session still running").isNotNull();
            assertThat(DeribitTestServer.channels(sub)).contains("deribit_price_index.eth_usd",
                    "deribit_price_index.sol_usd", "deribit_volatility_index.eth_usd");
            Thread.sleep(200); // the subscription confirmed
            long ts = 1_732_089_600_000L;
            server.pushIndex("eth_usd", 3_050, ts);
            server.push("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{}}");
            server.pushIndex("eth_usd", 2_950, ts + 100);
            server.pushIndex("sol_usd", 230, ts + 200);
            server.pushIndex("eth_usd", 1, ts + 300); // after the third: not applied
            ComputeCommandTest.Run r = session.get(60, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.err()).isZero();
            JsonNode j = JSON.readTree(r.out());
            assertThat(j.get("source").asText()).isEqualTo("deribit");
            assertThat(j.get("counts").get("updates").asLong()).isEqualTo(3);
            assertThat(j.get("deribit").get("connections").asLong()).isEqualTo(1);
            assertThat(j.get("deribit").get("malformed").asLong()).isEqualTo(1);
            assertThat(j.get("prices").asText()).isEqualTo("absolute");
            assertThat(j.get("end").get("instant").asText()).isEqualTo("2024-11-20T08:00:00.200Z");
            // ETH at 2,950 and SOL at 230: 345 ETH (perps and collateral) and 400 SOL move the equity
            double expected = 191_910 + 345 * (2_950 - 3_110) + 400 * (230 - 238);
            assertThat(j.get("end").get("equity").asDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void reportsHeapFiguresAtTheStartTheMiddleAndTheEnd() throws Exception {
        ComputeCommandTest.Run r = run("live", "--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--ticks", "2000",
                "--speed", "0", "--scenarios", "2000", "--step", "50ms", "--report-memory");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode mem = JSON.readTree(r.out()).get("memory");
        assertThat(mem).hasSize(3);
        assertThat(mem.get(0).get("at").asText()).isEqualTo("start");
        assertThat(mem.get(1).get("at").asText()).isEqualTo("middle");
        assertThat(mem.get(2).get("at").asText()).isEqualTo("end");
        assertThat(mem.get(2).get("updates").asLong()).isEqualTo(2000);
        assertThat(mem.get(0).get("heapUsedBytes").asLong()).isPositive();
        assertThat(r.err()).contains("memory start:").contains("memory end:");
    }

    @Test
    void secondsBoundAPacedSession() throws Exception {
        JsonNode j = live("--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--seconds", "0.5", "--speed", "20",
                "--scenarios", "2000");
        assertThat(j.get("counts").get("updates").asLong()).isBetween(5L, 14L);
        assertThat(j.get("feedState").asText()).isEqualTo("STOPPED");
    }

    @Test
    void badInputExitsWith2() throws Exception {
        String[] base = {"live", "--portfolio", ETH_BOOK, "--market", ETH_MARKET, "--speed", "0"};
        for (String[] extra : new String[][] {{"--source", "nonsense"}, {"--source", "replay"},
                {"--source", "replay", "--history", ETH_MARKET}, {"--jump", "-0.3"}, {"--jump", "DOGE:-0.3@5"},
                {"--source", "deribit"}, {"--step", "soon"}, {"--prices", "sideways"}, {"--ticks", "0"},
                {"--policy", "no-such-policy"}}) {
            List<String> a = new ArrayList<>(List.of(base));
            a.addAll(List.of(extra));
            ComputeCommandTest.Run r = run(a.toArray(String[]::new));
            assertThat(r.status()).as(String.join(" ", extra) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error:");
        }
    }
}
