package io.marginscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six separate processes (JVMs) save the same five session names at once into a new store: every
 * save succeeds, and the store holds one session per name with one version per process.
 */
class ConcurrentSaveTest {

    static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");
    static final int PROCESSES = 6;
    static final List<String> NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo");

    @Test
    void sixProcessesSavingFiveNamesAtOnceAllSucceedIntoOneSessionPerName(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dmarginscope.cacheDir=" + System.getProperty("marginscope.cacheDir", dir.resolve("cache").toString()),
                    "-cp", System.getProperty("java.class.path"), ConcurrentSaver.class.getName(),
                    data.toString(), go.toString(), SAMPLES.resolve("btc-short-strangle.csv").toString(),
                    SAMPLES.resolve("btc-short-strangle.market.json").toString(), "process-" + p));
            cmd.addAll(NAMES);
            Path log = dir.resolve("child-" + p + ".out");
            logs.add(log);
            children.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        Thread.sleep(1500); // let the JVMs start, so that they open the new store together
        Files.writeString(go, "go");
        for (Process c : children) {
            assertThat(c.waitFor(240, TimeUnit.SECONDS)).isTrue();
        }
        int ok = 0;
        List<String> failures = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("exit ")) {
                    if (line.endsWith(" 0")) {
                        ok++;
                    } else {
                        failures.add(line);
                    }
                } else if (line.startsWith("error") || line.contains("Exception")) {
                    failures.add(line);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(ok).isEqualTo(PROCESSES * NAMES.size());
        try (SessionStore store = SessionStore.open(data.resolve("sessions.db"))) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            Map<String, Integer> versions = new TreeMap<>();
            for (SessionSummary s : store.list(null)) {
                assertThat(versions.put(s.name(), s.version())).as("one session named " + s.name()).isNull();
                assertThat(store.versions(s.id())).hasSize(PROCESSES);
            }
            assertThat(versions).containsOnlyKeys(NAMES);
            assertThat(versions.values()).containsOnly(PROCESSES);
        }
        // the native library was unpacked into the cache, not into the store's folder
        assertThat(Files.exists(data.resolve("tmp"))).isFalse();
    }
}
