package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** bench against an independent revaluation: the pricer on each scenario's shifted market. */
class BenchCommandTest {

    @Test
    void benchEqualsThePricerOnEveryScenario(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("portfolio.csv"), """
                id,underlying,type,expiry,strike,quantity,entry_price,settlement
                p0,BTC,CALL,2024-12-27,95000,-3.5,3000,LINEAR
                p1,ETH,PUT,2025-01-31,2900,12,150,LINEAR
                p2,BTC,FUTURE,2025-03-28,,-2,93000,LINEAR
                p3,SOL,PERP,,,400,210,LINEAR
                p4,BTC,PUT,2024-11-21,92000,5,500,LINEAR
                """);
        Files.writeString(dir.resolve("market.json"), """
                {"asOf": "2024-11-20T08:00:00Z", "daysPerYear": 365,
                 "assets": {"BTC": {"spot": 92000.0, "vol": 0.55, "rate": 0.05},
                            "ETH": {"spot": 3100.0, "vol": 0.7, "rate": 0.0},
                            "SOL": {"spot": 220.0, "vol": 0.9, "rate": 0.0}}}""");
        Files.writeString(dir.resolve("meta.json"), "{\"horizonDays\": 2, \"seed\": 1}");
        Random rng = new Random(3);
        int m = 400;
        double[][] r = new double[m][3];
        double[][] dv = new double[m][3];
        StringBuilder sb = new StringBuilder("r_BTC,r_ETH,r_SOL,dv_BTC,dv_ETH,dv_SOL\n");
        for (int s = 0; s < m; s++) {
            for (int a = 0; a < 3; a++) {
                r[s][a] = 0.05 * rng.nextGaussian();
                dv[s][a] = 0.05 * rng.nextGaussian();
            }
            sb.append(r[s][0]).append(',').append(r[s][1]).append(',').append(r[s][2]).append(',')
                    .append(dv[s][0]).append(',').append(dv[s][1]).append(',').append(dv[s][2]).append('\n');
        }
        Files.writeString(dir.resolve("scenarios.csv"), sb.toString());

        ComputeCommandTest.Run run = run("bench", "--dir", dir.toString(), "--repeat", "1", "--warmup", "0");
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("impl").asText()).isEqualTo("marginscope");
        assertThat(json.get("evalsPerSecond").asDouble()).isPositive();

        Portfolio book = PortfolioCsv.read(dir.resolve("portfolio.csv")).value();
        MarketSnapshot market = SnapshotJson.read(dir.resolve("market.json")).value();
        double base = PortfolioValuation.of(book, market).equity();
        String[] assets = {"BTC", "ETH", "SOL"};
        double[] pnl = new double[m];
        for (int s = 0; s < m; s++) {
            MarketSnapshot moved = market.withAsOf(market.asOf().plusSeconds(2 * 86_400));
            for (int a = 0; a < 3; a++) {
                var am = market.asset(assets[a]);
                moved = moved.withAsset(assets[a], am.withSpot(am.spot() * Math.exp(r[s][a]))
                        .withVol(Math.max(am.vol() + dv[s][a], 0.01)));
            }
            pnl[s] = PortfolioValuation.of(book, moved).equity() - base;
        }
        Arrays.sort(pnl);
        int k = (int) Math.ceil(m * 0.01 - 1e-9);
        double var = -pnl[k - 1];
        double es = -Arrays.stream(pnl, 0, k).average().orElseThrow();
        assertThat(json.get("var").asDouble()).isCloseTo(var, within(1e-9 * Math.abs(var)));
        assertThat(json.get("es").asDouble()).isCloseTo(es, within(1e-9 * Math.abs(es)));
    }
}
