package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.report.ReportBuilder;
import io.marginscope.report.ReportData;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunParameters;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One backtest: {@code marginscope backtest} and the backtest page of {@code compute --pdf} (whatever
 * the compute run's own method) give the same observations, exceptions and day-by-day VaR for the
 * same book, market and history.
 */
class BacktestAgreementTest {

    @Test
    void theReportsBacktestIsTheBacktestCommands(@TempDir Path dir) throws Exception {
        Path hist = dir.resolve("BTC-USD.daily.csv");
        StringBuilder h = new StringBuilder("date,close\n");
        Random rng = new Random(3);
        double px = 40_000;
        LocalDate d = LocalDate.of(2024, 11, 19).minusDays(599);
        for (int t = 0; t < 600; t++) {
            px *= Math.exp(0.035 * rng.nextGaussian());
            h.append(d.plusDays(t)).append(',').append(px).append('\n');
        }
        Files.writeString(hist, h.toString());
        Path book = SAMPLES.resolve("btc-short-strangle.csv");
        Path market = SAMPLES.resolve("btc-short-strangle.market.json");

        ComputeCommandTest.Run bt = run("backtest", "--portfolio", book.toString(), "--market", market.toString(),
                "--history", hist.toString(), "--series");
        assertThat(bt.status()).as(bt.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(bt.out());
        int observations = json.get("observations").asInt();
        int exceptions = json.get("exceptions").asInt();
        assertThat(observations).isEqualTo(600 - 1 - 250);

        // the report of a Monte Carlo compute run: its backtest is still the backtest command's
        Path pdf = dir.resolve("r.pdf");
        ComputeCommandTest.Run c = run("compute", "--portfolio", book.toString(), "--market", market.toString(),
                "--history", hist.toString(), "--method", "montecarlo", "--policy", "ramm", "--pdf", pdf.toString(),
                "--json", dir.resolve("c.json").toString());
        assertThat(c.status()).as(c.err()).isZero();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertThat(text).contains("Observations " + observations).contains("Exceptions (loss beyond VaR) " + exceptions);

        ReportData data = ReportBuilder.build(ComputeRun.run(ComputeRun.fromFiles(book, market, List.of(hist),
                RunParameters.defaults(), "ramm", new ArrayList<>())));
        var s = data.backtest().series();
        assertThat(s.size()).isEqualTo(observations);
        JsonNode series = json.get("series");
        double first = s.var()[0];
        boolean moved = false;
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.var()[i]).isEqualTo(series.get(i).get("var").asDouble());
            assertThat(s.pnl()[i]).isEqualTo(series.get(i).get("pnl").asDouble());
            moved |= s.var()[i] != first;
        }
        assertThat(moved).as("the VaR follows the market day by day").isTrue();
        assertThat(data.backtest().report().exceptions()).isEqualTo(exceptions);
    }
}
