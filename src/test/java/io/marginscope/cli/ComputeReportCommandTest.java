package io.marginscope.cli;

import io.marginscope.report.CsvExport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code compute --pdf OUT --csv DIR}: the JSON is unchanged, the report and the exports are written. */
class ComputeReportCommandTest {

    @Test
    void writesThePdfAndTheCsvFolderBesideTheJson(@TempDir Path dir) throws Exception {
        String[] base = {"compute", "--portfolio", SAMPLES.resolve("deribit-options-book.json").toString(),
                "--market", SAMPLES.resolve("deribit-options-book.market.json").toString(), "--policy", "span"};
        ComputeCommandTest.Run plain = run(base);
        Path pdf = dir.resolve("report.pdf");
        Path csv = dir.resolve("csv");
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.of("--pdf", pdf.toString(), "--page-size", "letter", "--csv", csv.toString()))
                .toArray(String[]::new);
        ComputeCommandTest.Run r = run(args);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(plain.out());
        assertThat(r.err()).contains("wrote " + pdf).contains("wrote 6 CSV files in " + csv);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.LETTER.getWidth());
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("deribit-options-book").contains("Policy comparison");
        }
        for (String f : new String[] {CsvExport.POSITIONS, CsvExport.SCENARIO_PNL, CsvExport.STRESS,
                CsvExport.BACKTEST_EXCEPTIONS, CsvExport.MARGIN_COMPONENTS, CsvExport.POLICY}) {
            assertThat(csv.resolve(f)).exists();
        }
        assertThat(Files.readString(csv.resolve(CsvExport.POSITIONS))).startsWith("id,underlying,type,");
    }

    @Test
    void anUnknownPageSizeIsBadInput(@TempDir Path dir) {
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(),
                "--pdf", dir.resolve("r.pdf").toString(), "--page-size", "a3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--page-size").contains("a4 or letter");
        assertThat(dir.resolve("r.pdf")).doesNotExist();
    }
}
