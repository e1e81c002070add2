package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.analysis.PositionMargins;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class PositionMarginsCommandTest {

    @Test
    void computeWithAPolicyGivesEachPositionsIncrementalMarginAndBaseShareAsTheEngine() throws Exception {
        Path book = SAMPLES.resolve("btc-short-strangle.csv");
        Path market = SAMPLES.resolve("btc-short-strangle.market.json");
        ComputeCommandTest.Run r = run("compute", "--portfolio", book.toString(), "--market", market.toString(),
                "--policy", "ramm", "--scenarios", "3000", "--seed", "7");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());

        MarketSnapshot m = SnapshotJson.read(market).value();
        Portfolio p = PortfolioFiles.read(book, m).value();
        PositionMargins.Result engine = PositionMargins.of(p, m, null, PolicyPresets.load("ramm"),
                new MarginCalculator.Settings(3000, 7L));
        assertThat(json.get("maintenanceMargin").asDouble()).isEqualTo(engine.maintenanceMargin());
        var byId = engine.byId();
        double shares = 0;
        for (JsonNode n : json.get("positions")) {
            PositionMargins.PositionMargin e = byId.get(n.get("id").asText());
            assertThat(n.get("incrementalMargin").asDouble()).as(n.get("id").asText()).isEqualTo(e.incrementalMargin());
            assertThat(n.get("baseMarginShare").asDouble()).isEqualTo(e.baseMarginShare());
            // the fields are added, the risk attribution is still there
            assertThat(n.has("componentEs")).isTrue();
            shares += n.get("baseMarginShare").asDouble();
        }
        assertThat(shares).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void withoutAPolicyThereAreNoMarginFields() throws Exception {
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString());
        assertThat(r.status()).as(r.err()).isZero();
        for (JsonNode n : new ObjectMapper().readTree(r.out()).get("positions")) {
            assertThat(n.has("incrementalMargin")).isFalse();
            assertThat(n.has("baseMarginShare")).isFalse();
        }
    }
}
