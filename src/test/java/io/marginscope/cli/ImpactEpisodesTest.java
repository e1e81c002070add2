package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code impact --episodes}: each crash's loss is {@code stress --scenario} on the account alone. */
class ImpactEpisodesTest {

    static final List<String> EPISODES = List.of("2020-03-12", "2021-05-19", "2022-05-09", "2022-11-08", "2024-08-05");

    @Test
    void lossesAreTheStressOfEachAccountAndTotalsTheirDefinition(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("base");
        assertThat(run("accounts-generate", "--accounts", "30", "--seed", "5", "--out", base.toString()).status())
                .isZero();
        Path market = base.resolve("market.json");
        Path out = dir.resolve("e.json");
        ComputeCommandTest.Run r = run("impact", "--accounts", base.toString(), "--market", market.toString(),
                "--policy", "span", "--policy", "ramm", "--episodes", "--json", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        JsonNode j = m.readTree(out.toFile());
        assertThat(j.get("parameters").get("episodes")).hasSize(EPISODES.size());
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Double> shortfall = new HashMap<>();
        int notCovered = 0;
        for (JsonNode a : j.get("accounts")) {
            List<String> args = new ArrayList<>(List.of("stress", "--portfolio", a.get("source").asText(), "--market",
                    market.toString()));
            for (String e : EPISODES) {
                args.addAll(List.of("--scenario", e));
            }
            ComputeCommandTest.Run s = run(args.toArray(String[]::new));
            assertThat(s.status()).as(s.err()).isZero();
            JsonNode stress = m.readTree(s.out()).get("stress");
            JsonNode eps = a.get("episodes");
            assertThat(eps).hasSize(EPISODES.size() * 2);
            for (int e = 0; e < EPISODES.size(); e++) {
                for (int p = 0; p < 2; p++) {
                    JsonNode ep = eps.get(e * 2 + p);
                    JsonNode pol = a.get("policies").get(p);
                    assertThat(ep.get("episode").asText()).isEqualTo(EPISODES.get(e));
                    assertThat(ep.get("loss").asDouble()).isEqualTo(-stress.get(e).get("pnl").asDouble());
                    double im = pol.get("initialMargin").isNull() ? pol.get("maintenanceMargin").asDouble()
                            : pol.get("initialMargin").asDouble();
                    double before = pol.get("equity").asDouble()
                            + Math.max(0, im - pol.get("adjustedEquity").asDouble());
                    double sf = Math.max(0, ep.get("loss").asDouble() - before);
                    assertThat(ep.get("shortfall").asDouble()).isEqualTo(sf);
                    String key = EPISODES.get(e) + "/" + pol.get("policy").asText();
                    long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                    c[0] += sf > 0 ? 1 : 0;
                    c[1] += before - ep.get("loss").asDouble() < pol.get("maintenanceMargin").asDouble() ? 1 : 0;
                    shortfall.merge(key, sf, Double::sum);
                }
            }
            notCovered += a.get("policies").get(1).get("notCovered").size();
        }
        for (JsonNode t : j.get("episodes")) {
            String key = t.get("episode").asText() + "/" + t.get("policy").asText();
            assertThat(t.get("accounts").asInt()).isEqualTo(30);
            assertThat(t.get("shortfallAccounts").asLong()).as(key).isEqualTo(counts.get(key)[0]);
            assertThat(t.get("liquidated").asLong()).as(key).isEqualTo(counts.get(key)[1]);
            assertThat(t.get("totalShortfall").asDouble()).as(key).isEqualTo(shortfall.get(key));
        }
        // the crashes hurt someone: the test is not vacuous
        assertThat(counts.values().stream().mapToLong(c -> c[1]).sum()).isPositive();
        assertThat(j.get("policies").get(1).get("positionsNotCovered").asInt()).isEqualTo(notCovered);
    }
}
