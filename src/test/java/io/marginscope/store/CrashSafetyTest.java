package io.marginscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save interrupted by killing the JVM (SIGKILL, no shutdown hooks) leaves the last committed
 * version readable and the file sound: a child process saves 2 MB versions in a loop and is
 * killed at a random moment, three times over the same store.
 */
class CrashSafetyTest {

    static List<Integer> saves(Path log) throws java.io.IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.exists(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("saved ")) {
                out.add(Integer.parseInt(line.substring(6).strip()));
            }
        }
        return out;
    }

    @Test
    void aKilledSaveLeavesTheLastGoodVersion(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("crash.db");
        Random random = new Random(7);
        int lastSeen = 0;
        for (int round = 0; round < 3; round++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                    "-Dmarginscope.cacheDir=" + System.getProperty("marginscope.cacheDir", dir.resolve("cache").toString()),
                    "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), db.toString()));
            Path log = dir.resolve("child-" + round + ".out");
            Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(log.toFile()).start();
            // let it commit a few versions, then kill it at a random moment of a later one
            int target = 2 + random.nextInt(3);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (saves(log).size() < target && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(saves(log)).as("saves before the kill").hasSizeGreaterThanOrEqualTo(target);
            Thread.sleep(random.nextInt(40));
            child.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // a version is printed after its commit: every printed one is in the store
            List<Integer> printed = saves(log);
            int seen = printed.getLast();
            assertThat(child.exitValue()).isNotZero();
            assertThat(seen).isGreaterThan(lastSeen);
            lastSeen = seen;
            try (SessionStore store = SessionStore.open(db)) {
                assertThat(store.integrityCheck()).isEqualTo("ok");
                SessionSummary row = store.list("big").getFirst();
                // the last version the child reported is there; one more may have committed before its print
                assertThat(row.version()).isBetween(seen, seen + 1);
                Session latest = store.load(row.id());
                assertThat(latest.inputs().portfolio().text()).isEqualTo(SaveLoop.portfolio(latest.version(), 2048));
                assertThat(latest.notes()).isEqualTo("version " + latest.version());
                assertThat(latest.inputHash()).isEqualTo(latest.inputs().hash());
                Session previous = store.load(row.id(), latest.version() - 1);
                assertThat(previous.inputs().portfolio().text())
                        .isEqualTo(SaveLoop.portfolio(latest.version() - 1, 2048));
                lastSeen = latest.version();
            }
        }
    }
}
