package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RollingBacktestCommandTest {

    static final Path SHARED = Path.of(System.getProperty("marginscope.projectDir", "."))
            .resolve("../shared/data/prices/BTC-USD.daily.csv");

    @Test
    void portfolioFormPrintsTheBacktestJson(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("btc.csv");
        Files.writeString(book, "id,underlying,type,quantity,entry_price\nbtc,BTC,SPOT,1,0\n");
        StringBuilder h = new StringBuilder("date,close\n");
        java.util.Random rng = new java.util.Random(1);
        double px = 30_000;
        java.time.LocalDate d = java.time.LocalDate.of(2024, 11, 20).minusDays(399);
        for (int t = 0; t < 400; t++) {
            px *= Math.exp(0.03 * rng.nextGaussian());
            h.append(d.plusDays(t)).append(',').append(px).append('\n');
        }
        Path hist = dir.resolve("BTC-USD.daily.csv");
        Files.writeString(hist, h.toString());
        ComputeCommandTest.Run r = run("backtest", "--portfolio", book.toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--history", hist.toString(),
                "--confidence", "0.99", "--horizon-days", "1", "--window-days", "250", "--method", "fhs", "--series");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        // 400 closes to 2024-11-20; the snapshot (2024-11-20T08:00) knows those up to 11-19 (the time rule):
        // 398 returns, 250 in the first window, 148 test days (149 before the rule)
        assertThat(json.get("observations").asInt()).isEqualTo(148);
        assertThat(json.has("kupiec")).isTrue();
        assertThat(json.get("trafficLight").asText()).isIn("GREEN", "YELLOW", "RED");
        assertThat(json.get("series")).hasSize(148);
        assertThat(json.get("history").get("source").asText()).isEqualTo("files");
        assertThat(json.get("history").get("lastCloseUsed").asText()).isEqualTo("2024-11-19");
        assertThat(json.get("parameters").get("method").asText()).isEqualTo("fhs");

        // the two forms do not mix
        assertThat(run("backtest", "--pnl", "x.csv", "--portfolio", book.toString(), "--market", "m", "--history", "h")
                .status()).isEqualTo(2);
    }

    /** The acceptance run on the real BTC history, when the shared data is present. */
    @Test
    void wholeBtcHistoryEwmaParametricAndFhs(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(SHARED), "shared price data not present");
        Path book = dir.resolve("btc.csv");
        Files.writeString(book, "id,underlying,type,quantity,entry_price\nbtc,BTC,SPOT,1,0\n");
        for (String method : new String[] {"parametric", "fhs"}) {
            ComputeCommandTest.Run r = run("backtest", "--portfolio", book.toString(),
                    "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(),
                    "--history", SHARED.toString(), "--confidence", "0.99", "--horizon-days", "1",
                    "--window-days", "250", "--method", method, "--vol-model", "ewma");
            assertThat(r.status()).as(r.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(json.get("observations").asInt()).isGreaterThan(3000);
            assertThat(json.get("exceptions").asInt()).isPositive();
            assertThat(json.get("kupiec").get("pValue").isNumber()).isTrue();
        }
    }
}
