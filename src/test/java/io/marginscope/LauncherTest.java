package io.marginscope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The workstation's arguments are checked before any window opens: nothing falls through silently. */
class LauncherTest {

    static String problem(String... args) {
        return Launcher.guiProblem(args);
    }

    @Test
    void knownArgumentsOpenTheWorkstation() {
        assertThat(problem()).isNull();
        assertThat(problem("--portfolio", "a.csv")).isNull();
        assertThat(problem("--portfolio", "a.csv", "--market", "m.json", "--history", "h")).isNull();
    }

    @Test
    void helpIsNotAnError() {
        assertThat(problem("--help")).isEmpty();
        assertThat(problem("--portfolio", "a.csv", "-h")).isEmpty();
    }

    @Test
    void unknownOrIncompleteArgumentsAreNamed() {
        assertThat(problem("--portfolo", "a.csv")).isEqualTo("unknown option '--portfolo'");
        assertThat(problem("--portfolio")).isEqualTo("--portfolio needs a path");
        assertThat(problem("--portfolio", "--market", "m.json")).isEqualTo("--portfolio needs a path");
        assertThat(problem("--history", "a", "--history", "b")).isEqualTo("--history given twice");
        assertThat(problem("--market", "m.json")).isEqualTo("--market needs --portfolio");
        assertThat(problem("x".repeat(500))).hasSizeLessThan(120);
    }
}
