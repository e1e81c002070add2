package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BacktestCommandTest {

    /**
     * 250 days from 2024-01-01, VaR 1000 (ES 1200 when asked), P&L alternating +-300, with
     * exceptions (-1500) on days 30, 31 and 200: 3 exceptions, 2.5 expected.
     */
    static Path pnlFile(Path dir, boolean withEs) throws Exception {
        StringBuilder sb = new StringBuilder("# a year of one-day 99% VaR\n");
        sb.append(withEs ? "Date,PnL,VaR,ES\n" : "date,pnl,var\n");
        LocalDate d = LocalDate.of(2024, 1, 1);
        for (int t = 0; t < 250; t++) {
            double pnl = t == 30 || t == 31 || t == 200 ? -1500 : (t % 2 == 0 ? 300 : -300);
            sb.append(d.plusDays(t)).append(',').append(pnl).append(",1000");
            sb.append(withEs ? ",1200\n" : "\n");
        }
        Path f = dir.resolve(withEs ? "pnl-es.csv" : "pnl.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void writesTheFormatsFields(@TempDir Path dir) throws Exception {
        ComputeCommandTest.Run r = run("backtest", "--pnl", pnlFile(dir, false).toString(), "--confidence", "0.99",
                "--json", "-", "--es-simulations", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("observations").asInt()).isEqualTo(250);
        assertThat(j.get("exceptions").asInt()).isEqualTo(3);
        assertThat(j.get("expectedExceptions").asDouble()).isEqualTo(2.5);
        assertThat(j.get("kupiec").get("lr").isNumber()).isTrue();
        assertThat(j.get("kupiec").get("pValue").asDouble()).isBetween(0.0, 1.0);
        for (String f : new String[] {"lrInd", "pValueInd", "lrCc", "pValueCc"}) {
            assertThat(j.get("christoffersen").get(f).isNumber()).as(f).isTrue();
        }
        assertThat(j.get("trafficLight").asText()).isEqualTo("GREEN");
        // added fields
        assertThat(j.get("confidence").asDouble()).isEqualTo(0.99);
        assertThat(j.get("exceptionDates")).extracting(JsonNode::asText)
                .containsExactly("2024-01-31", "2024-02-01", "2024-07-19");
        assertThat(j.get("trafficLightDetail").get("cumulativeProbability").asDouble()).isCloseTo(0.7581, within(1e-4));
        assertThat(j.get("trafficLightDetail").get("plusFactor").asDouble()).isZero();
        JsonNode es = j.get("esTest");
        assertThat(es.get("simulations").asInt()).isEqualTo(2000);
        assertThat(es.get("assumption").asText()).isEqualTo("normal");
        assertThat(es.get("esSource").asText()).isEqualTo("implied-by-var");
        assertThat(es.get("z2").isNumber()).isTrue();
        assertThat(j.get("performance").get("shortfall").get("days").asInt()).isEqualTo(3);
        assertThat(j.get("performance").get("shortfall").get("max").asDouble()).isEqualTo(500.0);
        assertThat(j.has("warnings")).isFalse();
    }

    @Test
    void usesTheEsColumnAndStudentTAndIsReproducible(@TempDir Path dir) throws Exception {
        Path f = pnlFile(dir, true);
        Path out = dir.resolve("out.json");
        String[] args = {"backtest", "--pnl", f.toString(), "--json", out.toString(), "--es-simulations", "500",
                "--seed", "7", "--es-t-dof", "4"};
        ComputeCommandTest.Run r = run(args);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        JsonNode first = new ObjectMapper().readTree(out.toFile());
        assertThat(first.get("esTest").get("esSource").asText()).isEqualTo("input");
        assertThat(first.get("esTest").get("assumption").asText()).isEqualTo("student-t(4)");
        // Z2 = 3 * (-1500 / 1200) / (250 * 0.01) + 1 = -3.75 / 2.5 + 1 = -0.5
        assertThat(first.get("esTest").get("z2").asDouble()).isCloseTo(-0.5, within(1e-12));
        assertThat(run(args).status()).isZero();
        assertThat(new ObjectMapper().readTree(out.toFile())).isEqualTo(first);
    }

    @Test
    void malformedPnlOnLine3ExitsWith2AndOneLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "date,pnl,var\n2024-01-01,10,100\n2024-01-02,ten,100\n");
        ComputeCommandTest.Run r = run("backtest", "--pnl", f.toString(), "--confidence", "0.99");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.csv").contains("line 3").contains("column 'pnl'");
    }

    @Test
    void nonPositiveVarExitsWith2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("var.csv");
        Files.writeString(f, "date,pnl,var\n2024-01-01,10,100\n2024-01-02,5,0\n");
        ComputeCommandTest.Run r = run("backtest", "--pnl", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("var.csv").contains("line 3").contains("column 'var'").contains("positive");
    }

    @Test
    void unsortedDatesExitWith2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dates.csv");
        Files.writeString(f, "date,pnl,var\n2024-01-02,10,100\n2024-01-03,5,100\n2024-01-01,5,100\n");
        ComputeCommandTest.Run r = run("backtest", "--pnl", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("dates.csv").contains("line 4").contains("column 'date'").contains("ascending");
    }

    @Test
    void badOptionsExitWith2(@TempDir Path dir) throws Exception {
        String f = pnlFile(dir, false).toString();
        assertThat(run("backtest").status()).isEqualTo(2);
        assertThat(run("backtest", "--pnl", f, "--confidence", "1.5").err()).contains("--confidence");
        assertThat(run("backtest", "--pnl", f, "--confidence", "1.5").status()).isEqualTo(2);
        assertThat(run("backtest", "--pnl", f, "--es-simulations", "0").status()).isEqualTo(2);
        assertThat(run("backtest", "--pnl", f, "--es-t-dof", "1").status()).isEqualTo(2);
        assertThat(run("backtest", "--pnl", dir.resolve("nope.csv").toString()).status()).isEqualTo(2);
        assertThat(run("--help").out()).contains("backtest");
    }
}
