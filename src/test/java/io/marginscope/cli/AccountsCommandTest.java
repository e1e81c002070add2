package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** compute with several --portfolio: accounts side by side, cross-margined, and the netting benefit. */
class AccountsCommandTest {

    static final String[] BOOKS = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"};

    static String market(String book) {
        return SAMPLES.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json").toString();
    }

    static JsonNode compute(List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("compute", "--scenarios", "2000"));
        all.addAll(args);
        ComputeCommandTest.Run r = run(all.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void eachAccountIsTheBookComputedAloneOnItsOwnSnapshot() throws Exception {
        List<String> args = new ArrayList<>();
        for (String b : BOOKS) {
            args.addAll(List.of("--portfolio", SAMPLES.resolve(b).toString()));
        }
        for (String b : BOOKS) {
            args.addAll(List.of("--market", market(b)));
        }
        args.addAll(List.of("--policy", "ramm"));
        JsonNode j = compute(args);
        JsonNode accounts = j.get("accounts");
        assertThat(accounts).hasSize(4);
        double sum = 0;
        int positions = 0;
        for (int i = 0; i < BOOKS.length; i++) {
            JsonNode alone = compute(List.of("--portfolio", SAMPLES.resolve(BOOKS[i]).toString(), "--market",
                    market(BOOKS[i]), "--policy", "ramm"));
            ObjectNode account = accounts.get(i).deepCopy();
            assertThat(account.remove("account").asText()).isEqualTo(BOOKS[i].substring(0, BOOKS[i].lastIndexOf('.')));
            assertThat(account).isEqualTo(alone);
            sum += alone.get("maintenanceMargin").asDouble();
            positions += alone.get("positions").size();
        }
        JsonNode combined = j.get("combined");
        assertThat(combined.get("portfolio").asText()).isEqualTo("combined");
        assertThat(combined.get("positions")).hasSize(positions);
        assertThat(combined.get("positions").get(0).get("id").asText()).isEqualTo("btc-short-strangle/btc-c105k-dec");
        assertThat(j.get("accountsMaintenanceMargin").asDouble()).isCloseTo(sum, within(1e-6));
        assertThat(j.get("nettingBenefit").asDouble()).isCloseTo(sum - combined.get("maintenanceMargin").asDouble(),
                within(1e-6));
        // one book's equity is the sum of the accounts' (same snapshot content for all four)
        double equity = 0;
        for (JsonNode a : accounts) {
            equity += a.get("equity").asDouble();
        }
        assertThat(combined.get("equity").asDouble()).isCloseTo(equity, within(1e-6 * Math.abs(equity)));
    }

    @Test
    void oneMarketForAllAndTheDefaultPolicy() throws Exception {
        String m = market(BOOKS[0]);
        JsonNode j = compute(List.of("--portfolio", SAMPLES.resolve(BOOKS[0]).toString(), "--portfolio",
                SAMPLES.resolve(BOOKS[2]).toString(), "--portfolio", SAMPLES.resolve(BOOKS[0]).toString(), "--market", m));
        assertThat(j.get("accounts")).hasSize(3);
        // a repeated account name gets a suffix; ids stay unique in the combined book
        assertThat(j.get("accounts").get(2).get("account").asText()).isEqualTo("btc-short-strangle-2");
        assertThat(j.get("warnings").toString()).contains("ramm");
        assertThat(j.get("accounts").get(0).get("policy").get("name").asText()).isEqualTo("ramm");
        assertThat(j.get("nettingBenefit").isNumber()).isTrue();
    }

    @Test
    void oneOrOneMarketPerPortfolio() throws Exception {
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve(BOOKS[0]).toString(), "--portfolio",
                SAMPLES.resolve(BOOKS[1]).toString(), "--portfolio", SAMPLES.resolve(BOOKS[2]).toString(),
                "--market", market(BOOKS[0]), "--market", market(BOOKS[1]));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("one --market for all portfolios or one per --portfolio");
    }

    @Test
    void onePortfolioKeepsTheSingleBookJson() throws Exception {
        JsonNode j = compute(List.of("--portfolio", SAMPLES.resolve(BOOKS[1]).toString(), "--market",
                market(BOOKS[1])));
        assertThat(j.has("accounts")).isFalse();
        assertThat(j.has("nettingBenefit")).isFalse();
        assertThat(j.get("portfolio").asText()).isEqualTo("eth-perp-leveraged");
    }
}
