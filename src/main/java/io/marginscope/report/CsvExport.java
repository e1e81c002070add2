package io.marginscope.report;

import io.marginscope.backtest.BacktestSeries;
import io.marginscope.model.Position;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.PositionRisk;
import io.marginscope.run.ComputeRun;
import io.marginscope.stress.StressResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV exports of a report, into one folder (created when missing), UTF-8, RFC 4180 with a
 * header row and CRLF line ends:
 * <ul>
 *   <li>{@code positions.csv}: each position with its valuation, Greeks and risk contributions;</li>
 *   <li>{@code scenario-pnl.csv}: the P&amp;L of the book in each simulated scenario (header only for
 *       the parametric method, which simulates none);</li>
 *   <li>{@code stress.csv}: each stress scenario's P&amp;L, weighted P&amp;L and per-position P&amp;L;</li>
 *   <li>{@code backtest-exceptions.csv}: the backtest days whose loss exceeded VaR (header only
 *       without a backtest);</li>
 *   <li>{@code margin-components.csv}: every policy's margin components with readable names and
 *       shares of MM, and its coverage ({@link MarginComponentsCsv});</li>
 *   <li>{@code policy.json}: the policy file the run used (with a policy).</li>
 * </ul>
 * Text cells are escaped against formula injection ({@link CsvCells}).
 */
public final class CsvExport {

    public static final String POSITIONS = "positions.csv";
    public static final String SCENARIO_PNL = "scenario-pnl.csv";
    public static final String STRESS = "stress.csv";
    public static final String BACKTEST_EXCEPTIONS = "backtest-exceptions.csv";
    public static final String MARGIN_COMPONENTS = "margin-components.csv";
    /** The policy file of the run, as given (a preset's bundled text); written only with a policy. */
    public static final String POLICY = "policy.json";

    static final CSVFormat FORMAT = CSVFormat.RFC4180;

    /** What was written: the files and how many text cells were escaped. */
    public record Written(List<Path> files, int escapedCells) {
    }

    private CsvExport() {
    }

    public static Written write(ReportData data, Path folder) throws IOException {
        Staged staged = stage(data, OutputFolder.of("--csv", folder));
        staged.commit();
        return staged.written();
    }

    /**
     * The files (four, plus margin-components.csv and the policy file when there is a policy) written into a staging folder beside {@code folder}: all in place on commit, or
     * none (a failure leaves the previous export whole).
     */
    public static Staged stage(ReportData data, OutputFolder folder) throws IOException {
        int[] escaped = {0};
        Map<String, OutputTarget.Body> files = new LinkedHashMap<>();
        files.put(POSITIONS, csv(out -> positions(data.run(), out, escaped)));
        files.put(SCENARIO_PNL, csv(out -> scenarioPnl(data.run(), out)));
        files.put(STRESS, csv(out -> stress(data, out, escaped)));
        files.put(BACKTEST_EXCEPTIONS, csv(out -> exceptions(data, out)));
        files.put(MARGIN_COMPONENTS, csv(out -> MarginComponentsCsv.print(data, out, escaped)));
        if (data.run().inputs().policy() != null) {
            String policy = data.run().inputs().policy().source().text();
            files.put(POLICY, os -> os.write(policy.getBytes(StandardCharsets.UTF_8)));
        }
        OutputFolder.Staged s = folder.stage(files);
        return new Staged(s, new Written(s.files(), escaped[0]));
    }

    /** A staged export and what it holds. */
    public record Staged(OutputFolder.Staged folder, Written written) implements PendingOutput {
        @Override
        public void commit() throws IOException {
            folder.commit();
        }

        @Override
        public void discard() {
            folder.discard();
        }
    }

    interface Body {
        void print(CSVPrinter out) throws IOException;
    }

    private static OutputTarget.Body csv(Body body) {
        return os -> {
            try (Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, FORMAT)) {
                body.print(out);
            }
        };
    }

    static String text(String s, int[] escaped) {
        if (CsvCells.needsEscape(s)) {
            escaped[0]++;
        }
        return CsvCells.text(s);
    }

    static void positions(ComputeRun.Result run, CSVPrinter out, int[] escaped) throws IOException {
        out.printRecord("id", "underlying", "type", "settlement", "expiry", "strike", "quantity", "entry_price",
                "price", "vol", "value", "unrealized_pnl", "delta", "gamma", "vega", "theta", "component_var",
                "component_es", "marginal_var", "incremental_var", "error");
        for (int i = 0; i < run.valuation().positions().size(); i++) {
            PositionValuation v = run.valuation().positions().get(i);
            Position p = v.position();
            PositionRisk r = run.risk().positions().get(i);
            out.printRecord(text(p.id(), escaped), text(p.underlying(), escaped), p.type().name(),
                    p.instrument().settlement().name(),
                    p.instrument().expiry() == null ? "" : p.instrument().expiry().toString(),
                    CsvCells.number(p.instrument().strike()), CsvCells.number(p.quantity()),
                    CsvCells.number(p.entryPrice()), CsvCells.number(v.price()), CsvCells.number(v.vol()),
                    CsvCells.number(v.value()), CsvCells.number(v.unrealizedPnl()), CsvCells.number(v.delta()),
                    CsvCells.number(v.gamma()), CsvCells.number(v.vega()), CsvCells.number(v.theta()),
                    CsvCells.number(r.componentVar()), CsvCells.number(r.componentEs()),
                    CsvCells.number(r.marginalVar()), CsvCells.number(r.incrementalVar()),
                    v.error() == null ? "" : text(v.error(), escaped));
        }
    }

    static void scenarioPnl(ComputeRun.Result run, CSVPrinter out) throws IOException {
        out.printRecord("scenario", "pnl");
        double[] pnl = run.risk().pnl();
        if (pnl == null) {
            return;
        }
        for (int i = 0; i < pnl.length; i++) {
            out.printRecord(i + 1, CsvCells.number(pnl[i]));
        }
    }

    static void stress(ReportData data, CSVPrinter out, int[] escaped) throws IOException {
        List<String> ids = data.run().book().positions().stream().map(Position::id).toList();
        List<String> header = new ArrayList<>(List.of("scenario", "kind", "weight", "pnl", "weighted_pnl", "worst_date"));
        for (String id : ids) {
            header.add(text("pnl:" + id, escaped));
        }
        out.printRecord(header);
        for (int k = 0; k < data.stress().size(); k++) {
            StressResult r = data.stress().get(k);
            List<String> row = new ArrayList<>(List.of(text(r.scenario(), escaped),
                    k < data.episodeCount() ? "episode" : "span", CsvCells.number(r.weight()),
                    CsvCells.number(r.pnl()), CsvCells.number(r.weightedPnl()),
                    r.worstDate() == null ? "" : r.worstDate().toString()));
            for (String id : ids) {
                Double v = r.positionPnl().get(id);
                row.add(CsvCells.number(v == null ? Double.NaN : v));
            }
            out.printRecord(row);
        }
    }

    static void exceptions(ReportData data, CSVPrinter out) throws IOException {
        out.printRecord("date", "pnl", "var", "es", "loss_beyond_var");
        if (data.backtest() == null) {
            return;
        }
        BacktestSeries s = data.backtest().series();
        for (int i = 0; i < s.size(); i++) {
            if (s.pnl()[i] < -s.var()[i]) {
                out.printRecord(s.dates().get(i).toString(), CsvCells.number(s.pnl()[i]), CsvCells.number(s.var()[i]),
                        CsvCells.number(s.es()[i]), CsvCells.number(-s.pnl()[i] - s.var()[i]));
            }
        }
    }

    /** Reads an export back: one map per row, header to cell, text cells unescaped (header names too). */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(file, StandardCharsets.UTF_8, FORMAT)) {
            List<String> header = null;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = rec.stream().map(CsvCells::unescape).toList();
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), CsvCells.unescape(rec.get(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
