package io.marginscope.report;

import io.marginscope.io.TextSource;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.PositionRisk;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.stress.StressResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvExportTest {

    @Test
    void writesAndReadsBackTheSameValues(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.report("btc-short-strangle.csv", "ramm");
        CsvExport.Written w = CsvExport.write(data, dir.resolve("out"));
        assertThat(w.files()).extracting(p -> p.getFileName().toString()).containsExactly(CsvExport.POSITIONS,
                CsvExport.SCENARIO_PNL, CsvExport.STRESS, CsvExport.BACKTEST_EXCEPTIONS, CsvExport.MARGIN_COMPONENTS,
                CsvExport.POLICY);
        assertThat(w.escapedCells()).isZero();

        List<Map<String, String>> positions = CsvExport.read(dir.resolve("out").resolve(CsvExport.POSITIONS));
        ComputeRun.Result run = data.run();
        assertThat(positions).hasSize(run.book().positions().size());
        for (int i = 0; i < positions.size(); i++) {
            Map<String, String> row = positions.get(i);
            PositionValuation v = run.valuation().positions().get(i);
            PositionRisk r = run.risk().positions().get(i);
            assertThat(row.get("id")).isEqualTo(v.position().id());
            assertThat(num(row, "quantity")).isEqualTo(v.position().quantity());
            assertThat(num(row, "value")).isEqualTo(v.value());
            assertThat(num(row, "delta")).isEqualTo(v.delta());
            assertThat(num(row, "gamma")).isEqualTo(v.gamma());
            assertThat(num(row, "vega")).isEqualTo(v.vega());
            assertThat(num(row, "theta")).isEqualTo(v.theta());
            assertThat(num(row, "component_es")).isEqualTo(r.componentEs());
            assertThat(num(row, "component_var")).isEqualTo(r.componentVar());
        }

        List<Map<String, String>> pnl = CsvExport.read(dir.resolve("out").resolve(CsvExport.SCENARIO_PNL));
        double[] expected = run.risk().pnl();
        assertThat(pnl).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(num(pnl.get(i), "pnl")).isEqualTo(expected[i]);
        }

        List<Map<String, String>> stress = CsvExport.read(dir.resolve("out").resolve(CsvExport.STRESS));
        assertThat(stress).hasSize(data.stress().size());
        for (int i = 0; i < stress.size(); i++) {
            StressResult s = data.stress().get(i);
            assertThat(stress.get(i).get("scenario")).isEqualTo(s.scenario());
            assertThat(stress.get(i).get("kind")).isEqualTo(i < data.episodeCount() ? "episode" : "span");
            assertThat(num(stress.get(i), "pnl")).isEqualTo(s.pnl());
            assertThat(num(stress.get(i), "weighted_pnl")).isEqualTo(s.weightedPnl());
            for (var e : s.positionPnl().entrySet()) {
                assertThat(num(stress.get(i), "pnl:" + e.getKey())).isEqualTo(e.getValue());
            }
        }
        // no history: the exceptions file has its header and no rows
        assertThat(CsvExport.read(dir.resolve("out").resolve(CsvExport.BACKTEST_EXCEPTIONS))).isEmpty();
        assertThat(Files.readString(dir.resolve("out").resolve(CsvExport.BACKTEST_EXCEPTIONS)))
                .startsWith("date,pnl,var,es,loss_beyond_var");
    }

    @Test
    void backtestExceptionsAreExported(@TempDir Path dir) throws Exception {
        ReportData data = ReportFixtures.withHistory();
        CsvExport.write(data, dir);
        List<Map<String, String>> rows = CsvExport.read(dir.resolve(CsvExport.BACKTEST_EXCEPTIONS));
        assertThat(rows).hasSize(data.backtest().report().exceptions());
        assertThat(rows).extracting(r -> r.get("date")).containsExactlyElementsOf(
                data.backtest().report().exceptionDates().stream().map(Object::toString).toList());
        for (Map<String, String> r : rows) {
            assertThat(num(r, "pnl")).isLessThan(-num(r, "var"));
        }
    }

    @Test
    void formulaLikeTextIsEscapedAndReadsBack(@TempDir Path dir) throws Exception {
        RunInputs in = ReportFixtures.inputs("btc-short-strangle.csv", null);
        String[] ids = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "'=already quoted", "plain"};
        String book = in.portfolio().text()
                .replace("btc-c105k-dec,", "\"" + ids[0].replace("\"", "\"\"") + "\",")
                .replace("btc-p80k-dec,", ids[1] + ",")
                .replace("btc-c120k-jan,", ids[2] + ",")
                .replace("btc-p75k-jan,", ids[3] + ",")
                .replace("btc-perp-hedge,", ids[4] + ",")
                .replace("usdc-coll,", ids[5] + ",");
        ComputeRun.Result run = ComputeRun.run(new RunInputs(new TextSource(in.portfolio().name(), book), in.market(),
                in.history(), in.parameters(), null));
        ReportData data = ReportBuilder.build(run, ReportFixtures.FIXED);
        CsvExport.Written w = CsvExport.write(data, dir);
        // each of the first five ids in positions.csv (the stress header names them after "pnl:", which is safe),
        // and the lists of positions not margined in margin-components.csv, which start with the first id
        List<Map<String, String>> parts = CsvExport.read(dir.resolve(CsvExport.MARGIN_COMPONENTS));
        long lists = parts.stream().filter(r -> r.get("not_covered").startsWith(ids[0])).count();
        assertThat(lists).isPositive();
        assertThat(w.escapedCells()).isEqualTo(5 + lists);
        String raw = Files.readString(dir.resolve(CsvExport.POSITIONS));
        assertThat(raw).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").contains("'+1+1,").contains("'-2+3,")
                .contains("'@SUM(A1:A2),").contains("''=already quoted,").contains("\nplain,");
        // numbers are not escaped: a negative quantity stays a number
        assertThat(raw).contains(",-10,");
        List<Map<String, String>> back = CsvExport.read(dir.resolve(CsvExport.POSITIONS));
        assertThat(back.subList(0, 6)).extracting(r -> r.get("id")).containsExactly(ids);
        assertThat(CsvExport.read(dir.resolve(CsvExport.STRESS)).getFirst()).containsKey("pnl:" + ids[0]);
    }

    @Test
    void cellEscapingIsInvertible() {
        for (String s : new String[] {"=1", "+", "-", "@", "\tx", "\rx", "'=x", "''=x", "'x", "'", "", "x=1", "-5"}) {
            String cell = CsvCells.text(s);
            assertThat(CsvCells.unescape(cell)).as(s).isEqualTo(s);
            if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                assertThat(cell).startsWith("'");
            }
        }
        assertThat(CsvCells.number(-1234.5)).isEqualTo("-1234.5");
        assertThat(CsvCells.number(1e21)).isEqualTo("1000000000000000000000");
        assertThat(CsvCells.parseNumber(CsvCells.number(1.0 / 3))).isEqualTo(1.0 / 3);
        assertThat(CsvCells.number(Double.NaN)).isEmpty();
    }

    static double num(Map<String, String> row, String column) {
        assertThat(row).containsKey(column);
        return CsvCells.parseNumber(row.get(column));
    }
}
