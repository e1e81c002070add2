package io.marginscope.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.margin.exchange.BinanceBrackets;
import io.marginscope.margin.exchange.DeribitPmLinearParameters;
import io.marginscope.margin.exchange.DeribitPmParameters;
import io.marginscope.margin.exchange.DeribitStandardParameters;
import io.marginscope.margin.exchange.ExchangeParameters;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.RiskEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** PolicyJson.write: what it writes reads back to an equal policy; exchange parameters in a policy file. */
class PolicyJsonWriteTest {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");

    static List<String> presets() {
        return PolicyPresets.available();
    }

    static Policy read(String text) throws InputException {
        return PolicyJson.read(new TextSource("p.json", text), "p");
    }

    static double mm(Policy p, String book) throws Exception {
        MarketSnapshot m = SnapshotJson.read(SAMPLES.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json"))
                .value();
        Portfolio b = PortfolioFiles.read(SAMPLES.resolve(book), m).value();
        return new MarginCalculator(new RiskEngine()).prepare(b, m, null, p, new MarginCalculator.Settings(2_000, 42))
                .at(m).maintenanceMargin();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetRoundTrips(String name, @TempDir Path dir) throws Exception {
        Policy p = PolicyPresets.load(name);
        Path file = dir.resolve(name + "-copy.json");
        PolicyJson.write(p, file);
        assertThat(PolicyJson.read(file)).isEqualTo(p);
        // and once more: writing is stable
        assertThat(PolicyJson.writeText(PolicyJson.read(file))).isEqualTo(PolicyJson.writeText(p));
    }

    @Test
    void aPolicyWithEveryBlockRoundTrips() throws Exception {
        Policy p = read("""
                {"name": "all", "source": "test",
                 "base": {"measure": "VaR", "confidence": 0.975, "horizonDays": 3, "method": "historical",
                          "volModel": "ewma", "multiplier": 1.25, "windowDays": 500, "studentDof": 5,
                          "apc": {"buffer": 0.25, "stressedWeight": 0.3, "lookbackFloorYears": 5}},
                 "stress": {"span": {"priceScanRange": {"BTC": 0.15, "default": 0.3}, "volScanRange": 0.2,
                                     "extremeMultiple": 2.5, "extremeCover": 0.3},
                            "grid": {"priceRange": {"default": 0.1}, "priceSteps": 9, "volUp": 0.4, "volDown": 0.2},
                            "episodes": ["2020-03-12"], "custom": ["CUSTOM"]},
                 "tiers": {"BTC": [[0, 0.004, 0], [50000, 0.005, 50]], "default": [[0, 0.01, 0]]},
                 "liquidity": {"model": "sqrt", "sqrtImpactK": 0.7},
                 "concentration": {"advShareThreshold": 0.02, "rate": 0.05},
                 "haircuts": {"confidence": 0.99, "horizonDays": 2, "floor": {"BTC": 0.02, "default": 0.1}},
                 "imToMm": 1.3, "thresholds": {"warning": 0.7, "liquidation": 0.95},
                 "exchange": {"model": "binance-tiered"},
                 "counterparty": {"tiers": {"A": 1, "B": 1.1}, "tier": "B", "wrongWay": true,
                                  "specificWrongWay": {"FTT": 0.5}}}""".replace("CUSTOM", SAMPLES.resolve(
                "../assets/scenarios/2021-05-19.json").toString().replace("\\", "/")));
        ObjectNode json = PolicyJson.write(p);
        assertThat(read(PolicyJson.text(json))).isEqualTo(p);
        assertThat(json.at("/base/measure").asText()).isEqualTo("VaR");
        assertThat(json.at("/tiers/BTC/1/2").asLong()).isEqualTo(50);
        assertThat(json.at("/exchange/parameters/BTC/brackets")).hasSize(10);
        // the episode and the custom file are read with the policy: the margin never reads them
        assertThat(p.stress().scenarios()).extracting(s -> s.name()).containsExactly("2020-03-12 Black Thursday",
                ScenarioLibrary.load("2021-05-19").name());
        assertThatThrownBy(() -> read("{\"stress\": {\"episodes\": [\"1987-10-19\"]}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("stress.episodes").hasMessageContaining("1987-10-19");
    }

    @Test
    void thePublishedParametersAreWrittenOutInFull() throws Exception {
        ObjectNode pm = PolicyJson.write(PolicyPresets.load("deribit-pm"));
        assertThat(pm.at("/exchange/parameters/pairs/BTC/priceRange").asDouble()).isEqualTo(0.16);
        assertThat(pm.at("/exchange/parameters/pairs/ETH/volRangeUp").asDouble()).isEqualTo(0.4);
        assertThat(pm.at("/exchange/parameters/settlements/USD/pnlOffset").asDouble()).isEqualTo(0.4);
        assertThat(pm.at("/exchange/parameters/mmFactor").asDouble()).isEqualTo(0.8);
        ObjectNode bin = PolicyJson.write(PolicyPresets.load("binance-tiered"));
        assertThat(bin.at("/exchange/parameters/BTC/brackets/2/1").asDouble()).isEqualTo(0.01);
        assertThat(bin.at("/exchange/parameters/BTC/brackets/2")).hasSize(2); // the amount follows the rule
        ObjectNode std = PolicyJson.write(PolicyPresets.load("deribit-standard"));
        assertThat(std.at("/exchange/parameters/SOL/optionInitialRate").isMissingNode()).isTrue();
        assertThat(std.at("/exchange/parameters/BTC/optionMaintenanceRate").asDouble()).isEqualTo(0.075);
    }

    @Test
    void theDefaultsAreThePublishedTables() {
        ExchangeParameters.DeribitPm pm = ExchangeParameters.DeribitPm.defaults();
        assertThat(pm.inverse()).isEqualTo(DeribitPmParameters.defaults());
        assertThat(pm.linear()).isEqualTo(DeribitPmLinearParameters.defaults());
        assertThat(((ExchangeParameters.BinanceTiered) ExchangeParameters.defaults("binance-tiered")).byUnderlying())
                .isEqualTo(BinanceBrackets.byUnderlying());
        assertThat(((ExchangeParameters.DeribitStandard) ExchangeParameters.defaults("deribit-standard")).byCurrency())
                .isEqualTo(DeribitStandardParameters.defaults());
    }

    @Test
    void aWiderDeribitPriceRangeRaisesTheMarginOfTheStrangle() throws Exception {
        Policy preset = PolicyPresets.load("deribit-pm");
        ObjectNode json = PolicyJson.write(preset);
        assertThat(read(PolicyJson.text(json))).isEqualTo(preset);
        double before = mm(preset, "btc-short-strangle.csv");
        ((ObjectNode) json.at("/exchange/parameters/pairs/BTC")).put("priceRange", 0.20);
        Policy wider = read(PolicyJson.text(json));
        double after = mm(wider, "btc-short-strangle.csv");
        assertThat(before).isEqualTo(mm(read("{\"exchange\": {\"model\": \"deribit-pm\"}}"), "btc-short-strangle.csv"));
        assertThat(after).isGreaterThan(before);
        // a partial block: the other fields keep their published values
        Policy partial = read("""
                {"exchange": {"model": "deribit-pm", "parameters": {"pairs": {"BTC": {"priceRange": 0.2}, "ETH": {}}}}}""");
        assertThat(mm(partial, "btc-short-strangle.csv")).isCloseTo(after, within(1e-9 * after));
    }

    @Test
    void aBinanceRateEditMovesTheFloorsAmountsByTheRule() throws Exception {
        Policy p = read("""
                {"exchange": {"model": "binance-tiered", "parameters": {"BTC": {"cap": 1e9,
                  "brackets": [[0, 0.004], [50000, 0.006], [250000, 0.01]]}}}}""");
        var t = ((ExchangeParameters.BinanceTiered) p.exchange().parameters()).byUnderlying().get("BTC");
        assertThat(t.rows().get(1).amount()).isCloseTo(50000 * 0.002, within(1e-9));
        assertThat(t.amountMismatches(1e-9)).isEmpty();
        assertThat(read(PolicyJson.writeText(p))).isEqualTo(p);
    }

    @Test
    void badParametersNameTheField() {
        assertThatThrownBy(() -> read("""
                {"exchange": {"model": "deribit-pm", "parameters": {"pairs": {"BTC": {"priceRange": -1}}}}}"""))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("exchange.parameters.pairs.BTC.priceRange");
        assertThatThrownBy(() -> read("""
                {"exchange": {"model": "binance-tiered", "parameters": {"BTC": {"brackets": [[0, "abc"]]}}}}"""))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("exchange.parameters.BTC.brackets[0][1]").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> read("""
                {"exchange": {"model": "deribit-pm", "parameters": {"pairs": {"SOL": {"priceRange": 0.3}}}}}"""))
                .isInstanceOf(InputException.class).hasMessageContaining("pairs.SOL.buckets");
        assertThatThrownBy(() -> read("""
                {"exchange": {"model": "deribit-standard", "parameters": {"BTC": {"futuresRate": 0.1}}}}"""))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown field");
    }
}
