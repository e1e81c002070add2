package io.marginscope.report;

import io.marginscope.backtest.BacktestReport;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.margin.PolicyCoverage;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.stress.StressResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's first page, for a committee: the book, date and policy; equity, MM, IM, the margin
 * ratio and its zone; the distance to liquidation, the worst stress and the backtest's traffic
 * light; a sentence on what drives the margin (from the components); and the policies side by
 * side as a chart. Every figure is one the later pages show in full.
 */
final class PdfSummaryPage {

    static final String HEADING = "Executive summary";

    private PdfSummaryPage() {
    }

    static void render(PdfLayout l, ReportData data) {
        ComputeRun.Result run = data.run();
        l.space(6);
        l.text(l.left(), l.y, "MarginScope risk report", l.fonts.bold, 22, PdfLayout.ACCENT);
        l.space(24);
        l.text(l.left(), l.y, run.book().name(), l.fonts.bold, 15, PdfLayout.TEXT);
        l.space(16);
        l.text(l.left(), l.y, "Book " + RunInputs.fileName(run.inputs().portfolio().name()) + ", "
                + run.book().positions().size() + " positions  |  market as of " + PdfReport.STAMP.format(
                run.market().asOf()) + "  |  policy " + (run.policy() == null ? "none" : run.policy().name()),
                l.fonts.regular, 9.5f, PdfLayout.MUTED);
        l.space(4);
        l.heading(HEADING, 100);

        MarginResult m = run.margin();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Equity", Fmt.money(run.valuation().equity()), "USD"});
        if (m != null) {
            rows.add(new String[] {"Maintenance margin (MM)", Fmt.money(m.maintenanceMargin()), "USD"
                    + (data.coverage() != null && data.coverage().partial() ? ", " + data.coverage().summary() : "")});
            rows.add(new String[] {"Initial margin (IM)", Fmt.money(m.initialMargin()), "USD"});
            rows.add(ratioRow(m, data.coverage()));
            rows.add(liquidationRow(run.liquidation()));
        } else {
            rows.add(new String[] {"Margin", "none", "no policy was given (compute --policy NAME)"});
        }
        StressResult worst = null;
        for (StressResult s : data.stress()) {
            if (worst == null || s.weightedPnl() < worst.weightedPnl()) {
                worst = s;
            }
        }
        if (worst != null) {
            rows.add(new String[] {"Worst stress (weighted P&L)", Fmt.money(worst.weightedPnl()),
                    "USD, " + shortName(worst.scenario())});
        }
        if (data.backtest() != null) {
            BacktestReport r = data.backtest().report();
            rows.add(new String[] {"Backtest traffic light", r.trafficLight().zoneName(), r.exceptions()
                    + " exceptions in " + Fmt.fixed(r.observations(), 0) + " days (expected "
                    + Fmt.fixed(r.expectedExceptions(), 1) + ")"});
        } else {
            rows.add(new String[] {"Backtest traffic light", "not run", data.backtestNote() == null ? ""
                    : data.backtestNote().contains("No price history") ? "no price history given" : "see Backtest"});
        }
        l.keyValues(rows, 10, 190, 110);

        if (m != null) {
            l.subheading("What drives the margin");
            l.paragraph(ComponentShares.driver(m, run.policy()), 9.5f, PdfLayout.TEXT);
        }

        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (PolicyComparison.Row row : data.comparison()) {
            if (row.result() == null) {
                notes.add(row.policy() + ": not computed (" + row.note() + ")");
                continue;
            }
            PolicyCoverage c = row.coverage();
            if (c != null && c.none()) {
                notes.add(row.policy() + ": left out, " + c.ratioUndefinedReason());
                continue;
            }
            boolean partial = c != null && c.partial();
            labels.add(row.policy() + (partial ? " (partial)" : "")
                    + (run.policy() != null && run.policy().name().equals(row.policy()) ? " *" : ""));
            values.add(row.result().maintenanceMargin());
            if (partial) {
                notes.add(c.summary());
            }
        }
        if (!labels.isEmpty()) {
            l.keepWithNext(PdfCharts.barsHeight(labels.size()) + 20);
            l.subheading("Maintenance margin by policy, USD (same book, same market)");
            PdfCharts.bars(l, labels, values.stream().mapToDouble(Double::doubleValue).toArray(), false);
        }
        if (run.policy() != null) {
            notes.add(0, "* this report's policy.");
        }
        for (String n : notes) {
            l.paragraph(n, 8, PdfLayout.MUTED);
        }
        l.space(6);
        l.paragraph("Figures from one run of the same engine as 'marginscope compute' (inputs SHA-256 "
                + run.inputs().hash().substring(0, 16) + "..., generated " + PdfReport.STAMP.format(data.generatedAt())
                + "). Money in USD; a loss is negative. Component names, methods and parameters: the appendix.",
                7.5f, PdfLayout.MUTED);
        l.newPage();
    }

    private static String[] ratioRow(MarginResult m, PolicyCoverage coverage) {
        String why = coverage == null ? null : coverage.ratioUndefinedReason();
        if (why != null) {
            return new String[] {"Margin ratio (MM / adjusted equity)", "n/a", why};
        }
        if (Double.isNaN(m.marginRatio())) {
            return new String[] {"Margin ratio (MM / adjusted equity)", "n/a", "adjusted equity "
                    + Fmt.money(m.adjustedEquity()) + " USD is not positive; zone " + m.zone().name()};
        }
        return new String[] {"Margin ratio (MM / adjusted equity)", Fmt.pct(m.marginRatio()), "zone "
                + m.zone().name()};
    }

    private static String[] liquidationRow(Map<String, LiquidationPrice> prices) {
        String asset = null;
        LiquidationPrice best = null;
        for (Map.Entry<String, LiquidationPrice> e : prices.entrySet()) {
            LiquidationPrice lp = e.getValue();
            if (lp.breached()) {
                return new String[] {"Distance to liquidation", "breached", e.getKey() + ": already past it"};
            }
            if (lp.exists() && (best == null || Math.abs(lp.distancePct()) < Math.abs(best.distancePct()))) {
                best = lp;
                asset = e.getKey();
            }
        }
        if (best == null) {
            return new String[] {"Distance to liquidation", "none", prices.isEmpty() ? "no underlying with a vol"
                    : "no single-asset move liquidates the book"};
        }
        return new String[] {"Distance to liquidation", Fmt.fixed(best.distancePct(), 1) + "%",
                asset + " at " + Fmt.money(best.price()) + " USD"};
    }

    static String shortName(String name) {
        return name.length() > 48 ? name.substring(0, 45) + "..." : name;
    }
}
