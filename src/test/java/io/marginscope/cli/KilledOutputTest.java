package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.report.CsvExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compute --json F --csv DIR} in a separate process killed with SIGKILL at random moments:
 * F is always the previous complete JSON or the new one, DIR the previous complete export or the
 * new one, never a mix or a half file; the next run removes what the killed ones left.
 */
class KilledOutputTest {

    @Test
    void aKilledRunLeavesThePreviousOutputsWhole(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("book.csv");
        StringBuilder sb = new StringBuilder("id,underlying,type,expiry,strike,quantity,entry_price,settlement\n");
        Random r = new Random(5);
        for (int i = 0; i < 3000; i++) {
            sb.append("p").append(i).append(",BTC,").append(r.nextBoolean() ? "CALL" : "PUT").append(",2025-01-31,")
                    .append(70000 + 1000 * r.nextInt(50)).append(',').append(r.nextInt(21) - 10).append(".5,2000,LINEAR\n");
        }
        Files.writeString(book, sb);
        Path market = SAMPLES.resolve("btc-short-strangle.market.json");
        Path json = dir.resolve("out.json");
        Path csv = dir.resolve("csv");
        List<String> args = List.of("compute", "--portfolio", book.toString(), "--market", market.toString(),
                "--method", "montecarlo", "--scenarios", "3000", "--json", json.toString(), "--csv", csv.toString());
        // a first complete run, in-process: the previous outputs
        ComputeCommandTest.Run first = ComputeCommandTest.run(args.toArray(String[]::new));
        assertThat(first.status()).as(first.err()).isZero();
        String previousJson = Files.readString(json);
        Map<String, String> previousCsv = OutputTargetCommandTest.contents(csv);
        ObjectMapper mapper = new ObjectMapper();
        Random kill = new Random(11);
        for (int round = 0; round < 4; round++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.marginscope.Launcher"));
            cmd.addAll(args);
            // a different seed each round: the new outputs differ from the previous ones
            cmd.addAll(List.of("--seed", String.valueOf(100 + round)));
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(500 + kill.nextInt(2500));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String now = Files.readString(json);
            JsonNode parsed = mapper.readTree(now);
            assertThat(parsed.path("var").isNumber()).as("round " + round + ": a whole JSON").isTrue();
            Map<String, String> nowCsv = OutputTargetCommandTest.contents(csv);
            assertThat(nowCsv).containsOnlyKeys(previousCsv.keySet());
            if (!nowCsv.equals(previousCsv)) {
                // moved in: the complete new export, of the run whose JSON is there or is about to be
                for (String f : new String[] {CsvExport.POSITIONS, CsvExport.SCENARIO_PNL}) {
                    assertThat(CsvExport.read(csv.resolve(f))).isNotEmpty();
                }
                assertThat(nowCsv.get(CsvExport.SCENARIO_PNL)).isNotEqualTo(previousCsv.get(CsvExport.SCENARIO_PNL));
            }
            previousJson = now;
            previousCsv = nowCsv;
        }
        assertThat(previousJson).isNotEmpty();
        // the next complete run cleans what the killed ones left
        ComputeCommandTest.Run last = ComputeCommandTest.run(args.toArray(String[]::new));
        assertThat(last.status()).as(last.err()).isZero();
        assertThat(OutputTargetCommandTest.leftovers(dir)).isEmpty();
    }
}
