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
        ComputeCommandTest.Run r = run("compare", "--portfolio", SAMPLES.resolve(book + ".csv").toString(),
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
            assertThat(policy(out, name).get("marginRatio").isNumber()).isTrue();
        }
        for (String name : List.of("ramm", "span", "deribit-pm")) {
            assertThat(policy(out, name).get("coverage").get("status").asText()).isEqualTo("full");
        }
    }

    @Test
    void aPolicyThatMarginsNothingHasNoRatio() throws Exception {
        JsonNode p = policy(compare("eth-perp-leveraged"), "binance-tiered");
        assertThat(p.get("coverage").get("status").asText()).isEqualTo("none");
        assertThat(p.get("marginRatio").isNull()).isTrue();
        assertThat(p.get("marginRatioNote").asText()).isEqualTo("binance-tiered margins none of the book's positions");
        assertThat(p.get("coverage").get("notCovered")).hasSize(3);
    }
}
