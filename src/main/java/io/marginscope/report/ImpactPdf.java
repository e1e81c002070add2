package io.marginscope.report;

import io.marginscope.impact.ImpactSummary;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy-impact report of an impact run (docs/impact.md): the totals per policy side by side, the
 * zone transitions, the distribution of the change with its histogram, the top movers and the
 * episodes. Written through a temporary file: a failed write leaves no half PDF.
 */
public final class ImpactPdf {

    private final ImpactSummary s;
    private final String base;
    private final List<String> warnings;
    private PdfLayout l;

    private ImpactPdf(ImpactSummary s, String base, List<String> warnings) {
        this.s = s;
        this.base = base;
        this.warnings = warnings;
    }

    /**
     * @param base     the client base's name (its folder or file name)
     * @param asOf     the snapshot's time, as printed in the header
     */
    public static void write(ImpactSummary summary, String base, String asOf, List<String> warnings, Path out,
                             PdfReport.PageSize size) throws IOException {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (PDDocument doc = new PDDocument()) {
                new ImpactPdf(summary, base, warnings).render(doc, size, asOf);
                doc.save(tmp.toFile());
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void render(PDDocument doc, PdfReport.PageSize size, String asOf) throws IOException {
        l = new PdfLayout(doc, size.rect, ReportFonts.load(doc));
        doc.getDocumentInformation().setTitle("MarginScope policy impact: " + base);
        doc.getDocumentInformation().setCreator("MarginScope");
        l.text(l.left(), l.y - 20, "Policy impact across a client base", l.fonts.bold, 20, PdfLayout.ACCENT);
        l.space(44);
        l.paragraph(base + ": " + s.accounts() + " accounts" + (s.skipped().isEmpty() ? ""
                : ", " + s.skipped().size() + " left out as bad input") + "; market as of " + asOf + ".", 10,
                PdfLayout.MUTED);
        totals();
        transitions();
        changes();
        episodes();
        if (!warnings.isEmpty() || !s.skipped().isEmpty()) {
            l.heading("Warnings", 40);
            for (String w : s.skipped()) {
                l.paragraph("left out: " + w, 8, PdfLayout.MUTED);
            }
            for (String w : warnings.stream().limit(50).toList()) {
                l.paragraph(w, 8, PdfLayout.MUTED);
            }
        }
        l.finish("MarginScope policy impact  |  " + base, "as of " + asOf, s.accounts() + " accounts");
    }

    private void totals() {
        l.heading("Totals per policy", 80);
        List<PdfLayout.Column> cols = new ArrayList<>();
        cols.add(PdfLayout.Column.text(""));
        for (ImpactSummary.PolicyTotals t : s.policies()) {
            cols.add(PdfLayout.Column.number(t.policy()));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("Accounts margined", t -> Long.toString(t.computed())));
        rows.add(row("Not computed", t -> Long.toString(t.notComputed())));
        rows.add(row("Maintenance margin (USD)", t -> Fmt.fixed(t.maintenanceMargin(), 0)));
        rows.add(row("Initial margin (USD)", t -> t.initialMarginAccounts() == 0 ? "n/a (none computed)"
                : Fmt.fixed(t.initialMargin(), 0)));
        rows.add(row("Margin call (USD)", t -> Fmt.fixed(t.marginCall(), 0)));
        rows.add(row("Adjusted equity (USD)", t -> Fmt.fixed(t.adjustedEquity(), 0)));
        for (String z : List.of("OK", "WARNING", "LIQUIDATION")) {
            rows.add(row("Accounts " + z, t -> Long.toString(t.zones().getOrDefault(z, 0L))));
        }
        rows.add(row("Positions not covered", t -> Long.toString(t.positionsNotCovered())));
        Set<String> underlyings = new java.util.TreeSet<>();
        s.policies().forEach(t -> underlyings.addAll(t.marginByUnderlying().keySet()));
        for (String u : underlyings) {
            rows.add(row("MM on " + u + " (USD)", t -> Fmt.fixed(t.marginByUnderlying().getOrDefault(u, 0.0), 0)));
        }
        l.table(cols, rows, 9, Set.of(2, 4));
        l.paragraph("Margin call: sum over accounts of max(0, MM - adjusted equity). MM on an underlying: each "
                + "account's MM allocated in proportion to its gross notional.", 8, PdfLayout.MUTED);
    }

    private List<String> row(String label, java.util.function.Function<ImpactSummary.PolicyTotals, String> f) {
        List<String> r = new ArrayList<>();
        r.add(label);
        s.policies().forEach(t -> r.add(f.apply(t)));
        return r;
    }

    private void transitions() {
        for (ImpactSummary.Transition t : s.transitions()) {
            l.heading("Zones: " + t.from() + " to " + t.to(), 90);
            List<PdfLayout.Column> cols = new ArrayList<>();
            cols.add(PdfLayout.Column.text(t.from() + " \\ " + t.to()));
            ImpactSummary.STATES.forEach(st -> cols.add(PdfLayout.Column.number(st)));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < ImpactSummary.STATES.size(); i++) {
                List<String> r = new ArrayList<>();
                r.add(ImpactSummary.STATES.get(i));
                for (long c : t.counts()[i]) {
                    r.add(Long.toString(c));
                }
                rows.add(r);
            }
            l.table(cols, rows, 9, null);
        }
    }

    private void changes() {
        for (ImpactSummary.ChangeDistribution d : s.changes()) {
            l.heading("Change of MM per account: " + d.from() + " to " + d.to(), 120);
            List<String[]> kv = new ArrayList<>();
            kv.add(new String[] {"Accounts", Long.toString(d.accounts())});
            kv.add(new String[] {"Total change (USD)", Fmt.fixed(d.total(), 0)});
            for (Map.Entry<Integer, Double> p : d.percentiles().entrySet()) {
                kv.add(new String[] {"p" + p.getKey() + " (USD)", Fmt.fixed(p.getValue(), 2)});
            }
            l.keyValues(kv, 9, 140, 110);
            histogram(d.histogram());
            movers("Largest increases", d.topIncreases());
            movers("Largest decreases", d.topDecreases());
        }
    }

    private void histogram(List<ImpactSummary.Bin> bins) {
        if (bins.isEmpty()) {
            return;
        }
        float h = 110;
        l.ensure(h + 30);
        long max = bins.stream().mapToLong(ImpactSummary.Bin::count).max().orElse(1);
        float x0 = l.left();
        float w = l.width() / bins.size();
        float bottom = l.y - h;
        for (int i = 0; i < bins.size(); i++) {
            float bh = max == 0 ? 0 : h * bins.get(i).count() / (float) max;
            l.fill(x0 + i * w + 1, bottom, w - 2, bh, PdfLayout.ACCENT);
        }
        l.line(x0, bottom, x0 + l.width(), bottom, PdfLayout.RULE, 0.5f);
        l.text(x0, bottom - 10, Fmt.compact(bins.get(0).low()), l.fonts.regular, 7, PdfLayout.MUTED);
        l.textRight(x0 + l.width(), bottom - 10, Fmt.compact(bins.get(bins.size() - 1).high()), l.fonts.regular, 7,
                PdfLayout.MUTED);
        l.textCentered(x0 + l.width() / 2, bottom - 10, "change of MM (USD), " + bins.size() + " bins; tallest "
                + max + " accounts", l.fonts.regular, 7, PdfLayout.MUTED);
        l.space(h + 18);
    }

    private void movers(String title, List<ImpactSummary.Mover> movers) {
        l.subheading(title);
        List<PdfLayout.Column> cols = List.of(PdfLayout.Column.text("Account"), PdfLayout.Column.number("MM before"),
                PdfLayout.Column.number("MM after"), PdfLayout.Column.number("Change"));
        List<List<String>> rows = new ArrayList<>();
        for (ImpactSummary.Mover m : movers) {
            rows.add(List.of(m.account(), Fmt.fixed(m.from(), 0), Fmt.fixed(m.to(), 0), Fmt.fixed(m.change(), 0)));
        }
        l.table(cols, rows, 8, null);
    }

    private void episodes() {
        if (s.episodes().isEmpty()) {
            return;
        }
        l.heading("Historical crashes", 80);
        List<PdfLayout.Column> cols = List.of(PdfLayout.Column.text("Episode"), PdfLayout.Column.text("Policy"),
                PdfLayout.Column.number("Accounts"), PdfLayout.Column.number("Shortfall accounts"),
                PdfLayout.Column.number("Total shortfall (USD)"), PdfLayout.Column.number("Liquidated"));
        List<List<String>> rows = new ArrayList<>();
        for (ImpactSummary.EpisodeTotals e : s.episodes()) {
            rows.add(List.of(e.episode(), e.policy(), Long.toString(e.computed()), Long.toString(e.shortfallAccounts()),
                    Fmt.fixed(e.totalShortfall(), 0), Long.toString(e.liquidated())));
        }
        l.table(cols, rows, 8, null);
        l.paragraph("Shortfall: the crash's loss beyond the equity the account entered it with under the policy "
                + "(its equity plus what it had to post to meet the policy's IM).", 8, PdfLayout.MUTED);
    }
}
