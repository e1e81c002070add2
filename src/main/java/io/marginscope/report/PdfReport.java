package io.marginscope.report;

import io.marginscope.backtest.BacktestReport;
import io.marginscope.backtest.BacktestSettings;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.model.Position;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskResult;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.stress.StressResult;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import static io.marginscope.report.PdfLayout.Column;

/**
 * The PDF report of a compute run (docs/reports.md): title page, parameters and policy, margin
 * summary and MM breakdown, positions with Greeks and component ES, the P&amp;L distribution,
 * stress results, policy comparison and backtest, with charts drawn as vector graphics.
 */
public final class PdfReport {

    /** Paper sizes. */
    public enum PageSize {
        A4(PDRectangle.A4), LETTER(PDRectangle.LETTER);

        final PDRectangle rect;

        PageSize(PDRectangle rect) {
            this.rect = rect;
        }

        public static PageSize parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "a4" -> A4;
                case "letter" -> LETTER;
                default -> throw new IllegalArgumentException("page size must be a4 or letter, not '" + s + "'");
            };
        }
    }

    /** The section headings, in order (a test looks for each). */
    public static final List<String> SECTIONS = List.of(PdfSummaryPage.HEADING, "Margin summary",
            "Maintenance margin breakdown", "Margin against price", "Positions", "Greeks and component ES",
            "P&L distribution", "Stress results", "Policy comparison", "Backtest",
            "Appendix: methodology and parameters");

    static final String APPENDIX = SECTIONS.getLast();

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ReportData data;
    private final ComputeRun.Result run;
    private PdfLayout l;

    private PdfReport(ReportData data) {
        this.data = data;
        this.run = data.run();
    }

    /** Writes the report to {@code out} (through a temporary file: a failed write leaves no half PDF). */
    public static void write(ReportData data, Path out, PageSize size) throws IOException {
        stage(data, OutputTarget.of("--pdf", out), size).commit();
    }

    /** The report written beside its target ({@link OutputTarget}), in place on commit. */
    public static OutputTarget.Staged stage(ReportData data, OutputTarget out, PageSize size) throws IOException {
        return out.stage(os -> {
            try (PDDocument doc = new PDDocument()) {
                new PdfReport(data).render(doc, size);
                doc.save(os);
            }
        }, null);
    }

    private void render(PDDocument doc, PageSize size) throws IOException {
        l = new PdfLayout(doc, size.rect, ReportFonts.load(doc));
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("MarginScope risk report: " + run.book().name());
        info.setCreator("MarginScope");
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(data.generatedAt().toEpochMilli());
        info.setCreationDate(created);

        PdfSummaryPage.render(l, data);
        margin();
        ladder();
        positions();
        distribution();
        stress();
        comparison();
        backtest();
        l.newPage();
        parameters();
        l.finish("MarginScope risk report  |  " + run.book().name(), "as of " + STAMP.format(run.market().asOf()),
                "Generated " + STAMP.format(data.generatedAt()) + "  |  inputs SHA-256 "
                        + run.inputs().hash().substring(0, 16) + "...");
    }

    // ------------------------------------------------------------------ sections

    private static String pctLabel(double c) {
        String s = Fmt.fixed(c * 100, 2);
        s = s.replaceAll("\\.?0+$", "");
        return s + "%";
    }

    private void parameters() {
        l.heading(APPENDIX, 200);
        methodology();
        l.subheading("Parameters of this run");
        RiskParameters p = run.parameters();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Confidence", pctLabel(p.confidence())));
        rows.add(List.of("Horizon (margin period of risk)", p.horizonDays() + " days"));
        rows.add(List.of("Method", p.method().cliName()));
        rows.add(List.of("Volatility model", p.volModel()));
        if (!p.volModel().equals("snapshot")) {
            rows.add(List.of("EWMA lambda", Fmt.fixed(p.ewmaLambda(), 2)));
        }
        if (p.method().needsHistory() || !p.volModel().equals("snapshot")) {
            rows.add(List.of("History window", p.windowDays() + " days"));
        }
        if (p.method() == RiskMethod.MONTECARLO) {
            rows.add(List.of("Scenarios", Fmt.fixed(p.scenarios(), 0)));
            rows.add(List.of("Seed", Long.toString(p.seed())));
            rows.add(List.of("Distribution", p.studentDof() > 0 ? "Student-t, " + Fmt.quantity(p.studentDof())
                    + " degrees of freedom" : "normal"));
        }
        rows.add(List.of("Days per year", Fmt.quantity(run.market().daysPerYear())));
        rows.add(List.of("Price history", run.inputs().history().isEmpty() ? "none"
                : String.join(", ", run.inputs().history().stream().map(h -> RunInputs.fileName(h.name())).toList())));
        twoColumn(rows);

        l.subheading("Volatilities used");
        List<List<String>> vols = new ArrayList<>();
        var f = run.risk().factors();
        for (int a = 0; a < f.size(); a++) {
            vols.add(List.of(f.assets().get(a), Fmt.money(run.market().asset(f.assets().get(a)).spot()),
                    Fmt.pct(f.vols()[a])));
        }
        l.table(List.of(Column.text("Asset"), Column.number("Spot, USD"), Column.number("Annual vol")), vols, 8.5f,
                null);

        Policy pol = run.policy();
        l.subheading(pol == null ? "Policy: none" : "Policy: " + pol.name());
        if (pol == null) {
            l.paragraph("No policy was given (compute --policy NAME), so no margin was computed; the sections on "
                    + "margin show none, and the policy comparison below applies every preset.", 9, PdfLayout.TEXT);
        } else {
            List<List<String>> blocks = new ArrayList<>();
            if (pol.base() != null) {
                Policy.Base b = pol.base();
                blocks.add(List.of("Base", b.measure() + " at " + pctLabel(b.confidence()) + " over " + b.horizonDays()
                        + " days, " + b.method().cliName() + ", vol model " + b.volModel()
                        + (b.multiplier() != 1 ? ", x " + Fmt.number(b.multiplier()) : "")
                        + (b.apc() != null ? "; anti-procyclicality: buffer " + Fmt.pct(b.apc().buffer())
                        + ", stressed weight " + Fmt.pct(b.apc().stressedWeight()) + ", "
                        + Fmt.number(b.apc().lookbackFloorYears()) + "-year floor" : "")));
            }
            if (pol.stress() != null) {
                List<String> sets = new ArrayList<>();
                if (pol.stress().span() != null) {
                    sets.add("SPAN array (price scan " + ranges(pol.stress().span().priceScanRange()) + ", vol scan "
                            + Fmt.pct(pol.stress().span().volScanRange()) + ", extremes "
                            + Fmt.number(pol.stress().span().extremeMultiple()) + " x at "
                            + Fmt.pct(pol.stress().span().extremeCover()) + ")");
                }
                if (pol.stress().grid() != null) {
                    sets.add("grid (" + pol.stress().grid().priceSteps() + " price steps over "
                            + ranges(pol.stress().grid().priceRange()) + ")");
                }
                if (!pol.stress().episodes().isEmpty()) {
                    sets.add("episodes " + String.join(", ", pol.stress().episodes()));
                }
                if (!pol.stress().custom().isEmpty()) {
                    sets.add(pol.stress().custom().size() + " custom scenario file(s)");
                }
                blocks.add(List.of("Stress", String.join("; ", sets)));
            }
            if (!pol.tiers().isEmpty()) {
                blocks.add(List.of("Floor", "tiered maintenance rates on perpetual and future notional ("
                        + String.join(", ", pol.tiers().keySet().stream().sorted().toList()) + ")"));
            }
            if (pol.liquidity() != null) {
                blocks.add(List.of("Liquidity", pol.liquidity().model() + ", square-root impact k = "
                        + Fmt.number(pol.liquidity().sqrtImpactK())));
            }
            if (pol.concentration() != null) {
                blocks.add(List.of("Concentration", "above " + Fmt.pct(pol.concentration().advShareThreshold())
                        + " of daily volume, rate " + Fmt.pct(pol.concentration().rate())));
            }
            if (pol.haircuts() != null) {
                blocks.add(List.of("Haircuts", pctLabel(pol.haircuts().confidence()) + " over "
                        + pol.haircuts().horizonDays() + " days, with floors"));
            }
            if (pol.exchange() != null) {
                blocks.add(List.of("Exchange model", pol.exchange().model()));
            }
            blocks.add(List.of("IM / MM", Fmt.number(pol.imToMm())));
            blocks.add(List.of("Thresholds", "warning at " + Fmt.pct(pol.thresholds().warning()) + ", liquidation at "
                    + Fmt.pct(pol.thresholds().liquidation()) + " margin ratio"));
            l.table(List.of(Column.text("Block"), Column.text("Setting")), blocks, 8.5f, null);
            if (pol.source() != null && !pol.source().isBlank()) {
                l.paragraph("Source: " + pol.source(), 8, PdfLayout.MUTED);
            }
        }
        if (!run.warnings().isEmpty()) {
            l.subheading("Warnings");
            for (String w : run.warnings()) {
                l.paragraph("- " + w, 8, PdfLayout.TEXT);
            }
        }
    }

    private static String ranges(Map<String, Double> m) {
        return String.join(", ", m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + Fmt.pct(e.getValue())).toList());
    }

    private void twoColumn(List<List<String>> rows) {
        l.table(List.of(Column.text("Setting"), Column.text("Value")), rows, 8.5f, null);
    }

    private void margin() {
        l.heading("Margin summary", 220);
        MarginResult m = run.margin();
        if (m == null) {
            l.paragraph("No policy was given, so there is no margin. Run compute with --policy NAME (for example "
                    + "ramm) to see the margin, its breakdown and the liquidation prices.", 9, PdfLayout.TEXT);
            l.heading("Maintenance margin breakdown", 80);
            l.paragraph("No policy, no breakdown.", 9, PdfLayout.TEXT);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Equity", Fmt.money(m.equity())));
        rows.add(List.of("Adjusted equity (collateral after haircuts)", Fmt.money(m.adjustedEquity())));
        rows.add(List.of("Maintenance margin", Fmt.money(m.maintenanceMargin())));
        rows.add(List.of("Initial margin", Fmt.money(m.initialMargin())));
        rows.add(List.of("Margin ratio", Fmt.pct(m.marginRatio())));
        rows.add(List.of("Free margin (adjusted equity - IM)", Fmt.money(m.freeMargin())));
        rows.add(List.of("Excess over maintenance", Fmt.money(m.excessOverMaintenance())));
        rows.add(List.of("Zone", m.zone().name()));
        l.table(List.of(Column.text("Figure"), Column.number("USD")), rows, 9, Set.of(2));

        if (!run.liquidation().isEmpty()) {
            l.subheading("Liquidation prices (one asset moves, the others fixed)");
            List<List<String>> liq = new ArrayList<>();
            for (Map.Entry<String, LiquidationPrice> e : run.liquidation().entrySet()) {
                LiquidationPrice lp = e.getValue();
                liq.add(List.of(e.getKey(), Fmt.money(run.market().asset(e.getKey()).spot()),
                        lp.exists() ? Fmt.money(lp.price()) : "none", lp.exists() ? Fmt.fixed(lp.distancePct(), 2) + "%"
                                : "n/a", lp.breached() ? "already breached" : ""));
            }
            l.table(List.of(Column.text("Asset"), Column.number("Spot"), Column.number("Liquidation price"),
                    Column.number("Distance"), Column.text("Note")), liq, 8.5f, null);
        }

        l.heading("Maintenance margin breakdown", 220);
        l.paragraph("MM = the largest of base, exchange model, stress and floor, plus the add-ons (liquidity, "
                + "concentration, counterparty); IM = MM x " + Fmt.number(run.policy().imToMm()) + ". The share "
                + "column divides each part that makes MM by MM, so the shares add up to 100%; the other rows "
                + "explain the base or are taken from equity.", 8.5f, PdfLayout.MUTED);
        List<List<String>> comps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<ComponentShares.Row> shares = ComponentShares.of(m, run.policy());
        double total = 0;
        for (ComponentShares.Row r : shares) {
            comps.add(List.of(r.name(), Fmt.money(r.usd()), Double.isNaN(r.share()) ? "" : Fmt.pct(r.share()),
                    r.role().text));
            if (!Double.isNaN(r.share())) {
                labels.add(r.name());
                values.add(r.usd());
                total += r.share();
            }
        }
        comps.add(List.of("Maintenance margin", Fmt.money(m.maintenanceMargin()), m.maintenanceMargin() > 0
                ? Fmt.pct(total) : "n/a", ""));
        l.table(List.of(Column.text("Component"), Column.number("USD"), Column.number("Share of MM"),
                Column.text("Role")), comps, 9, Set.of(comps.size() - 1));
        l.paragraph("Legend (name: key in the JSON and CSV): " + String.join("; ", ComponentShares.legend(shares)
                .entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + ".", 7.5f,
                PdfLayout.MUTED);
        if (!m.haircuts().isEmpty()) {
            l.subheading("Collateral haircuts");
            List<List<String>> h = new ArrayList<>();
            m.haircuts().forEach((k, v) -> h.add(List.of(k, Fmt.pct(v))));
            l.table(List.of(Column.text("Asset"), Column.number("Haircut")), h, 8.5f, null);
        }
        l.keepWithNext(PdfCharts.barsHeight(labels.size()));
        l.subheading("Parts of MM, USD");
        PdfCharts.bars(l, labels, values.stream().mapToDouble(Double::doubleValue).toArray(), false);
    }

    private void ladder() {
        l.heading("Margin against price", 260);
        PriceLadder lad = data.ladder();
        if (lad == null) {
            l.paragraph(run.margin() == null ? "No policy, so no margin to draw against price."
                    : "No underlying of the book has a vol, so no price moves the margin.", 9, PdfLayout.TEXT);
            return;
        }
        l.paragraph("Adjusted equity and maintenance margin with the " + lad.asset() + " spot moved from "
                + Fmt.fixed(PriceLadder.LOW * 100, 0) + "% to +" + Fmt.fixed(PriceLadder.HIGH * 100, 0)
                + "% of today's " + Fmt.money(lad.spot()) + " USD, the other assets fixed, under "
                + run.policy().name() + " (the policy re-evaluated at each spot). Where MM crosses equity the book "
                + "is liquidated.", 8.5f, PdfLayout.MUTED);
        List<PdfLineChart.Marker> marks = new ArrayList<>();
        marks.add(new PdfLineChart.Marker(lad.spot(), "today", PdfCharts.AXIS));
        if (lad.liquidation() != null && lad.liquidation().exists()) {
            marks.add(new PdfLineChart.Marker(lad.liquidation().price(), "liquidation " + Fmt.money(
                    lad.liquidation().price()), PdfCharts.LOSS));
        }
        PdfLineChart.draw(l, lad.spots(), List.of(new PdfLineChart.Series("Adjusted equity", lad.equity(),
                PdfCharts.GAIN, false), new PdfLineChart.Series("Maintenance margin", lad.mm(), PdfCharts.LOSS,
                false)), List.of(), marks, Fmt::compact);
        l.paragraph("x axis: " + lad.asset() + " spot, USD.", 7.5f, PdfLayout.MUTED);
    }

    /** The appendix's methodology: how each figure of the report is made, in a few lines each. */
    private void methodology() {
        RiskParameters p = run.parameters();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VaR and ES", "Loss not exceeded with the confidence over the horizon (VaR) and the mean "
                + "loss beyond it (ES), by " + p.method().cliName() + " with vol model " + p.volModel()
                + "; the policy's base runs its own settings (" + ComponentShares.baseText(run.policy()) + ")."));
        rows.add(List.of("Maintenance margin", "The largest of the policy's base, exchange model, stress and "
                + "floor, plus the liquidity, concentration and counterparty add-ons; IM = MM x the policy's "
                + "IM/MM. The margin ratio is MM / adjusted equity (collateral after haircuts), shown as a "
                + "percent; it does not exist (n/a) when the adjusted equity is not positive or the policy "
                + "margins none of the positions."));
        rows.add(List.of("Coverage", "A policy that margins through an exchange model alone covers only the "
                + "positions that model margins; the others are named as not margined and add nothing to its MM."));
        rows.add(List.of("Liquidation price", "The spot of one asset, the others fixed, at which MM equals the "
                + "adjusted equity; the distance is from today's spot."));
        rows.add(List.of("Stress", "P&L of the book revalued under each historical episode (worst day) and the "
                + "16 SPAN scenarios; weighted P&L = weight x P&L."));
        rows.add(List.of("Backtest", "Rolling: " + BacktestSettings.DEFAULTS.describe(p.confidence())
                + "; Kupiec and Christoffersen tests, Basel traffic light (exceptions in 250 days), "
                + "Acerbi-Szekely ES test."));
        l.table(List.of(Column.text("Figure"), Column.text("How it is made")), rows, 8, null);
        l.paragraph("In full: docs/methodology.md.", 8, PdfLayout.MUTED);
    }

    private void positions() {
        l.heading("Positions", 200);
        List<List<String>> rows = new ArrayList<>();
        for (PositionValuation v : run.valuation().positions()) {
            Position p = v.position();
            rows.add(List.of(id(p.id()), p.underlying(), p.type().name() + (p.instrument().settlement().name()
                    .equals("INVERSE") ? " inv." : ""), p.instrument().expiry() == null ? ""
                    : p.instrument().expiry().toString().substring(0, 10), Fmt.money(p.instrument().strike())
                    .replace("n/a", ""), Fmt.quantity(p.quantity()), v.ok() ? Fmt.money(v.price()) : "error",
                    v.ok() ? Fmt.money(v.value()) : "error"));
        }
        rows.add(List.of("Total", "", "", "", "", "", "", Fmt.money(run.valuation().equity())));
        l.table(List.of(Column.text("Position"), Column.text("Asset"), Column.text("Type"), Column.text("Expiry"),
                Column.number("Strike"), Column.number("Quantity"), Column.number("Price, USD"),
                Column.number("Value, USD")), rows, 8, Set.of(rows.size() - 1));
        if (!run.valuation().errors().isEmpty()) {
            for (String e : run.valuation().errors()) {
                l.paragraph("Not valued: " + e, 8, PdfCharts.LOSS);
            }
        }

        l.heading("Greeks and component ES", 200);
        l.paragraph("Greeks are scaled by quantity: delta in coins, gamma in coins per USD, vega in USD per vol "
                + "point, theta in USD per day. Component VaR and ES add up to the book's VaR and ES.", 8.5f,
                PdfLayout.MUTED);
        List<List<String>> g = new ArrayList<>();
        double cvar = 0;
        double ces = 0;
        for (int i = 0; i < run.valuation().positions().size(); i++) {
            PositionValuation v = run.valuation().positions().get(i);
            PositionRisk r = run.risk().positions().get(i);
            cvar += r.componentVar();
            ces += r.componentEs();
            g.add(List.of(id(v.position().id()), Fmt.number(v.delta()), Fmt.number(v.gamma()), Fmt.money(v.vega()),
                    Fmt.money(v.theta()), Fmt.money(r.componentVar()), Fmt.money(r.componentEs())));
        }
        g.add(List.of("Book", "", "", "", "", Fmt.money(cvar), Fmt.money(ces)));
        l.table(List.of(Column.text("Position"), Column.number("Delta"), Column.number("Gamma"), Column.number("Vega"),
                Column.number("Theta"), Column.number("Component VaR"), Column.number("Component ES")), g, 8,
                Set.of(g.size() - 1));
        l.keepWithNext(PdfCharts.barsHeight(Math.min(run.risk().positions().size(), PdfCharts.MAX_BARS)));
        l.subheading("Component ES by position, USD");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < run.risk().positions().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> -Math.abs(run.risk().positions().get(i).componentEs())));
        List<Integer> shown = order.subList(0, Math.min(order.size(), PdfCharts.MAX_BARS));
        PdfCharts.bars(l, shown.stream().map(i -> id(run.risk().positions().get(i).id())).toList(),
                shown.stream().mapToDouble(i -> run.risk().positions().get(i).componentEs()).toArray(), false);
        if (order.size() > shown.size()) {
            l.paragraph("The " + shown.size() + " largest of " + order.size() + " positions are shown.", 8,
                    PdfLayout.MUTED);
        }
        if (idsMarked) {
            l.paragraph("* Position ids longer than " + MAX_ID + " characters are cut, and ids with characters "
                    + "outside Latin, Greek and Cyrillic may not show in this report's font: the full ids are in "
                    + "positions.csv of the CSV export (compute --csv).", 8, PdfLayout.MUTED);
        }
    }

    /** Longest position id printed whole. */
    static final int MAX_ID = 40;

    private boolean idsMarked;

    /**
     * A position id as the report prints it: cut to {@link #MAX_ID} characters and marked with '*' when
     * longer (a 5,000-character id would otherwise wrap over pages), or when it holds characters beyond
     * Latin, Greek and Cyrillic (CJK, Hebrew, Arabic, Devanagari), which the embedded font may lack.
     */
    String id(String id) {
        boolean wide = id.codePoints().anyMatch(c -> c > 0x052F);
        if (id.length() <= MAX_ID && !wide) {
            return id;
        }
        idsMarked = true;
        return (id.length() <= MAX_ID ? id : id.substring(0, MAX_ID - 3) + "...") + " *";
    }

    private void distribution() {
        RiskResult r = run.risk();
        l.heading("P&L distribution", 280);
        if (r.pnl() == null) {
            l.paragraph("The " + r.parameters().method().cliName() + " method measures VaR and ES from the P&L's "
                    + "moments and simulates no scenarios, so there is no histogram. VaR " + Fmt.money(r.var())
                    + ", ES " + Fmt.money(r.es()) + (r.moments() != null ? "; P&L standard deviation "
                    + Fmt.money(r.moments().stdev()) : "") + ". A historical, filtered historical or Monte Carlo run "
                    + "draws the distribution here.", 9, PdfLayout.TEXT);
            return;
        }
        String what = r.scenarios() != null ? r.scenarios().description() : r.pnl().length + " scenarios";
        l.paragraph(what + ". VaR " + Fmt.money(r.var()) + " and ES " + Fmt.money(r.es()) + " at "
                + pctLabel(r.parameters().confidence()) + " over " + r.parameters().horizonDays() + " days are marked; "
                + "bars beyond -VaR are red. The " + Fmt.pct(PdfCharts.TAIL) + " most extreme scenarios at each end "
                + "are gathered into the end bins.", 8.5f, PdfLayout.MUTED);
        PdfCharts.histogram(l, r.pnl(), r.var(), r.es(), 60);
    }

    private void stress() {
        l.heading("Stress results", 200);
        l.paragraph("P&L of the book under the historical episodes of the library (" + data.episodeCount()
                + ", replayed day by day: the worst cumulative day counts) and the 16-scenario SPAN array with "
                + data.spanSource() + ". Weighted P&L = weight x P&L; the worst weighted loss is what a policy's "
                + "stress component charges.", 8.5f, PdfLayout.MUTED);
        List<List<String>> rows = new ArrayList<>();
        for (StressResult s : data.stress()) {
            rows.add(List.of(s.scenario(), Fmt.fixed(s.weight(), 2), Fmt.money(s.pnl()), Fmt.money(s.weightedPnl()),
                    s.worstDate() == null ? "" : s.worstDate().toString()));
        }
        int worst = -1;
        for (int i = 0; i < data.stress().size(); i++) {
            if (worst < 0 || data.stress().get(i).weightedPnl() < data.stress().get(worst).weightedPnl()) {
                worst = i;
            }
        }
        l.table(List.of(Column.text("Scenario"), Column.number("Weight"), Column.number("P&L, USD"),
                Column.number("Weighted P&L"), Column.number("Worst day")), rows, 7.5f,
                worst >= 0 ? Set.of(worst) : null);
        List<StressResult> shown = data.stress().subList(0, Math.min(data.stress().size(), PdfCharts.MAX_BARS));
        l.keepWithNext(PdfCharts.barsHeight(shown.size()));
        l.subheading("Weighted P&L by scenario, USD");
        PdfCharts.bars(l, shown.stream().map(s -> shortName(s.scenario())).toList(),
                shown.stream().mapToDouble(StressResult::weightedPnl).toArray(), true);
    }

    /** "SPAN 3: price 0.3333333333333333 x range, vol up" is long for a chart label: keep its head. */
    private static String shortName(String name) {
        if (name.startsWith("SPAN ")) {
            return name.replaceAll("(\\d\\.\\d{2})\\d+", "$1").replace(" x range", "x");
        }
        return name;
    }

    private void comparison() {
        l.heading("Policy comparison", 200);
        l.paragraph("The same book under every preset policy (as 'marginscope compare'): each row is what compute "
                + "--policy gives for that preset.", 8.5f, PdfLayout.MUTED);
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<Integer> current = new java.util.HashSet<>();
        for (PolicyComparison.Row row : data.comparison()) {
            MarginResult m = row.result();
            if (m == null) {
                rows.add(List.of(row.policy(), "skipped", "", "", "", "", "", ""));
                notes.add("Skipped " + row.policy() + ": " + row.note());
                continue;
            }
            if (run.policy() != null && run.policy().name().equals(row.policy())) {
                current.add(rows.size());
            }
            PolicyCoverage c = row.coverage();
            // a policy without a base or stress block has no such part: a dash, not 0.00
            Policy def = row.definition();
            rows.add(List.of(row.policy(), Fmt.money(m.maintenanceMargin()), Fmt.money(m.initialMargin()),
                    Fmt.pct(row.marginRatio()), zoneName(m.zone()), c == null ? "" : c.partial()
                            ? c.notCovered().size() + " of " + c.positions() + " not margined" : "all " + c.positions(),
                    def != null && def.base() == null ? "–" : Fmt.money(m.components().base()),
                    def != null && def.stress() == null ? "–" : Fmt.money(m.components().stress())));
            if (c != null && c.partial()) {
                notes.add(c.summary() + ": " + String.join(", ", c.notCovered().keySet())
                        + (c.none() ? "; its margin ratio is n/a (" + c.ratioUndefinedReason() + ")" : "")
                        + ". Its MM is not comparable with a policy that margins the whole book.");
            }
        }
        l.table(List.of(Column.text("Policy"), Column.number("MM, USD"), Column.number("IM, USD"),
                Column.number("Margin ratio"), Column.text("Zone"), Column.text("Coverage"), Column.number("Base"),
                Column.number("Stress")), rows, 8, current);
        for (String n : notes) {
            l.paragraph(n, 8, PdfLayout.MUTED);
        }
        if (!current.isEmpty()) {
            l.paragraph("Bold: the policy of this run. A preset is computed with its own base block, so its row may "
                    + "differ from this run's when explicit settings overrode the policy.", 8, PdfLayout.MUTED);
        }
    }

    private void backtest() {
        l.heading("Backtest", 160);
        RollingBacktest.Result bt = data.backtest();
        if (bt == null) {
            l.paragraph(data.backtestNote(), 9, PdfLayout.TEXT);
            return;
        }
        BacktestReport r = bt.report();
        RiskParameters p = bt.parameters();
        l.paragraph("Rolling backtest of today's book over the price history: each day's VaR and ES from the "
                + p.windowDays() + " days before it (" + BacktestSettings.DEFAULTS.describe(p.confidence())
                + "; the same settings as 'marginscope backtest' and the workstation's Backtest tab), against the "
                + "P&L of the book under that day's actual returns (docs/methodology.md, section 13).",
                8.5f, PdfLayout.MUTED);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Period", bt.series().dates().getFirst() + " to " + bt.series().dates().getLast()));
        rows.add(List.of("Observations", Fmt.fixed(r.observations(), 0)));
        rows.add(List.of("Exceptions (loss beyond VaR)", Fmt.fixed(r.exceptions(), 0)));
        rows.add(List.of("Expected exceptions", Fmt.fixed(r.expectedExceptions(), 2)));
        rows.add(List.of("Kupiec coverage: LR, p-value", Fmt.fixed(r.kupiec().lr(), 3) + ", "
                + Fmt.fixed(r.kupiec().pValue(), 4)));
        rows.add(List.of("Christoffersen independence: LR, p-value", Fmt.fixed(r.christoffersen().lrInd(), 3) + ", "
                + Fmt.fixed(r.christoffersen().pValueInd(), 4)));
        rows.add(List.of("Conditional coverage: LR, p-value", Fmt.fixed(r.christoffersen().lrCc(), 3) + ", "
                + Fmt.fixed(r.christoffersen().pValueCc(), 4)));
        rows.add(List.of("Basel traffic light", r.trafficLight().zone().name()));
        rows.add(List.of("Acerbi-Szekely ES test: Z2, p-value", Fmt.fixed(r.esTest().z2(), 4) + ", "
                + Fmt.fixed(r.esTest().pValue(), 4)));
        l.table(List.of(Column.text("Test"), Column.number("Result")), rows, 8.5f, null);
        var series = bt.series();
        double[] days = new double[series.size()];
        double[] negVar = new double[series.size()];
        List<Integer> hits = new ArrayList<>();
        double vMin = Double.POSITIVE_INFINITY;
        double vMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            days[i] = series.dates().get(i).toEpochDay();
            negVar[i] = -series.var()[i];
            vMin = Math.min(vMin, series.var()[i]);
            vMax = Math.max(vMax, series.var()[i]);
            if (series.pnl()[i] < -series.var()[i]) {
                hits.add(i);
            }
        }
        if (series.size() > 1) {
            l.keepWithNext(PdfLineChart.HEIGHT + 30);
            l.subheading("Realised P&L against -VaR, day by day, USD");
            PdfLineChart.draw(l, days, List.of(new PdfLineChart.Series("P&L", series.pnl(), PdfCharts.BAR, false),
                    new PdfLineChart.Series("-VaR (forecast the day before)", negVar, PdfCharts.VAR, false)), hits,
                    List.of(), d -> java.time.LocalDate.ofEpochDay((long) d).toString());
            l.paragraph("The VaR is re-estimated each day from the window before it: from " + Fmt.money(vMin)
                    + " to " + Fmt.money(vMax) + " USD over the period.", 8, PdfLayout.MUTED);
        }
        if (!r.exceptionDates().isEmpty()) {
            l.subheading("Exceptions");
            List<List<String>> ex = new ArrayList<>();
            var s = bt.series();
            for (int i = 0; i < s.size(); i++) {
                if (s.pnl()[i] < -s.var()[i]) {
                    ex.add(List.of(s.dates().get(i).toString(), Fmt.money(s.pnl()[i]), Fmt.money(s.var()[i]),
                            Fmt.money(s.es()[i])));
                }
            }
            l.table(List.of(Column.text("Date"), Column.number("P&L"), Column.number("VaR"), Column.number("ES")), ex, 8,
                    null);
        }
    }

    /** A zone as the report prints it: "OK", "warning", "liquidation", "not covered". */
    static String zoneName(MarginResult.Zone z) {
        return switch (z) {
            case OK -> "OK";
            case NOT_COVERED -> "not covered";
            default -> z.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
