package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** surface on every sample, and its options. */
class SurfaceCommandTest {

    static String market(String book) {
        return SAMPLES.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void printsItsJsonOnEverySample(String book) throws Exception {
        ComputeCommandTest.Run r = run("surface", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--scenarios", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode rows = j.get("rows");
        assertThat(rows.size()).isEqualTo(j.get("moved").size() + 1);
        assertThat(rows.get(rows.size() - 1).get("underlying").asText()).isEqualTo("ALL");
        for (JsonNode row : rows) {
            assertThat(row.get("cells")).hasSize(5);
            for (JsonNode c : row.get("cells")) {
                assertThat(c.has("down")).isTrue();
                assertThat(c.has("up")).isTrue();
                if (!c.get("down").isNull()) {
                    assertThat(c.get("down").get("move").asDouble()).isNegative();
                }
                if (!c.get("up").isNull()) {
                    assertThat(c.get("up").get("move").asDouble()).isPositive();
                }
            }
        }
        assertThat(j.get("parameters").get("volShocks")).hasSize(5);
    }

    @Test
    void togetherKeepsOnlyTheAllRowAndShocksAreParsed() throws Exception {
        String book = "btc-eth-basis.csv";
        ComputeCommandTest.Run r = run("surface", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--scenarios", "2000", "--vol-shocks", "0,0.5", "--together", "--policy", "span");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("rows")).hasSize(1);
        assertThat(j.get("rows").get(0).get("cells")).hasSize(2);
        assertThat(j.get("parameters").get("together").asBoolean()).isTrue();
        r = run("surface", "--portfolio", SAMPLES.resolve(book).toString(), "--market", market(book),
                "--vol-shocks", "-1");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("above -1");
    }
}
