package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.analysis.MarginExplain;
import io.marginscope.run.ComputeRun;
import io.marginscope.store.Session;
import io.marginscope.store.SessionFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** explain on every sample and on the shipped example states, and its input errors. */
class ExplainCommandTest {

    static Path state(Path dir, String name, String book, String extra) throws Exception {
        String market = book.substring(0, book.lastIndexOf('.')) + ".market.json";
        Path p = dir.resolve(name);
        Files.writeString(p, "{\"portfolio\": \"" + SAMPLES.resolve(book).toAbsolutePath() + "\", \"market\": \""
                + SAMPLES.resolve(market).toAbsolutePath() + "\"" + extra + "}");
        return p;
    }

    static JsonNode explain(Path a, Path b) throws Exception {
        ComputeCommandTest.Run r = run("explain", "--from", a.toString(), "--to", b.toString(), "--scenarios", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void printsItsJsonOnEverySample(String book, @TempDir Path dir) throws Exception {
        Path a = state(dir, "a.json", book, ", \"policy\": \"ramm\"");
        Path b = state(dir, "b.json", book, ", \"policy\": \"span\", \"asOf\": \"2024-11-21T08:00:00Z\"");
        JsonNode j = explain(a, b);
        double change = j.get("to").get("maintenanceMargin").asDouble() - j.get("from").get("maintenanceMargin")
                .asDouble();
        assertThat(j.get("change").asDouble()).isCloseTo(change, within(1e-9 * Math.max(1, Math.abs(change))));
        double sum = 0;
        for (String g : new String[] {"prices", "volatility", "positions", "policy", "time"}) {
            sum += j.get("parts").get(g).asDouble();
        }
        assertThat(sum).isCloseTo(change, within(1e-9 * Math.max(1, Math.abs(change))));
        assertThat(j.get("parts").get("prices").asDouble()).isZero();
        assertThat(j.get("parts").get("positions").asDouble()).isZero();
        assertThat(j.get("differs").get("policy").asBoolean()).isTrue();
        assertThat(j.get("differs").get("time").asBoolean()).isTrue();
        assertThat(j.get("coalitions")).hasSize(32);
        assertThat(j.get("to").get("asOf").asText()).isEqualTo("2024-11-21T08:00:00Z");
    }

    @Test
    void theShippedExampleStatesWithRelativePaths() throws Exception {
        JsonNode j = explain(SAMPLES.resolve("examples/strangle-now.state.json"),
                SAMPLES.resolve("examples/strangle-later.state.json"));
        assertThat(j.get("differs").get("policy").asBoolean()).isFalse();
        assertThat(j.get("parts").get("policy").asDouble()).isZero();
        assertThat(j.get("differs").get("positions").asBoolean()).isTrue();
        assertThat(j.get("from").get("portfolio").asText()).isEqualTo("btc-short-strangle");
    }

    @Test
    void aStateTierAppliesToTheAccount(@TempDir Path dir) throws Exception {
        Path pol = dir.resolve("cp.json");
        Files.writeString(pol, """
                {"name": "cp", "stress": {"span": {"priceScanRange": {"default": 0.2}, "volScanRange": 0.25}},
                 "counterparty": {"tiers": {"A": 1.0, "C": 1.25}, "tier": "A"}}""");
        Path a = state(dir, "a.json", "btc-short-strangle.csv", ", \"policy\": \"cp.json\"");
        Path b = state(dir, "b.json", "btc-short-strangle.csv", ", \"policy\": \"cp.json\", \"tier\": \"c\"");
        JsonNode j = explain(a, b);
        assertThat(j.get("to").get("tier").asText()).isEqualTo("C");
        double stress = j.get("from").get("components").get("stress").asDouble();
        assertThat(j.get("change").asDouble()).isCloseTo(0.25 * stress, within(1e-6 * stress));
        // the tier travels with the account: the positions group
        assertThat(j.get("parts").get("positions").asDouble()).isCloseTo(0.25 * stress, within(1e-6 * stress));
    }

    @Test
    void aMissingPathIsBadInputNamingTheStateFileAndField(@TempDir Path dir) throws Exception {
        Path ok = state(dir, "ok.json", "btc-short-strangle.csv", ", \"policy\": \"ramm\"");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"portfolio\": \"nowhere.csv\",\n \"market\": \"m.json\", \"policy\": \"ramm\"}");
        ComputeCommandTest.Run r = run("explain", "--from", ok.toString(), "--to", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("field 'portfolio'").contains("nowhere.csv");
        Files.writeString(bad, "{\"portfolio\": \"" + SAMPLES.resolve("btc-eth-basis.csv").toAbsolutePath()
                + "\",\n \"market\": \"m.json\", \"policy\": \"ramm\"}");
        r = run("explain", "--from", ok.toString(), "--to", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json: line 2, field 'market'");
        Files.writeString(bad, "{\"portfolio\": \"" + SAMPLES.resolve("btc-eth-basis.csv").toAbsolutePath()
                + "\", \"market\": \"" + SAMPLES.resolve("btc-eth-basis.market.json").toAbsolutePath()
                + "\",\n \"policy\": \"no-such-policy\"}");
        r = run("explain", "--from", ok.toString(), "--to", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json: line 2, field 'policy'");
        Files.writeString(bad, "{\"market\": \"x\"}");
        r = run("explain", "--from", bad.toString(), "--to", ok.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad.json").contains("'portfolio'");
    }

    @Test
    void savedSessionsAreStatesToo(@TempDir Path dir) throws Exception {
        Session now = SessionFixtures.save(dir, "now", SessionFixtures.now(2000));
        Session later = SessionFixtures.save(dir, "later", SessionFixtures.later(2000));
        ComputeCommandTest.Run r = run("explain", "--from", "session:" + now.id(), "--to", "session:" + later.id(),
                "--data-dir", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        // the sessions' own Monte Carlo settings, and their stored MM
        assertThat(j.get("parameters").get("scenarios").asInt()).isEqualTo(2000);
        assertThat(j.get("from").get("maintenanceMargin").asDouble()).isEqualTo(now.result("maintenanceMargin"));
        assertThat(j.get("to").get("maintenanceMargin").asDouble()).isEqualTo(later.result("maintenanceMargin"));
        assertThat(j.get("from").get("state").asText()).isEqualTo("session:" + now.id());
        for (String g : new String[] {"prices", "volatility", "positions", "policy", "time"}) {
            assertThat(j.get("differs").get(g).asBoolean()).as(g).isTrue();
        }
        double sum = 0;
        for (String g : new String[] {"prices", "volatility", "positions", "policy", "time"}) {
            sum += j.get("parts").get(g).asDouble();
        }
        double change = j.get("change").asDouble();
        assertThat(sum).isCloseTo(change, within(1e-9 * Math.max(1, Math.abs(change))));
        // the same numbers as the engine on the sessions' inputs
        MarginExplain.Explanation e = MarginExplain.explain(ComputeRun.state(now.inputs()).value(),
                ComputeRun.state(later.inputs()).value(), ComputeRun.settings(now.inputs()));
        for (MarginExplain.Group g : MarginExplain.Group.values()) {
            assertThat(j.get("parts").get(g.key()).asDouble()).isEqualTo(e.parts().get(g));
        }
        // a version, and a session that does not exist
        r = run("explain", "--from", "session:" + now.id() + "@1", "--to", "session:" + later.id(), "--data-dir",
                dir.toString(), "--scenarios", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        r = run("explain", "--from", "session:99", "--to", "session:" + later.id(), "--data-dir", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("99");
    }
}
