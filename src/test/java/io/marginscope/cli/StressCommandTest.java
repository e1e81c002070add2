package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.cli.ComputeCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StressCommandTest {

    static final String BOOK = SAMPLES.resolve("btc-short-strangle.csv").toString();
    static final String MARKET = SAMPLES.resolve("btc-short-strangle.market.json").toString();

    static JsonNode json(Run r) throws Exception {
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void withoutScenarioRunsTheWholeLibraryAndReplaysPaths() throws Exception {
        JsonNode out = json(run("stress", "--portfolio", BOOK, "--market", MARKET, "--json", "-"));
        JsonNode items = out.get("stress");
        assertThat(items).hasSize(5);
        assertThat(items.get(0).get("scenario").asText()).isEqualTo("2020-03-12 Black Thursday");
        double worst = 0;
        String worstName = null;
        for (JsonNode item : items) {
            assertThat(item.has("scenario")).isTrue();
            assertThat(item.get("pnl").isNumber()).isTrue();
            assertThat(item.get("weight").asDouble()).isEqualTo(1.0);
            assertThat(item.get("weightedPnl").asDouble()).isEqualTo(item.get("pnl").asDouble());
            assertThat(item.get("positions")).hasSize(7);
            double sum = 0;
            for (JsonNode p : item.get("positions")) {
                assertThat(p.has("id")).isTrue();
                sum += p.get("pnl").asDouble();
            }
            assertThat(item.get("pnl").asDouble()).isCloseTo(sum, within(1e-6 * Math.abs(sum)));
            // the reported P&L is the worst step of the path
            JsonNode path = item.get("path");
            assertThat(path.size()).isGreaterThanOrEqualTo(2);
            double min = Double.POSITIVE_INFINITY;
            String minDate = null;
            for (JsonNode step : path) {
                if (step.get("pnl").asDouble() < min) {
                    min = step.get("pnl").asDouble();
                    minDate = step.get("date").asText();
                }
            }
            assertThat(item.get("pnl").asDouble()).isEqualTo(min);
            assertThat(item.get("worstDate").asText()).isEqualTo(minDate);
            if (item.get("weightedPnl").asDouble() < worst) {
                worst = item.get("weightedPnl").asDouble();
                worstName = item.get("scenario").asText();
            }
        }
        // a short-vol book long BTC loses in every crash
        assertThat(worst).isNegative();
        assertThat(out.get("worst").get("scenario").asText()).isEqualTo(worstName);
        assertThat(out.get("worst").get("weightedPnl").asDouble()).isEqualTo(worst);
        assertThat(out.get("equity").asDouble()).isPositive();
    }

    @Test
    void libraryNamesFilesSpanAndGridCombine(@TempDir Path dir) throws Exception {
        Path custom = dir.resolve("vol-spike.json");
        Files.writeString(custom, """
                {"name": "vol spike", "shocks": {"BTC": {"price": 0, "volPoints": 20}}}
                """);
        JsonNode out = json(run("stress", "--portfolio", BOOK, "--market", MARKET, "--scenario", "2022-11-08",
                "--scenario", custom.toString(), "--span", "--grid"));
        JsonNode items = out.get("stress");
        assertThat(items).hasSize(2 + 16 + 27);
        assertThat(items.get(0).get("scenario").asText()).isEqualTo("2022-11-08..09 FTX collapse");
        assertThat(items.get(1).get("scenario").asText()).isEqualTo("vol spike");
        assertThat(items.get(1).has("path")).isFalse();
        assertThat(items.get(1).get("pnl").asDouble()).isNegative(); // short vega
        assertThat(items.get(2 + 14).get("weight").asDouble()).isEqualTo(0.35);
        assertThat(items.get(2 + 14).get("weightedPnl").asDouble())
                .isCloseTo(0.35 * items.get(2 + 14).get("pnl").asDouble(), within(1e-6));
        assertThat(out.get("warnings").toString()).contains("USDC: not moved by the SPAN and grid scenarios");
    }

    @Test
    void badScenarioFileExitsWith2NamingFieldAndLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {
                  "name": "typo",
                  "shocks": {"BTC": {"price": -0.25, "volRelativ": 0.5}}
                }
                """);
        Run r = run("stress", "--portfolio", BOOK, "--market", MARKET, "--scenario", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.json").contains("line 3").contains("'shocks.BTC.volRelativ'");
    }

    @Test
    void unknownNamesAndMissingFilesExitWith2() {
        Run name = run("stress", "--portfolio", BOOK, "--market", MARKET, "--scenario", "1987-10-19");
        assertThat(name.status()).isEqualTo(2);
        assertThat(name.err()).contains("1987-10-19").contains("2020-03-12");
        Run file = run("stress", "--portfolio", BOOK, "--market", MARKET, "--scenario", "/nope/missing.json");
        assertThat(file.status()).isEqualTo(2);
        assertThat(file.err()).contains("missing.json");
        assertThat(run("stress", "--portfolio", BOOK).status()).isEqualTo(2);
    }

    @Test
    void writesToAFileAndIsListedInHelp(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stress.json");
        Run r = run("stress", "--portfolio", SAMPLES.resolve("eth-perp-leveraged.csv").toString(),
                "--market", SAMPLES.resolve("eth-perp-leveraged.market.json").toString(),
                "--scenario", "2021-05-19", "--json", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("stress")).hasSize(1);
        assertThat(json.get("stress").get(0).get("pnl").asDouble()).isNegative();
        assertThat(run("--help").out()).contains("stress");
    }
}
