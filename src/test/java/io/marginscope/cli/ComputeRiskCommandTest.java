package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.pricing.NormalDist;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The risk acceptance of compute, on every sample, every method and every vol model. */
class ComputeRiskCommandTest {

    @TempDir
    static Path dir;
    static Path history;

    /** A wide history of 500 days of BTC, ETH and SOL closes ending on the samples' as-of date. */
    @BeforeAll
    static void writeHistory() throws Exception {
        history = dir.resolve("closes.csv");
        Random rng = new Random(7);
        double[] px = {30_000, 1_800, 60};
        double[] vol = {0.55, 0.70, 0.90};
        StringBuilder sb = new StringBuilder("date,BTC,ETH,SOL\n");
        LocalDate d = LocalDate.of(2024, 11, 20).minusDays(499);
        for (int t = 0; t < 500; t++) {
            double z0 = rng.nextGaussian();
            double z1 = 0.8 * z0 + 0.6 * rng.nextGaussian();
            double z2 = 0.7 * z0 + 0.714 * rng.nextGaussian();
            double[] z = {z0, z1, z2};
            for (int a = 0; a < 3; a++) {
                px[a] *= Math.exp(vol[a] / Math.sqrt(365) * z[a] * (t % 97 < 10 ? 2.5 : 1.0) + 0.001);
            }
            sb.append(d.plusDays(t)).append(',').append(px[0]).append(',').append(px[1]).append(',').append(px[2])
                    .append('\n');
        }
        Files.writeString(history, sb.toString());
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String book : new String[] {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
                "deribit-options-book.json"}) {
            for (String method : new String[] {"parametric", "historical", "fhs", "montecarlo"}) {
                for (String vm : new String[] {"snapshot", "historical", "ewma", "garch"}) {
                    out.add(Arguments.of(book, method, vm));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void varEsAndComponentsOnEverySample(String book, String method, String volModel) throws Exception {
        String market = book.substring(0, book.lastIndexOf('.')) + ".market.json";
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve(book).toString(),
                "--market", SAMPLES.resolve(market).toString(), "--history", history.toString(),
                "--method", method, "--vol-model", volModel, "--scenarios", "2000", "--window-days", "250");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        double var = json.get("var").asDouble();
        double es = json.get("es").asDouble();
        assertThat(var).isPositive();
        assertThat(es).isGreaterThanOrEqualTo(var);
        double sum = 0;
        for (JsonNode p : json.get("positions")) {
            sum += p.get("componentEs").asDouble();
        }
        assertThat(sum).isCloseTo(es, within(1e-6 * es));
        assertThat(json.get("volatilities").size()).isGreaterThan(0);
        json.get("volatilities").forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 5.0));
        assertThat(json.get("parameters").get("method").asText()).isEqualTo(method);
        assertThat(json.get("parameters").get("volModel").asText()).isEqualTo(volModel);
    }

    @Test
    void closedFormsHoldThroughTheCli() throws Exception {
        Path book = dir.resolve("short-perp.csv");
        Files.writeString(book, "id,underlying,type,quantity,entry_price\np,BTC,PERP,-3,90000\n");
        ComputeCommandTest.Run r = run("compute", "--portfolio", book.toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(),
                "--confidence", "0.975", "--horizon-days", "5");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        double z = new NormalDistribution().inverseCumulativeProbability(0.975);
        double sd = 3 * 92_300 * 0.55 * Math.sqrt(5 / 365.0);
        assertThat(json.get("var").asDouble()).isCloseTo(sd * z, within(1e-6 * sd * z));
        assertThat(json.get("es").asDouble()).isCloseTo(sd * NormalDist.pdf(z) / 0.025, within(1e-6 * sd));
    }

    @Test
    void historicalMethodsUseTheBundledHistoryWhenNoneIsGiven(@TempDir Path dir) throws Exception {
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-eth-basis.csv").toString(),
                "--market", SAMPLES.resolve("btc-eth-basis.market.json").toString(), "--method", "historical");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("var").asDouble()).isPositive();
        JsonNode h = j.get("history");
        assertThat(h.get("source").asText()).isEqualTo("bundled");
        assertThat(h.get("files")).extracting(JsonNode::asText)
                .containsExactly("BTC-USD.daily.csv", "ETH-USD.daily.csv", "SOL-USD.daily.csv");
        assertThat(h.get("assets").get("ETH").get("last").asText()).isEqualTo("2026-06-23");
        // the snapshot is at 2024-11-20 08:00: the last close it may use is that of 2024-11-19
        assertThat(h.get("lastCloseUsed").asText()).isEqualTo("2024-11-19");
        assertThat(h.get("timeRule").asText()).contains("D+1 00:00 UTC");
        assertThat(j.get("scenarioSet").get("lastCloseUsed").asText()).isEqualTo("2024-11-19");
        // the same run with the same closes given as files gives the same numbers
        for (var src : io.marginscope.io.BundledHistory.sources()) {
            Files.writeString(dir.resolve(io.marginscope.io.PriceHistoryFiles.assetOfFileName(
                    src.name().substring(src.name().lastIndexOf('/') + 1)) + "-USD.daily.csv"), src.text());
        }
        JsonNode files = new ObjectMapper().readTree(run("compute", "--portfolio",
                SAMPLES.resolve("btc-eth-basis.csv").toString(), "--market",
                SAMPLES.resolve("btc-eth-basis.market.json").toString(), "--method", "historical", "--history",
                dir.toString()).out());
        assertThat(files.get("var").asDouble()).isEqualTo(j.get("var").asDouble());
        assertThat(files.get("history").get("source").asText()).isEqualTo("files");
        // a run that needs no history reads none
        JsonNode parametric = new ObjectMapper().readTree(run("compute", "--portfolio",
                SAMPLES.resolve("btc-eth-basis.csv").toString(), "--market",
                SAMPLES.resolve("btc-eth-basis.market.json").toString()).out());
        assertThat(parametric.has("history")).isFalse();
        r = run("compute", "--portfolio", SAMPLES.resolve("btc-eth-basis.csv").toString(),
                "--market", SAMPLES.resolve("btc-eth-basis.market.json").toString(), "--method", "magic");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--method");
    }

    @Test
    void sameSeedSameNumbers() throws Exception {
        String[] args = {"compute", "--portfolio", SAMPLES.resolve("deribit-options-book.json").toString(),
                "--market", SAMPLES.resolve("deribit-options-book.market.json").toString(), "--method", "montecarlo",
                "--seed", "123", "--scenarios", "3000", "--student-dof", "5", "--vol-of-vol", "0.8"};
        String a = run(args).out();
        String b = run(args).out();
        assertThat(a).isEqualTo(b);
        assertThat(new ObjectMapper().readTree(a).get("var").asDouble()).isPositive();
    }
}
