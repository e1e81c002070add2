package io.marginscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.report.CsvExport;
import io.marginscope.report.OutputFolder;
import io.marginscope.report.OutputTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.marginscope.cli.ComputeCommandTest.SAMPLES;
import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where {@code --json}, {@code --pdf} and {@code --csv} write (OutputTarget, OutputFolder). */
class OutputTargetCommandTest {

    static final String BOOK = SAMPLES.resolve("btc-short-strangle.csv").toString();
    static final String MARKET = SAMPLES.resolve("btc-short-strangle.market.json").toString();

    static ComputeCommandTest.Run compute(String... more) {
        String[] args = Stream.concat(Stream.of("compute", "--portfolio", BOOK, "--market", MARKET),
                Stream.of(more)).toArray(String[]::new);
        return run(args);
    }

    /** A character device made with mknod where permitted (as root), else a FIFO with a reader. */
    @Test
    void aDeviceOrFifoStaysWhatItIs(@TempDir Path dir) throws Exception {
        Path dev = dir.resolve("null");
        boolean device = new ProcessBuilder("mknod", dev.toString(), "c", "1", "3").start().waitFor() == 0;
        Process reader = null;
        Path drained = dir.resolve("drained");
        if (!device) {
            assertThat(new ProcessBuilder("mkfifo", dev.toString()).start().waitFor()).isZero();
            reader = new ProcessBuilder("sh", "-c", "cat \"$0\" > \"$1\"", dev.toString(), drained.toString()).start();
        }
        ComputeCommandTest.Run r = compute("--json", dev.toString());
        assertThat(r.status()).as(r.err()).isZero();
        if (device) {
            // still a device node, not a regular file renamed over it
            assertThat(Files.isRegularFile(dev, LinkOption.NOFOLLOW_LINKS)).isFalse();
            int mode = (Integer) Files.getAttribute(dev, "unix:mode");
            assertThat(mode & 0170000).isEqualTo(0020000);
        } else {
            assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int mode = (Integer) Files.getAttribute(dev, "unix:mode");
            assertThat(mode & 0170000).isEqualTo(0010000);
            assertThat(new ObjectMapper().readTree(drained.toFile()).get("equity").isNumber()).isTrue();
        }
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void aFolderAnEmptyNameOrAMissingFolderIsBadInputNamingTheOption(@TempDir Path dir) {
        for (String bad : new String[] {dir.toString(), "", dir.resolve("missing/out.json").toString(), "/"}) {
            ComputeCommandTest.Run r = compute("--json", bad);
            assertThat(r.status()).as(bad).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("error: --json").doesNotContain("\n").doesNotContain("Exception");
        }
        ComputeCommandTest.Run r = compute("--json", "-", "--pdf", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --pdf");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aSymlinkIsFollowedAndAnExistingFileKeepsItsMode(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("target.json");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, Path.of("target.json"));
        ComputeCommandTest.Run r = compute("--json", link.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(new ObjectMapper().readTree(target.toFile()).get("equity").isNumber()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void aNewFileGetsTheUmasksModeNotOwnerOnly(@TempDir Path dir) throws Exception {
        // the mode a plain new file gets here (umask applied), the reference for ours
        Path plain = Files.createFile(dir.resolve("plain"));
        Path out = dir.resolve("new.json");
        assertThat(compute("--json", out.toString()).status()).isZero();
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void staleTemporariesOfDeadProcessesAreCleanedAtTheNextRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.json");
        // a process id that is not running: a finished child's
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path stale = dir.resolve(".out.json." + dead + ".deadbeef.tmp");
        Files.writeString(stale, "{\"half\":");
        Path staleFolder = dir.resolve(".csv." + dead + ".cafebabe.tmp");
        Files.createDirectories(staleFolder);
        Files.writeString(staleFolder.resolve("positions.csv"), "id\n");
        ComputeCommandTest.Run r = compute("--json", out.toString(), "--csv", dir.resolve("csv").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(leftovers(dir)).isEmpty();
        assertThat(Files.exists(stale)).isFalse();
    }

    /** A failure while writing any file of the export leaves the previous export whole and nothing beside it. */
    @Test
    void aFailedFolderExportChangesNothing(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("csv");
        assertThat(compute("--csv", csv.toString(), "--json", dir.resolve("a.json").toString()).status()).isZero();
        Map<String, String> before = contents(csv);
        assertThat(before).containsOnlyKeys(CsvExport.POSITIONS, CsvExport.SCENARIO_PNL, CsvExport.STRESS,
                CsvExport.BACKTEST_EXCEPTIONS, CsvExport.MARGIN_COMPONENTS);
        Map<String, OutputTarget.Body> files = new LinkedHashMap<>();
        files.put(CsvExport.POSITIONS, o -> o.write("new".getBytes(StandardCharsets.UTF_8)));
        files.put(CsvExport.STRESS, o -> {
            o.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        });
        assertThatThrownBy(() -> OutputFolder.of("--csv", csv).stage(files))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device")
                .hasMessageContaining("nothing in it was changed");
        assertThat(contents(csv)).isEqualTo(before);
        assertThat(leftovers(dir)).isEmpty();
    }

    /** With --pdf, --csv and --json, a failing part (here --save into a store that cannot open) writes none. */
    @Test
    void aFailedSaveWritesNoOutput(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out.json");
        Path notAFolder = Files.writeString(dir.resolve("store-is-a-file"), "x");
        ComputeCommandTest.Run r = compute("--json", json.toString(), "--csv", dir.resolve("csv").toString(),
                "--save", "s", "--data-dir", notAFolder.toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.err().strip()).doesNotContain("\n");
        assertThat(Files.exists(json)).isFalse();
        assertThat(Files.exists(dir.resolve("csv"))).isFalse();
        assertThat(leftovers(dir)).isEmpty();
    }

    static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                m.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return m;
    }

    static List<Path> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
