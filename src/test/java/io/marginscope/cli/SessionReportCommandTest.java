package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code compute --save} and the {@code session} commands on a store in a temporary data folder. */
class SessionReportCommandTest {

    static String[] compute(Path data, String... more) {
        String[] base = {"compute", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--data-dir", data.toString()};
        String[] out = new String[base.length + more.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void computeSaveKeepsItsJsonAndSavesASessionThatVerifies(@TempDir Path data) throws Exception {
        ComputeCommandTest.Run plain = run(compute(data));
        ComputeCommandTest.Run saved = run(compute(data, "--save", "monday", "--notes", "before expiry"));
        assertThat(saved.status()).as(saved.err()).isZero();
        // standard output is the same JSON as without --save; the notice goes to standard error
        assertThat(saved.out()).isEqualTo(plain.out());
        assertThat(saved.err()).contains("saved session 1 version 1 'monday'");
        assertThat(Files.exists(data.resolve("sessions.db"))).isTrue();

        ComputeCommandTest.Run list = run("session", "list", "--data-dir", data.toString());
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains("monday").contains("btc-short-strangle.csv");

        ComputeCommandTest.Run show = run("session", "show", "1", "--verify", "--data-dir", data.toString());
        assertThat(show.status()).as(show.out() + show.err()).isZero();
        assertThat(show.out()).contains("'monday', version 1 of 1").contains("notes:      before expiry")
                .contains("verify: inputs unchanged; numbers identical");

        ComputeCommandTest.Run json = run("session", "show", "1", "--json", "-", "--data-dir", data.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        JsonNode computed = new ObjectMapper().readTree(plain.out());
        assertThat(doc.get("results")).isEqualTo(computed);
        assertThat(doc.get("inputs").get("portfolio").get("text").asText())
                .isEqualTo(Files.readString(SAMPLES.resolve("btc-short-strangle.csv")));

        // the same name again is a new version of that session
        ComputeCommandTest.Run again = run(compute(data, "--confidence", "0.975", "--save", "monday"));
        assertThat(again.err()).contains("saved session 1 version 2 'monday'");
    }

    @Test
    void sessionSaveCompareDeleteAndUndelete(@TempDir Path data) {
        String book = SAMPLES.resolve("btc-short-strangle.csv").toString();
        String market = SAMPLES.resolve("btc-short-strangle.market.json").toString();
        ComputeCommandTest.Run a = run("session", "save", "--data-dir", data.toString(), "base", "--portfolio", book,
                "--market", market, "--policy", "span");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out().strip()).isEqualTo("1");
        ComputeCommandTest.Run b = run("session", "save", "wider", "--portfolio", book, "--market", market,
                "--policy", "span", "--horizon-days", "5", "--data-dir", data.toString());
        assertThat(b.out().strip()).isEqualTo("2");
        ComputeCommandTest.Run c = run("session", "compare", "1", "2", "--data-dir", data.toString());
        assertThat(c.status()).as(c.err()).isZero();
        assertThat(c.out()).contains("inputs changed: parameters.horizonDays, parameters.overrides").contains("ES");

        assertThat(run("session", "delete", "1", "--data-dir", data.toString()).status()).isZero();
        assertThat(run("session", "list", "--data-dir", data.toString()).out()).doesNotContain(" base ");
        assertThat(run("session", "list", "--deleted", "--data-dir", data.toString()).out()).contains("base");
        assertThat(run("session", "undelete", "1", "--data-dir", data.toString()).status()).isZero();
        assertThat(run("session", "list", "--data-dir", data.toString()).out()).contains("base");

        ComputeCommandTest.Run missing = run("session", "show", "42", "--data-dir", data.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("error: no session 42");
    }
}
