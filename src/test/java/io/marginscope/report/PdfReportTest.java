package io.marginscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PdfReportTest {

    static ReportData strangle;

    @BeforeAll
    static void build() throws Exception {
        strangle = ReportFixtures.report("btc-short-strangle.csv", "ramm");
    }

    @AfterEach
    void fontsBack() {
        System.clearProperty(ReportFonts.PROPERTY);
    }

    static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "helvetica"})
    void opensAndHasEverySection(String font, @TempDir Path dir) throws Exception {
        if (font.equals("helvetica")) {
            System.setProperty(ReportFonts.PROPERTY, "helvetica");
        }
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(strangle, pdf, PdfReport.PageSize.A4);
        int pages;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            pages = doc.getNumberOfPages();
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            assertThat(doc.getDocumentInformation().getTitle()).contains("btc-short-strangle");
            assertThat(doc.getDocumentCatalog().getDocumentOutline().children()).hasSize(PdfReport.SECTIONS.size());
        }
        String text = text(pdf);
        assertThat(text).contains("MarginScope risk report").contains("btc-short-strangle")
                .contains("as of 2024-11-20 08:00 UTC");
        for (String s : PdfReport.SECTIONS) {
            assertThat(text).as(s).contains(s);
        }
        assertThat(text).contains("Page 1 of " + pages).contains("Page " + pages + " of " + pages);
        assertThat(text).contains("2020-03-12 Black Thursday").contains("SPAN 16");
        assertThat(text).contains("deribit-standard").contains("binance-tiered");
        assertThat(text).contains("No price history was given");
    }

    @Test
    void theMarginNumbersAreComputesJson(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(strangle, pdf, PdfReport.PageSize.A4);
        String text = text(pdf);
        JsonNode json = ComputeJson.of(strangle.run());
        assertThat(figure(text, "Maintenance margin")).isEqualTo(Fmt.money(json.get("maintenanceMargin").asDouble()));
        assertThat(figure(text, "Initial margin")).isEqualTo(Fmt.money(json.get("initialMargin").asDouble()));
        assertThat(figure(text, "Equity")).isEqualTo(Fmt.money(json.get("equity").asDouble()));
        assertThat(text).contains(Fmt.money(json.get("es").asDouble())).contains(Fmt.money(json.get("var").asDouble()));
        // thousands separators, two decimals
        assertThat(figure(text, "Maintenance margin")).matches("\\d{1,3}(,\\d{3})*\\.\\d{2}");
        for (JsonNode p : json.get("positions")) {
            assertThat(text).contains(p.get("id").asText()).contains(Fmt.money(p.get("componentEs").asDouble()));
        }
    }

    /** The number after a label at the start of a line of the margin summary table. */
    static String figure(String text, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " (-?[0-9,]+\\.[0-9]{2})$").matcher(text);
        assertThat(m.find()).as(label + " in the PDF text").isTrue();
        return m.group(1);
    }

    @Test
    void timesTheReport(@TempDir Path dir) throws Exception {
        // warm up, then time: building the report's extra runs and writing the PDF are measured apart
        PdfReport.write(strangle, dir.resolve("warm.pdf"), PdfReport.PageSize.A4);
        var run = strangle.run();
        long t0 = System.nanoTime();
        ReportData data = ReportBuilder.build(run, ReportFixtures.FIXED);
        long t1 = System.nanoTime();
        int n = 5;
        for (int i = 0; i < n; i++) {
            PdfReport.write(data, dir.resolve("r" + i + ".pdf"), PdfReport.PageSize.A4);
        }
        long t2 = System.nanoTime();
        System.out.printf("report: stress, policy comparison and backtest %.0f ms; PDF written in %.0f ms (mean of %d),"
                + " %,d bytes%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6 / n, n, java.nio.file.Files.size(dir.resolve("r0.pdf")));
        assertThat(dir.resolve("r0.pdf")).exists();
    }

    @Test
    void letterPaper(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(strangle, pdf, PdfReport.PageSize.LETTER);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.LETTER.getWidth());
            assertThat(doc.getPage(doc.getNumberOfPages() - 1).getMediaBox().getHeight())
                    .isEqualTo(PDRectangle.LETTER.getHeight());
        }
    }

    @Test
    void withAHistoryTheBacktestIsReported(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.withHistory();
        assertThat(data.backtest()).isNotNull();
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(data, pdf, PdfReport.PageSize.A4);
        String text = text(pdf);
        assertThat(text).contains("Observations").contains("Basel traffic light")
                .contains(Fmt.fixed(data.backtest().report().observations(), 0))
                .contains("historical").doesNotContain("No price history was given");
    }

    @Test
    void aParametricRunSaysWhyThereIsNoHistogram(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.report("eth-perp-leveraged.csv", null);
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(data, pdf, PdfReport.PageSize.A4);
        String text = text(pdf);
        assertThat(text).contains("simulates no scenarios").contains("No policy was given");
        for (String s : PdfReport.SECTIONS) {
            assertThat(text).as(s).contains(s);
        }
    }

    @Test
    void textOutsideAsciiPrintsWithEitherFont(@TempDir Path dir) throws Exception {
        var in = ReportFixtures.inputs("btc-short-strangle.csv", null);
        String book = in.portfolio().text().replace("btc-perp-hedge", "btc\u2013perp\u00a0h\u00e9dge\u202f\u20ac\u4e2d");
        var run = io.marginscope.run.ComputeRun.run(new io.marginscope.run.RunInputs(
                new io.marginscope.io.TextSource(in.portfolio().name(), book), in.market(), in.history(),
                in.parameters(), null));
        ReportData data = ReportBuilder.build(run, ReportFixtures.FIXED);
        PdfReport.write(data, dir.resolve("dejavu.pdf"), PdfReport.PageSize.A4);
        System.setProperty(ReportFonts.PROPERTY, "helvetica");
        PdfReport.write(data, dir.resolve("helvetica.pdf"), PdfReport.PageSize.A4);
        assertThat(text(dir.resolve("helvetica.pdf"))).contains("btc-perp hedge ??");
        assertThat(text(dir.resolve("dejavu.pdf"))).contains("perp");
    }

    @Test
    void theBundledDejaVuIsEmbeddedWhateverFontsTheMachineHas(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("r.pdf");
        PdfReport.write(strangle, pdf, PdfReport.PageSize.A4);
        java.util.Set<String> fonts = new java.util.TreeSet<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    fonts.add(font.getName().replaceFirst("^[A-Z]{6}\\+", "") + (font.isEmbedded() ? " embedded" : ""));
                }
            }
        }
        // from the class path, not a font folder: the same two faces on every machine
        assertThat(ReportFonts.class.getResource(ReportFonts.REGULAR)).isNotNull();
        assertThat(ReportFonts.class.getResource("/fonts/LICENSE-DejaVu.txt")).isNotNull();
        assertThat(fonts).containsExactly("DejaVuSansCondensed embedded", "DejaVuSansCondensed-Bold embedded");
    }

    @Test
    void formatsWithThousandsSeparatorsWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.FRANCE);
            assertThat(Fmt.money(1234567.891)).isEqualTo("1,234,567.89");
            assertThat(Fmt.money(-0.001)).isEqualTo("0.00");
            assertThat(Fmt.money(Double.NaN)).isEqualTo("n/a");
            assertThat(Fmt.quantity(-10)).isEqualTo("-10");
            assertThat(Fmt.quantity(450000)).isEqualTo("450,000");
            assertThat(Fmt.quantity(1.4)).isEqualTo("1.4");
            assertThat(Fmt.pct(0.3375)).isEqualTo("33.75%");
            assertThat(Fmt.compact(-507_939.88)).isEqualTo("-507.9k");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
