package io.marginscope.report;

import io.marginscope.margin.MarginResult;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.io.PolicyPresets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report a committee reads: shares that add up, readable names, coverage, the summary first. */
class ReadableReportTest {

    /** The invariant of the breakdown: the parts with a share add up to MM, and so the shares to 100%. */
    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void theSharesOfEveryPolicyAddUpToMm(String book) throws Exception {
        ReportData data = ReportFixtures.report(book, "ramm");
        for (PolicyComparison.Row row : data.comparison()) {
            MarginResult m = row.result();
            if (m == null || !(m.maintenanceMargin() > 0)) {
                continue;
            }
            double usd = 0;
            double share = 0;
            for (ComponentShares.Row r : ComponentShares.of(m, PolicyPresets.load(row.policy()))) {
                if (!Double.isNaN(r.share())) {
                    usd += r.usd();
                    share += r.share();
                }
                assertThat(r.name()).as("readable name").isNotEqualTo(r.key());
            }
            assertThat(usd).as(book + " " + row.policy()).isCloseTo(m.maintenanceMargin(), within(1e-6));
            assertThat(share).as(book + " " + row.policy()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void theSummaryComesFirstAndTheBreakdownReadsAsWords(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.report("btc-short-strangle.csv", "ramm");
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(data, pdf, PdfReport.PageSize.A4);
        String first;
        String all;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(1);
            s.setEndPage(1);
            first = s.getText(doc);
            all = new PDFTextStripper().getText(doc);
        }
        MarginResult m = data.run().margin();
        assertThat(first).contains("Executive summary").contains(Fmt.money(m.maintenanceMargin()))
                .contains(Fmt.money(m.initialMargin())).contains(Fmt.pct(m.marginRatio()))
                .contains("Distance to liquidation").contains("Worst stress").contains("Backtest traffic light")
                .contains("What drives the margin").contains("Maintenance margin by policy")
                .contains("partial: 4 of 7 positions not margined by binance-tiered")
                .contains("partial: 4 of 7 positions not margined by deribit-standard");
        // the sentence names the binding component from the figures
        ComponentShares.Row binding = ComponentShares.of(m, data.run().policy()).get(0);
        assertThat(binding.role()).isEqualTo(ComponentShares.Role.BINDING);
        assertThat(first.replace("\n", " ")).contains("is set by the " + Character.toLowerCase(binding.name().charAt(0))
                + binding.name().substring(1));
        // the breakdown table: readable names, a total of 100%
        assertThat(all).contains("Stress: worst weighted scenario loss").contains("Collateral haircut")
                .contains("taken from equity").contains("100.00%")
                .contains("Margin against price").contains("Appendix: methodology and parameters");
        assertThat(all.indexOf("Appendix: methodology and parameters")).isGreaterThan(all.indexOf("Backtest\n"));
        // the policy comparison reads as words: a zone in words, and no 0.00 base or stress for a policy that
        // has no such block (binance-tiered margins through its exchange model alone)
        String rows;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setSortByPosition(true);
            rows = s.getText(doc);
        }
        assertThat(rows).doesNotContain("NOT_COVERED");
        String binance = rows.lines().filter(l -> l.startsWith("binance-tiered n/a")).findFirst().orElseThrow();
        assertThat(binance).isEqualTo("binance-tiered n/a n/a n/a not 4 of 7 not – –");
    }

    @Test
    void theCsvSetHasEveryPolicysComponentsAndThePolicyFile(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.report("btc-short-strangle.csv", "ramm");
        CsvExport.write(data, dir);
        List<Map<String, String>> rows = CsvExport.read(dir.resolve(CsvExport.MARGIN_COMPONENTS));
        for (String policy : PolicyPresets.available()) {
            List<Map<String, String>> own = rows.stream().filter(r -> r.get("policy").equals(policy)).toList();
            if (own.stream().anyMatch(r -> r.get("coverage").equals("full"))) {
                double share = own.stream().filter(r -> !r.get("share_of_mm").isEmpty()
                        && !r.get("role").equals("total")).mapToDouble(r -> Double.parseDouble(r.get("share_of_mm"))).sum();
                assertThat(share).as(policy).isCloseTo(1.0, within(1e-12));
            } else {
                // MM not computed (positions not covered): no share of it is given, rather than shares of nothing
                assertThat(own).as(policy).allSatisfy(r -> assertThat(r.get("share_of_mm")).isEmpty());
            }
        }
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("policy", "binance-tiered")
                .containsEntry("coverage", "partial")
                .containsEntry("not_covered", "btc-c105k-dec;btc-p80k-dec;btc-c120k-jan;btc-p75k-jan"));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("policy", "ramm")
                .containsEntry("this_run", "true").containsEntry("component", "maintenanceMargin")
                .containsEntry("usd", CsvCells.number(data.run().margin().maintenanceMargin())));
        assertThat(java.nio.file.Files.readString(dir.resolve(CsvExport.POLICY)))
                .isEqualTo(data.run().inputs().policy().source().text());
    }
}
