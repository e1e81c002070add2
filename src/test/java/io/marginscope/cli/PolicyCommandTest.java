package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** compute --policy and compare on every sample (issue acceptance). */
class PolicyCommandTest {

    static final String[] BOOKS = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"};

    static String[] args(String book, String... more) {
        List<String> a = new ArrayList<>(List.of("--portfolio", SAMPLES.resolve(book).toString(), "--market",
                SAMPLES.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json").toString(),
                "--scenarios", "2000"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String b : BOOKS) {
            for (String p : new String[] {"ramm", "span", "deribit-pm", "deribit-standard", "binance-tiered"}) {
                out.add(Arguments.of(b, p));
            }
        }
        return out.stream();
    }

    static JsonNode compute(String... a) throws Exception {
        List<String> all = new ArrayList<>(List.of("compute"));
        all.addAll(List.of(a));
        ComputeCommandTest.Run r = run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void computeFillsTheMarginFields(String book, String policy) throws Exception {
        JsonNode j = compute(args(book, "--policy", policy));
        JsonNode cov = j.get("coverage");
        assertThat(cov.get("positions").asInt()).isEqualTo(j.get("positions").size());
        assertThat(cov.get("notCoveredCount").asInt()).isEqualTo(cov.get("notCovered").size());
        if (!cov.get("status").asText().equals("full")) {
            // the policy cannot margin part of the book (options under binance-tiered, USDC options under
            // deribit-standard): no MM, IM, ratio or free margin, and each position left out with its reason
            assertThat(cov.get("notCovered")).isNotEmpty();
            cov.get("notCovered").forEach(n -> assertThat(n.get("reason").asText()).isNotBlank());
            for (String absent : new String[] {"maintenanceMargin", "initialMargin", "freeMargin"}) {
                assertThat(j.has(absent)).as(absent).isFalse();
            }
            assertThat(j.get("marginRatio").isNull()).isTrue();
            assertThat(j.get("marginRatioNote").asText()).startsWith(cov.get("summary").asText());
            assertThat(j.get("zone").asText()).isEqualTo("NOT_COVERED");
            assertThat(j.get("warnings").toString()).contains("maintenance margin not computed");
            return;
        }
        double mm = j.get("maintenanceMargin").asDouble();
        assertThat(mm).isGreaterThanOrEqualTo(0);
        assertThat(j.get("initialMargin").asDouble()).isGreaterThanOrEqualTo(mm);
        assertThat(j.has("marginRatio")).isTrue();
        JsonNode c = j.get("components");
        for (String k : new String[] {"base", "stress", "floor", "liquidity", "concentration"}) {
            assertThat(c.has(k)).as(k).isTrue();
        }
        assertThat(mm).isGreaterThanOrEqualTo(c.get("base").asDouble() - 1e-9);
        assertThat(mm).isGreaterThanOrEqualTo(c.get("stress").asDouble() - 1e-9);
        assertThat(mm).isCloseTo(Math.max(Math.max(c.get("base").asDouble(),
                c.has("exchange") ? c.get("exchange").asDouble() : 0), Math.max(c.get("stress").asDouble(),
                c.get("floor").asDouble())) + c.get("liquidity").asDouble() + c.get("concentration").asDouble(),
                within(1e-6 * Math.max(1, mm)));
        assertThat(j.has("liquidation")).isTrue();
        if (!j.get("marginRatio").isNull()) {
            assertThat(j.get("marginRatio").asDouble()).isCloseTo(mm / j.get("adjustedEquity").asDouble(),
                    within(1e-9));
        }
        assertThat(j.get("policy").get("source").asText()).isNotBlank();
    }

    /**
     * Earlier versions printed MM 0 and ratio 0.0 here (the ETHUSDT table stopped at 10,000 USDT, SOL had
     * none). By hand with the full tables at ETH 3,110 and SOL 238: eth-perp-core 870,800 USDT in tier 3,
     * 0.65% - 950 = 4,710.20; eth-perp-add 186,600 in tier 2, 0.50% - 50 = 883; sol-perp 95,200 in tier 2,
     * 0.65% - 30 = 588.80.
     */
    @Test
    void ethPerpLeveragedUnderBinanceTieredIsMarginedByTheFullTables() throws Exception {
        JsonNode j = compute(args("eth-perp-leveraged.csv", "--policy", "binance-tiered"));
        assertThat(j.get("coverage").get("status").asText()).isEqualTo("full");
        JsonNode c = j.get("components");
        assertThat(c.get("exchange.eth-perp-core").asDouble()).isCloseTo(4_710.2, within(1e-6));
        assertThat(c.get("exchange.eth-perp-add").asDouble()).isCloseTo(883, within(1e-6));
        assertThat(c.get("exchange.sol-perp").asDouble()).isCloseTo(588.8, within(1e-6));
        assertThat(j.get("maintenanceMargin").asDouble()).isCloseTo(6_182.0, within(1e-6));
        assertThat(j.get("marginRatio").asDouble())
                .isCloseTo(6_182.0 / j.get("adjustedEquity").asDouble(), within(1e-12)).isPositive();
    }

    @Test
    void raisingConfidenceOrHorizonNeverLowersMm() throws Exception {
        double last = 0;
        for (String c : new String[] {"0.95", "0.975", "0.99", "0.995"}) {
            double mm = compute(args("eth-perp-leveraged.csv", "--policy", "ramm", "--confidence", c))
                    .get("maintenanceMargin").asDouble();
            assertThat(mm).isGreaterThanOrEqualTo(last);
            last = mm;
        }
        last = 0;
        for (String h : new String[] {"1", "2", "5", "10"}) {
            JsonNode j = compute(args("btc-short-strangle.csv", "--policy", "ramm", "--horizon-days", h));
            assertThat(j.get("parameters").get("horizonDays").asInt()).isEqualTo(Integer.parseInt(h));
            double mm = j.get("maintenanceMargin").asDouble();
            assertThat(mm).isGreaterThanOrEqualTo(last);
            last = mm;
        }
    }

    @Test
    void compareRowsEqualComputeWithEachPolicy() throws Exception {
        ComputeCommandTest.Run r = run(Stream.concat(Stream.of("compare"), Stream.of(args("btc-eth-basis.csv",
                "--policy", "ramm", "--policy", "span", "--policy", "binance-tiered"))).toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("policies");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            JsonNode one = compute(args("btc-eth-basis.csv", "--policy", row.get("policy").asText()));
            assertThat(row.get("maintenanceMargin").asDouble()).isEqualTo(one.get("maintenanceMargin").asDouble());
            assertThat(row.get("initialMargin").asDouble()).isEqualTo(one.get("initialMargin").asDouble());
        }
    }

    @Test
    void aPolicyFileAndItsErrors(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("mine.json");
        Files.writeString(ok, """
                {"name": "mine", "source": "test",
                 "base": {"measure": "VaR", "confidence": 0.99, "horizonDays": 1, "method": "parametric"},
                 "stress": {"grid": {"priceRange": {"default": 0.2}, "priceSteps": 9, "volUp": 0.45, "volDown": 0.3},
                            "episodes": ["2020-03-12"]},
                 "imToMm": 1.2}""");
        JsonNode j = compute(args("btc-short-strangle.csv", "--policy", ok.toString()));
        assertThat(j.get("policy").get("name").asText()).isEqualTo("mine");
        assertThat(j.get("components").get("stress").asDouble()).isPositive();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"base\": {\"confidence\": 0.99,\n \"horizonDays\": -2}}");
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-eth-basis.csv").toString(),
                "--market", SAMPLES.resolve("btc-eth-basis.market.json").toString(), "--policy", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("line 2").contains("base.horizonDays");
    }
}
