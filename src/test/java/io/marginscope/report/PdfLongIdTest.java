package io.marginscope.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Position ids the PDF cannot print whole: cut and marked, with a footnote sending to the CSV export. */
class PdfLongIdTest {

    @Test
    void aLongIdIsCutAndAWideScriptIdMarkedWithAFootnote(@TempDir Path dir) throws Exception {
        var in = ReportFixtures.inputs("btc-short-strangle.csv", null);
        String longId = "x".repeat(5000);
        String book = in.portfolio().text().replace("btc-perp-hedge", longId)
                .replace("btc-coll", "\u05d1\u05d9\u05d8-\u0628\u062a\u0643-\u0915\u0949\u0907\u0928-\u6bd4\u7279");
        var run = io.marginscope.run.ComputeRun.run(new io.marginscope.run.RunInputs(
                new io.marginscope.io.TextSource(in.portfolio().name(), book), in.market(), in.history(),
                in.parameters(), null));
        ReportData data = ReportBuilder.build(run, ReportFixtures.FIXED);
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(data, pdf, PdfReport.PageSize.A4);
        String text = PdfReportTest.text(pdf).replace("\n", " ");
        assertThat(text).contains("x".repeat(PdfReport.MAX_ID - 3) + "... *");
        assertThat(text).doesNotContain("x".repeat(PdfReport.MAX_ID + 1));
        assertThat(text).contains("the full ids are in positions.csv");
        // the CSV export has the ids whole
        var staged = CsvExport.write(data, dir.resolve("csv"));
        assertThat(CsvExport.read(dir.resolve("csv").resolve(CsvExport.POSITIONS)))
                .extracting(r -> r.get("id")).contains(longId, "\u05d1\u05d9\u05d8-\u0628\u062a\u0643-\u0915\u0949\u0907\u0928-\u6bd4\u7279");
        assertThat(staged.files()).hasSize(5); // the four of the set and margin-components.csv (no policy file without a policy)
    }
}
