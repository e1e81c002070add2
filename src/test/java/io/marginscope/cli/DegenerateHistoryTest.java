package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** A constant-price history moves no price: VaR = ES = 0 with a warning, never a negative risk (the carry alone). */
class DegenerateHistoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"historical", "fhs"})
    void aConstantHistoryGivesZeroRiskWithAWarning(String method, @TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("date,BTC,USDC\n");
        for (LocalDate d = LocalDate.of(2023, 11, 1); !d.isAfter(LocalDate.of(2024, 11, 20)); d = d.plusDays(1)) {
            sb.append(d).append(",92300,1\n");
        }
        Path history = Files.writeString(dir.resolve("constant.csv"), sb);
        ComputeCommandTest.Run r = run("compute", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--history", history.toString(),
                "--method", method, "--json", "-");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("var").asDouble()).isZero();
        assertThat(j.get("es").asDouble()).isZero();
        assertThat(j.get("warnings").toString()).contains("no scenario moves any price");
        for (JsonNode p : j.get("positions")) {
            assertThat(p.path("componentEs").asDouble(0)).isZero();
        }
    }
}
