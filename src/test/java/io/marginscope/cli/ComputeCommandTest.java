package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComputeCommandTest {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");

    record Run(int status, String out, String err) { }

    static Run run(String... args) {
        CommandLine cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void computesEachSample(String book) throws Exception {
        String market = book.substring(0, book.lastIndexOf('.')) + ".market.json";
        Run r = run("compute", "--portfolio", SAMPLES.resolve(book).toString(),
                "--market", SAMPLES.resolve(market).toString(), "--json", "-");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("positions").size()).isGreaterThanOrEqualTo(5);
        double sum = 0;
        for (JsonNode p : json.get("positions")) {
            assertThat(p.has("error")).isFalse();
            for (String f : new String[] {"id", "value", "delta", "gamma", "vega", "theta"}) {
                assertThat(p.has(f)).as(p.get("id") + "." + f).isTrue();
            }
            sum += p.get("value").asDouble();
        }
        assertThat(json.get("equity").asDouble()).isCloseTo(sum, within(1e-6 * Math.max(1, Math.abs(sum))));
        // the default risk run is parametric on the snapshot's vols
        assertThat(json.get("var").asDouble()).isPositive();
        assertThat(json.get("es").asDouble()).isGreaterThanOrEqualTo(json.get("var").asDouble());
        // margin needs a policy: not present without one (never zero placeholders)
        assertThat(json.has("maintenanceMargin")).isFalse();
        assertThat(json.get("volatilities").size()).isGreaterThan(0);
    }

    @Test
    void malformedQuantityOnLine3ExitsWith2AndOneLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n"
                + "a,BTC,PERP,,,1,60000,LINEAR\n"
                + "b,BTC,PERP,,,one,60000,LINEAR\n");
        Run r = run("compute", "--portfolio", csv.toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--json", "-");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.csv").contains("line 3").contains("'quantity'");
    }

    @Test
    void assetMissingFromTheSnapshotIsBadInput(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("doge.csv");
        Files.writeString(csv, "id,underlying,type,quantity,entry_price\nd,DOGE,PERP,1000,0.1\n");
        Run r = run("compute", "--portfolio", csv.toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("assets.DOGE").contains("btc-short-strangle.market.json");
    }

    @Test
    void writesToAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-eth-basis.csv").toString(),
                "--market", SAMPLES.resolve("btc-eth-basis.market.json").toString(), "--json", out.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(out.toFile()).get("positions").size()).isEqualTo(6);
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("compute", "--portfolio", "x.csv").status()).isEqualTo(2);
        assertThat(run("nonsense").status()).isEqualTo(2);
        assertThat(run("compute", "--portfolio", "/nope.csv", "--market", "/nope.json").status()).isEqualTo(2);
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("compute");
        assertThat(run("--version").out()).contains("MarginScope");
    }
}
