package io.marginscope.io;

import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.StressScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The scenario file of {@link ScenarioJson}: custom scenarios and the path form of the library. */
class StressScenarioJsonTest {

    static final String GOOD = """
            {
              "name": "BTC crash, vol spike",
              "description": "a custom stress",
              "horizonDays": 0,
              "shocks": {
                "btc": {"price": -0.25, "volRelative": 0.5, "volPoints": 10},
                "default": {"price": -0.3}
              },
              "correlations": [["BTC", "ETH", 0.95]],
              "weight": 1
            }
            """;

    static StressScenario read(String json) throws InputException {
        return ScenarioJson.read(new TextSource("custom.json", json));
    }

    static InputException error(String json) {
        try {
            read(json);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void readsACustomScenario() throws Exception {
        StressScenario s = read(GOOD);
        assertThat(s.name()).isEqualTo("BTC crash, vol spike");
        assertThat(s.description()).isEqualTo("a custom stress");
        assertThat(s.shockFor("BTC")).isEqualTo(new AssetShock(-0.25, 0.5, 10));
        assertThat(s.shockFor("ETH")).isEqualTo(AssetShock.price(-0.3));
        assertThat(s.shockFor("BTC").applyVol(0.6)).isCloseTo(0.6 * 1.5 + 0.10, within(1e-12));
        assertThat(s.correlations()).containsEntry(new AssetPair("ETH", "BTC"), 0.95);
        assertThat(s.weight()).isEqualTo(1);
        assertThat(s.horizonDays()).isZero();
        assertThat(s.isPath()).isFalse();
    }

    @Test
    void optionalFieldsDefault() throws Exception {
        StressScenario s = read("{\"name\": \"x\", \"shocks\": {\"ETH\": {\"price\": 0.1}}}");
        assertThat(s.weight()).isEqualTo(1);
        assertThat(s.horizonDays()).isZero();
        assertThat(s.shockFor("BTC")).isEqualTo(AssetShock.NONE);
        assertThat(s.correlations()).isEmpty();
    }

    @Test
    void missingFieldIsNamedWithItsLine() {
        InputException e = error("""
                {
                  "name": "x",
                  "shocks": {
                    "BTC": {"volPoints": 10}
                  }
                }
                """);
        assertThat(e.file()).isEqualTo("custom.json");
        assertThat(e.field()).isEqualTo("shocks.BTC.price");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("custom.json: line 4, field 'shocks.BTC.price'").contains("missing");
        InputException noName = error("{\"shocks\": {\"BTC\": {\"price\": 0}}}");
        assertThat(noName.field()).isEqualTo("name");
    }

    @Test
    void negativeWeightIsNamedWithItsLine() {
        InputException e = error(GOOD.replace("\"weight\": 1", "\"weight\": -0.5"));
        assertThat(e.field()).isEqualTo("weight");
        assertThat(e.line()).isEqualTo(10);
        assertThat(e.getMessage()).contains("line 10").contains("'weight'").contains("-0.5");
    }

    @Test
    void unknownFieldIsAnErrorNamedWithItsLine() {
        InputException top = error(GOOD.replace("\"weight\": 1", "\"wieght\": 1"));
        assertThat(top.field()).isEqualTo("wieght");
        assertThat(top.line()).isEqualTo(10);
        assertThat(top.problem()).contains("unknown field").contains("weight");
        InputException inner = error(GOOD.replace("\"volPoints\": 10", "\"volPts\": 10"));
        assertThat(inner.field()).isEqualTo("shocks.btc.volPts");
        assertThat(inner.line()).isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"price\": -1                    | shocks.BTC.price",
            "\"price\": -25                   | shocks.BTC.price",
            "\"price\": \"-0.1x\"             | shocks.BTC.price",
            "\"price\": 0, \"volRelative\": -2 | shocks.BTC.volRelative",
            "\"price\": 0, \"volPoints\": 900  | shocks.BTC.volPoints"})
    void badShockValuesAreNamed(String shock, String field) {
        InputException e = error("{\"name\": \"x\",\n \"shocks\": {\"BTC\": {" + shock + "}}}");
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void otherBadValues() {
        assertThat(error("{\"name\": \"x\", \"shocks\": {}}").field()).isEqualTo("shocks");
        assertThat(error("{\"name\": \"x\", \"horizonDays\": -1, \"shocks\": {\"BTC\": {\"price\": 0}}}").field())
                .isEqualTo("horizonDays");
        assertThat(error("{\"name\": \"x\", \"shocks\": {\"BTC\": {\"price\": 0}, \"btc\": {\"price\": 0}}}").field())
                .isEqualTo("shocks.btc");
        assertThat(error(GOOD.replace("0.95", "1.5")).field()).isEqualTo("correlations[0][2]");
        assertThat(error("[1]").problem()).contains("JSON object");
        assertThat(error("{\"name\": \"x\", \"shocks\": {\"BTC\": {\"price\": 0}}").problem()).contains("malformed");
    }

    static final String PATH = """
            {
              "name": "replay",
              "horizonDays": 2,
              "shocks": {
                "BTC": {"price": -0.2, "volPoints": 30},
                "SOL": {"price": -0.5},
                "USDC": {"price": 0}
              },
              "path": {
                "base": "2022-11-07",
                "closes": {"BTC": {"2022-11-07": 100, "2022-11-08": 90, "2022-11-09": 80, "2022-11-10": 88}}
              }
            }
            """;

    @Test
    void pathStepsFollowTheClosesAndScaleTheOthersInLogTerms() throws Exception {
        StressScenario s = read(PATH);
        assertThat(s.isPath()).isTrue();
        assertThat(s.path()).hasSize(3);
        StressScenario.PathStep first = s.path().get(0);
        assertThat(first.date()).isEqualTo(LocalDate.parse("2022-11-08"));
        assertThat(first.horizonDays()).isEqualTo(1);
        assertThat(first.shocks().forAsset("BTC").price()).isCloseTo(-0.1, within(1e-12));
        assertThat(first.shocks().forAsset("BTC").volPoints()).isEqualTo(30);
        double ratio = Math.log(0.9) / Math.log(0.8);
        assertThat(first.shocks().forAsset("SOL").price()).isCloseTo(Math.exp(Math.log(0.5) * ratio) - 1, within(1e-12));
        assertThat(first.shocks().forAsset("USDC").price()).isZero();
        // on the end date every asset reaches its aggregate move
        StressScenario.PathStep end = s.path().get(1);
        assertThat(end.horizonDays()).isEqualTo(2);
        assertThat(end.shocks().forAsset("BTC").price()).isCloseTo(-0.2, within(1e-12));
        assertThat(end.shocks().forAsset("SOL").price()).isCloseTo(-0.5, within(1e-12));
        assertThat(s.path().get(2).shocks().forAsset("BTC").price()).isCloseTo(-0.12, within(1e-12));
        assertThat(s.aggregate().isPath()).isFalse();
    }

    @Test
    void pathErrorsAreNamed() {
        InputException mismatch = error(PATH.replace("\"price\": -0.2", "\"price\": -0.25"));
        assertThat(mismatch.field()).isEqualTo("shocks.BTC.price");
        assertThat(mismatch.line()).isEqualTo(5);
        assertThat(mismatch.problem()).contains("-0.200000");
        InputException noEnd = error(PATH.replace("\"horizonDays\": 2", "\"horizonDays\": 5"));
        assertThat(noEnd.field()).isEqualTo("horizonDays");
        InputException notNamed = error(PATH.replace("\"closes\": {\"BTC\"", "\"closes\": {\"ETH\": {\"2022-11-07\": 1, "
                + "\"2022-11-08\": 1, \"2022-11-09\": 1, \"2022-11-10\": 1}, \"BTC\""));
        assertThat(notNamed.field()).isEqualTo("path.closes.ETH");
        InputException noBase = error(PATH.replace("\"base\": \"2022-11-07\"", "\"base\": \"2022-11-06\""));
        assertThat(noBase.field()).isEqualTo("path.closes.BTC");
        assertThat(noBase.problem()).contains("base date 2022-11-06");
        InputException beforeBase = error(PATH.replace("\"base\": \"2022-11-07\"", "\"base\": \"2022-11-08\""));
        assertThat(beforeBase.field()).isEqualTo("path.closes.BTC.2022-11-07");
        assertThat(beforeBase.line()).isEqualTo(11);
        InputException badDate = error(PATH.replace("\"2022-11-10\"", "\"2022-11-31\""));
        assertThat(badDate.field()).isEqualTo("path.closes.BTC.2022-11-31");
        InputException unknown = error(PATH.replace("\"base\"", "\"start\": 1, \"base\""));
        assertThat(unknown.field()).isEqualTo("path.start");
    }
}
