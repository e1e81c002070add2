package io.marginscope.risk;

import io.marginscope.io.BundledHistory;
import io.marginscope.model.Loaded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Checks on the real daily history the program ships with ({@link BundledHistory}). */
class RealPriceHistoryTest {

    static PriceHistory history;

    @BeforeAll
    static void load() throws Exception {
        Loaded<PriceHistory> loaded = BundledHistory.read();
        assertThat(loaded.warnings()).isEmpty();
        history = loaded.value();
    }

    @Test
    void loadsTheBundledFilesWithTheDocumentedRangesClosesAndNoGaps() {
        assertThat(history.assets()).containsExactly("BTC", "ETH", "SOL");
        assertThat(BundledHistory.ranges(history))
                .isEqualTo("BTC 2014-01-01..2025-09-24, ETH 2015-08-07..2026-06-23, SOL 2020-04-10..2026-06-23");
        // rows of SOURCES.md: 4,285, 3,974 and 2,266, one a day, none missing
        assertThat(history.of("BTC").size()).isEqualTo(4285);
        assertThat(history.of("ETH").size()).isEqualTo(3974);
        assertThat(history.of("SOL").size()).isEqualTo(2266);
        for (String a : List.of("BTC", "ETH", "SOL")) {
            assertThat(history.of(a).missingDays()).as(a).isZero();
        }
        // the checks listed in SOURCES.md
        assertThat(close("BTC", "2020-03-12")).isCloseTo(4857.10, within(0.005));
        assertThat(close("BTC", "2020-03-11")).isCloseTo(7938.05, within(0.005));
        assertThat(close("ETH", "2020-03-12")).isCloseTo(112.347122, within(5e-7));
        assertThat(close("ETH", "2020-03-11")).isCloseTo(194.868530, within(5e-7));
        assertThat(close("ETH", "2021-11-23")).isCloseTo(4340.76, within(0.01));
        assertThat(close("ETH", "2021-11-24")).isCloseTo(4239.98, within(0.01)); // the final row, not the part day
        assertThat(close("ETH", "2025-08-22")).isCloseTo(4831, within(1.0));
        assertThat(close("SOL", "2022-11-08")).isCloseTo(24.152937, within(5e-7));
        assertThat(close("SOL", "2022-11-09")).isCloseTo(13.940857, within(5e-7));
        assertThat(close("SOL", "2024-11-20")).isCloseTo(235, within(1.0));
        // common returns: BTC and ETH overlap 2015-08-07..2025-09-24 with no gap, one return a day after the first
        AlignedReturns both = history.returns(List.of("BTC", "ETH"));
        assertThat(both.warnings()).isEmpty();
        int common = (int) (LocalDate.parse("2025-09-24").toEpochDay() - LocalDate.parse("2015-08-07").toEpochDay());
        assertThat(both.returns().length()).isEqualTo(common);
        AlignedReturns three = history.returns(List.of("BTC", "ETH", "SOL"));
        assertThat(three.returns().length())
                .isEqualTo(LocalDate.parse("2025-09-24").toEpochDay() - LocalDate.parse("2020-04-10").toEpochDay());
    }

    private static double close(String asset, String date) {
        AssetPrices p = history.of(asset);
        int i = p.dates().indexOf(LocalDate.parse(date));
        assertThat(i).as(asset + " " + date).isNotNegative();
        return p.closes()[i];
    }

    @Test
    void btcVolModelsGivePlausibleFiguresAtTheEndOfTheHistory() {
        double[] r = history.returns(List.of("BTC")).returns().of("BTC");
        double ewma = new EwmaVol().forecastAnnualVol(r, 1, 365);
        assertThat(ewma).isBetween(0.2, 1.5);

        GarchFit fit = new GarchVol().fit(r);
        assertThat(fit.usable()).isTrue();
        assertThat(fit.persistence()).isLessThan(1);
        double garch1 = GarchVol.forecastAnnualVol(fit, r, 1, 365);
        double garch10 = GarchVol.forecastAnnualVol(fit, r, 10, 365);
        assertThat(garch1).isBetween(0.2, 1.5);
        double hist365 = new HistoricalVol(365).forecastAnnualVol(r, 1, 365);
        assertThat(hist365).isBetween(0.2, 1.5);
        System.out.printf(Locale.ROOT, "BTC %d returns to %s: GARCH omega %.4g alpha %.4f beta %.4f (persistence %.4f,"
                        + " long-run vol %.3f, LL %.1f); 1-day vol EWMA %.4f GARCH %.4f, 10-day GARCH %.4f;"
                        + " historical 365d %.4f%n",
                r.length, history.of("BTC").last(), fit.omega(), fit.alpha(), fit.beta(), fit.persistence(),
                fit.longRunAnnualVol(365), fit.logLikelihood(), ewma, garch1, garch10, hist365);
    }

    @Test
    void btcEthCorrelationIsPositiveAndTheMatrixValid() {
        ReturnSeries r = history.returnsUpTo(List.of("BTC", "ETH"), LocalDate.parse("2024-11-20")).returns();
        double sample = Correlations.sample(r.last(365)).get("BTC", "ETH");
        double ewma = Correlations.ewma(r, 0.94).get("BTC", "ETH");
        assertThat(sample).isBetween(0.3, 0.98);
        assertThat(ewma).isBetween(0.0, 0.99);
        System.out.printf(Locale.ROOT, "BTC/ETH to %s: sample 365d %.4f, EWMA %.4f%n", r.dates().getLast(), sample, ewma);
    }
}
