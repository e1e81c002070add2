package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare} says which positions a policy does not margin, and leaves no ratio of 0 for none. */
class CompareCoverageTest {

    static JsonNode compare(String book) throws Exception {
        String file = java.nio.file.Files.exists(SAMPLES.resolve(book + ".csv")) ? book + ".csv" : book + ".json";
        ComputeCommandTest.Run r = run("compare", "--portfolio", SAMPLES.resolve(file).toString(),
                "--market", SAMPLES.resolve(book + ".market.json").toString());
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    static JsonNode policy(JsonNode out, String name) {
        for (JsonNode p : out.get("policies")) {
            if (p.get("policy").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void theStrangleIsPartlyMarginedByTheLinearExchangeModels() throws Exception {
        JsonNode out = compare("btc-short-strangle");
        List<String> options = List.of("btc-c105k-dec", "btc-p80k-dec", "btc-c120k-jan", "btc-p75k-jan");
        for (String name : List.of("binance-tiered", "deribit-standard")) {
            JsonNode c = policy(out, name).get("coverage");
            assertThat(c.get("status").asText()).isEqualTo("partial");
            assertThat(c.get("positions").asInt()).isEqualTo(7);
            assertThat(c.get("summary").asText()).isEqualTo("partial: 4 of 7 positions not margined by " + name);
            List<String> ids = new ArrayList<>();
            c.get("notCovered").forEach(n -> ids.add(n.get("id").asText()));
            assertThat(ids).containsExactlyElementsOf(options);
            // part of the book not margined: no MM and no ratio rather than a small MM that looks safe
            assertThat(policy(out, name).path("maintenanceMargin").isNumber()).isFalse();
            assertThat(policy(out, name).path("marginRatio").isNumber()).isFalse();
            assertThat(policy(out, name).get("zone").asText()).isEqualTo("NOT_COVERED");
        }
        for (String name : List.of("ramm", "span", "deribit-pm")) {
            assertThat(policy(out, name).get("coverage").get("status").asText()).isEqualTo("full");
        }
    }

    @Test
    void computeWithAPolicyWritesTheSameCoverageObjectAsCompare() throws Exception {
        for (String book : List.of("btc-short-strangle", "deribit-options-book", "eth-perp-leveraged")) {
            JsonNode out = compare(book);
            for (JsonNode row : out.get("policies")) {
                String name = row.get("policy").asText();
                if (!row.has("coverage")) {
                    continue; // skipped (needs a history)
                }
                String file = java.nio.file.Files.exists(SAMPLES.resolve(book + ".csv")) ? book + ".csv" : book + ".json";
                JsonNode single = PolicyCommandTest.compute(PolicyCommandTest.args(file, "--policy", name));
                assertThat(single.get("coverage")).as(book + " " + name).isEqualTo(row.get("coverage"));
                assertThat(single.path("marginRatioNote")).as(book + " " + name).isEqualTo(row.path("marginRatioNote"));
            }
        }
    }

    @Test
    void aPolicyThatMarginsMostOfTheBookNotHasNoMarginAndNoRatio() throws Exception {
        JsonNode p = policy(compare("deribit-options-book"), "binance-tiered");
        assertThat(p.get("coverage").get("status").asText()).isEqualTo("partial");
        assertThat(p.get("coverage").get("summary").asText())
                .isEqualTo("partial: 9 of 10 positions not margined by binance-tiered");
        assertThat(p.get("coverage").get("notCovered")).hasSize(9);
        assertThat(p.path("maintenanceMargin").isNumber()).isFalse();
        assertThat(p.path("marginRatio").isNumber()).isFalse();
    }

    @Test
    void theEthPerpetualIsFullyMarginedByTheWholeEthusdtTable() throws Exception {
        // the table used to stop at 10,000 USDT and printed MM 0, ratio 0.0; every tier is there now
        JsonNode p = policy(compare("eth-perp-leveraged"), "binance-tiered");
        assertThat(p.get("coverage").get("status").asText()).isEqualTo("full");
        assertThat(p.get("maintenanceMargin").asDouble()).isEqualTo(6182.0);
        assertThat(p.get("marginRatio").asDouble()).isGreaterThan(0);
    }
}
