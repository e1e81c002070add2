package io.marginscope.risk;

import io.marginscope.model.Loaded;
import io.marginscope.io.PriceHistoryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks on the real daily history in the shared data folder ({@code ../shared/data/prices} from
 * the project, or {@code -Dmarginscope.pricesDir}); skipped when it is absent, as in a clean clone.
 */
class RealPriceHistoryTest {

    static PriceHistory history;

    @BeforeAll
    static void load() throws Exception {
        String explicit = System.getProperty("marginscope.pricesDir");
        Path dir = explicit != null ? Path.of(explicit)
                : Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("../shared/data/prices").normalize();
        assumeTrue(Files.isRegularFile(dir.resolve("BTC-USD.daily.csv")), "no shared price data at " + dir);
        Loaded<PriceHistory> loaded = PriceHistoryFiles.read(dir);
        history = loaded.value();
    }

    @Test
    void loadsTheFolderWithTheDocumentedClosesAndGaps() {
        assertThat(history.assets()).contains("BTC", "ETH");
        AssetPrices btc = history.of("BTC");
        assertThat(btc.missingDays()).isZero();
        assertThat(btc.closes()[btc.dates().indexOf(LocalDate.parse("2020-03-12"))]).isCloseTo(4857, within(1.0));
        AlignedReturns both = history.returns(List.of("BTC", "ETH"));
        assertThat(both.warnings()).anyMatch(w -> w.startsWith("ETH: 4 missing days between 2015-08-07 and 2021-11-24,"
                + " first 2020-04-17"));
        // each missing day loses the returns ending on it and on the next day: 2 + 2 + 3 (10-12 and 10-13 adjacent) = 7
        int common = (int) (LocalDate.parse("2021-11-24").toEpochDay() - LocalDate.parse("2015-08-07").toEpochDay());
        assertThat(both.returns().length()).isEqualTo(common - 7);
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
