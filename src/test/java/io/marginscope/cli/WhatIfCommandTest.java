package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** whatif on every sample, its JSON and its errors. */
class WhatIfCommandTest {

    static final Path TRADE = SAMPLES.resolve("examples/hedge-trade.csv");

    static String market(String book) {
        return SAMPLES.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"})
    void printsItsJsonOnEverySample(String book) throws Exception {
        ComputeCommandTest.Run r = run("whatif", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--trade", TRADE.toString(), "--scenarios", "2000");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String side : new String[] {"before", "after", "change"}) {
            for (String f : new String[] {"equity", "var", "es", "maintenanceMargin", "initialMargin", "marginRatio",
                    "freeMargin", "liquidation", "greeksByExpiry"}) {
                assertThat(j.get(side).has(f)).as(side + "." + f).isTrue();
            }
        }
        double mm = j.get("after").get("maintenanceMargin").asDouble() - j.get("before").get("maintenanceMargin")
                .asDouble();
        assertThat(j.get("marginalMargin").asDouble()).isCloseTo(mm, within(1e-9 * Math.max(1, Math.abs(mm))));
        assertThat(j.get("change").get("maintenanceMargin").asDouble()).isEqualTo(j.get("marginalMargin").asDouble());
        assertThat(j.get("trades")).hasSize(2);
        assertThat(j.get("after").get("positions").size()).isGreaterThanOrEqualTo(
                j.get("before").has("positions") ? 0 : 5);
        assertThat(j.get("policy").get("name").asText()).isEqualTo("ramm");
    }

    @Test
    void theBeforeSideIsComputeWithThePolicy() throws Exception {
        String book = "eth-perp-leveraged.csv";
        ComputeCommandTest.Run w = run("whatif", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--trade", TRADE.toString(), "--scenarios", "2000", "--policy", "span");
        ComputeCommandTest.Run c = run("compute", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--scenarios", "2000", "--policy", "span");
        JsonNode before = new ObjectMapper().readTree(w.out()).get("before");
        JsonNode alone = new ObjectMapper().readTree(c.out());
        for (String f : new String[] {"equity", "var", "es", "maintenanceMargin", "initialMargin", "freeMargin"}) {
            assertThat(before.get(f).asDouble()).as(f).isEqualTo(alone.get(f).asDouble());
        }
        assertThat(before.get("liquidation")).isEqualTo(alone.get("liquidation"));
        assertThat(before.get("greeksByExpiry")).isEqualTo(alone.get("greeksByExpiry"));
    }

    @Test
    void anUnknownInstrumentTypeIsBadInputNamingFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("bad-trade.csv");
        Files.writeString(t, "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n"
                + "x,BTC,PERP,,,1,92000,LINEAR\ny,BTC,SWAP,,,1,92000,LINEAR\n");
        String book = "btc-short-strangle.csv";
        ComputeCommandTest.Run r = run("whatif", "--portfolio", SAMPLES.resolve(book).toString(), "--market",
                market(book), "--trade", t.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("bad-trade.csv").contains("line 3").contains("column 'type'").contains("SWAP");
        Path xrp = dir.resolve("xrp.csv");
        Files.writeString(xrp, "id,underlying,type,quantity,entry_price\nx,XRP,PERP,100,1.1\n");
        r = run("whatif", "--portfolio", SAMPLES.resolve(book).toString(), "--market", market(book), "--trade",
                xrp.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("assets.XRP");
    }
}
