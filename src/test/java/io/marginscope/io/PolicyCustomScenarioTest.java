package io.marginscope.io;

import io.marginscope.margin.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy's custom scenario files: .json files inside the policy's folder or the working folder, no others. */
class PolicyCustomScenarioTest {

    static final Path LIBRARY = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("assets/scenarios");

    static Path policy(Path dir, String custom) throws Exception {
        Path p = dir.resolve("policy.json");
        Files.writeString(p, "{\"name\": \"custom\", \"stress\": {\"custom\": [\"" + custom.replace("\\", "/") + "\"]}}");
        return p;
    }

    @Test
    void aScenarioBesideThePolicyIsReadRelativeToThePolicysFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scenarios"));
        Files.copy(LIBRARY.resolve("2021-05-19.json"), dir.resolve("scenarios/may.json"));
        Policy p = PolicyJson.read(policy(dir, "scenarios/may.json"));
        assertThat(p.stress().scenarios()).singleElement()
                .extracting(s -> s.name()).isEqualTo(ScenarioLibrary.load("2021-05-19").name());
    }

    @Test
    void aFileOutsideThePolicysAndTheWorkingFolderIsRefusedWithoutEchoingIt(@TempDir Path dir, @TempDir Path other)
            throws Exception {
        Path outside = other.resolve("secret.json");
        Files.writeString(outside, "{\"first-word-of-a-secret\": 1}");
        Path p = policy(dir, outside.toString());
        assertThatThrownBy(() -> PolicyJson.read(p)).isInstanceOf(InputException.class)
                .hasMessageContaining("stress.custom[0]").hasMessageContaining("inside the policy's folder")
                .hasMessageNotContaining("first-word-of-a-secret");
        Path up = policy(dir, "../" + other.getFileName() + "/secret.json");
        assertThatThrownBy(() -> PolicyJson.read(up)).isInstanceOf(InputException.class)
                .hasMessageContaining("inside the policy's folder");
    }

    @Test
    void onlyJsonScenarioFilesAreAccepted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        assertThatThrownBy(() -> PolicyJson.read(policy(dir, "notes.txt"))).isInstanceOf(InputException.class)
                .hasMessageContaining("stress.custom[0]").hasMessageContaining(".json scenario file");
        assertThatThrownBy(() -> PolicyJson.read(policy(dir, "missing.json"))).isInstanceOf(InputException.class)
                .hasMessageContaining("no such scenario file");
    }
}
