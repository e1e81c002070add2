package io.marginscope.stress;

import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled episodes: each loads, and where the program's own daily closes
 * ({@link BundledHistory}) cover its dates, its BTC, ETH and SOL moves and path steps are the
 * ratios of those closes.
 */
class StressLibraryTest {

    static List<String> ids() {
        return ScenarioLibrary.ids();
    }

    @Test
    void theLibraryHasTheFiveEpisodes() throws Exception {
        assertThat(ScenarioLibrary.ids()).containsExactly("2020-03-12", "2021-05-19", "2022-05-09", "2022-11-08",
                "2024-08-05");
        assertThat(ScenarioLibrary.all()).extracting(StressScenario::name).containsExactly(
                "2020-03-12 Black Thursday", "2021-05-19 China crackdown crash", "2022-05-09..12 LUNA/UST collapse",
                "2022-11-08..09 FTX collapse", "2024-08-05 yen carry unwind");
        assertThat(ScenarioLibrary.find("2020-03-12 black thursday")).contains("2020-03-12");
        assertThat(ScenarioLibrary.find("2022-11-08")).contains("2022-11-08");
        assertThat(ScenarioLibrary.find("1987-10-19")).isEmpty();
        assertThatThrownBy(() -> ScenarioLibrary.load("1987-10-19")).isInstanceOf(InputException.class)
                .hasMessageContaining("2020-03-12");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void eachEpisodeLoadsWithAPathSourcesAndAFallingMarket(String id) throws Exception {
        StressScenario s = ScenarioLibrary.load(id);
        assertThat(s.name()).startsWith(id.substring(0, 7));
        assertThat(s.description()).isNotBlank();
        assertThat(s.source()).contains("BTC close").contains("BTC-USD.daily.csv");
        assertThat(s.weight()).isEqualTo(1);
        assertThat(s.horizonDays()).isBetween(1.0, 4.0);
        assertThat(s.isPath()).isTrue();
        for (String crypto : List.of("BTC", "ETH", "SOL")) {
            assertThat(s.shockFor(crypto).price()).as(id + " " + crypto).isNegative();
            assertThat(s.shockFor(crypto).volPoints()).as(id + " " + crypto).isPositive();
        }
        assertThat(s.shockFor("USDC").isNone()).isTrue();
        assertThat(s.shockFor("USDT").isNone()).isTrue();
        assertThat(s.shocks().hasDefault()).isTrue();
        // the path reaches the aggregate move on the end date
        LocalDate end = s.path().get(0).date().minusDays((long) s.path().get(0).horizonDays())
                .plusDays((long) s.horizonDays());
        StressScenario.PathStep last = s.path().stream().filter(p -> p.date().equals(end)).findFirst().orElseThrow();
        for (String a : List.of("BTC", "ETH", "SOL", "ADA")) {
            assertThat(last.shocks().forAsset(a).price()).as(id + " " + a)
                    .isCloseTo(s.shockFor(a).price(), within(5e-5));
        }
        // every vol shift is approximate, and said so
        assertThat(s.source()).contains("approximate, from public market reports of the day");
    }

    @ParameterizedTest
    @MethodSource("ids")
    void btcEthAndSolMovesAreTheRatiosOfTheRealCloses(String id) throws Exception {
        PriceHistory h = realHistory();
        StressScenario s = ScenarioLibrary.load(id);
        LocalDate base = s.path().get(0).date().minusDays((long) s.path().get(0).horizonDays());
        LocalDate end = base.plusDays((long) s.horizonDays());
        int checked = 0;
        for (String asset : List.of("BTC", "ETH", "SOL")) {
            AssetPrices p = h.has(asset) ? h.of(asset) : null;
            if (p == null || p.last().isBefore(end) || p.first().isAfter(base)) {
                // only SOL before it traded (2020-03-12) is outside the data
                assertThat(asset + " " + id).isEqualTo("SOL 2020-03-12");
                assertThat(s.source()).contains("SOL had not started trading");
                continue;
            }
            assertThat(s.source()).as(id + " " + asset).contains(asset + " close " + base);
            double baseClose = close(p, base);
            assertThat(s.shockFor(asset).price()).as(id + " " + asset + " aggregate")
                    .isCloseTo(close(p, end) / baseClose - 1, within(5e-5));
            for (StressScenario.PathStep step : s.path()) {
                assertThat(step.shocks().forAsset(asset).price()).as(id + " " + asset + " " + step.date())
                        .isCloseTo(close(p, step.date()) / baseClose - 1, within(1e-9));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(id.equals("2020-03-12") ? 2 : 3);
    }

    private static double close(AssetPrices p, LocalDate d) {
        int i = p.dates().indexOf(d);
        assertThat(i).as("close on " + d).isNotNegative();
        return p.closes()[i];
    }

    private static PriceHistory realHistory() throws InputException {
        return BundledHistory.read().value();
    }
}
