package io.marginscope.report;

import io.marginscope.io.TextSource;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs and reports of the sample books for the report tests. */
final class ReportFixtures {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");
    static final Clock FIXED = Clock.fixed(Instant.parse("2024-11-20T09:30:00Z"), ZoneOffset.UTC);

    private ReportFixtures() {
    }

    static RunInputs inputs(String book, String policy) throws Exception {
        String market = book.substring(0, book.lastIndexOf('.')) + ".market.json";
        return ComputeRun.fromFiles(SAMPLES.resolve(book), SAMPLES.resolve(market), List.of(),
                RunParameters.defaults(), policy, new ArrayList<>());
    }

    static ReportData report(String book, String policy) throws Exception {
        return ReportBuilder.build(ComputeRun.run(inputs(book, policy)), FIXED);
    }

    /** A 400-day random BTC history ending the day before the samples' as-of (2024-11-20). */
    static TextSource btcHistory() {
        StringBuilder h = new StringBuilder("date,close\n");
        java.util.Random rng = new java.util.Random(1);
        double px = 60_000;
        LocalDate d = LocalDate.of(2024, 11, 19).minusDays(399);
        for (int t = 0; t < 400; t++) {
            px *= Math.exp(0.03 * rng.nextGaussian());
            h.append(d.plusDays(t)).append(',').append(px).append('\n');
        }
        return new TextSource("BTC-USD.daily.csv", h.toString());
    }

    /** The strangle with a history, by historical simulation: a backtest runs. */
    static ReportData withHistory() throws Exception {
        RunInputs in = inputs("btc-short-strangle.csv", "span");
        RiskParameters p = RiskParameters.defaults().withMethod(RiskMethod.HISTORICAL);
        RunInputs h = new RunInputs(in.portfolio(), in.market(), List.of(btcHistory()),
                new RunParameters(p, Set.of("method")), in.policy());
        return ReportBuilder.build(ComputeRun.run(h), FIXED);
    }
}
