package io.marginscope.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.marginscope.cli.ComputeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of {@code compute}, {@code compare}, {@code stress}, {@code whatif}, {@code explain},
 * {@code surface} and {@code backtest} over the samples, bit for bit against the files in
 * {@code src/test/resources/golden/}. A change that moves a figure on purpose regenerates them and
 * says why in its commit:
 * <pre>bin/mvn -B -o test -Dtest=GoldenOutputTest -Dgolden.update=true</pre>
 * (writes every golden file anew, then the test passes; review the diff before committing).
 *
 * <p>Normalised before the comparison, and only these: the absolute path of the project folder
 * (written as {@code <project>}) and the wall times {@code elapsedMs} (written as 0). The price
 * history is {@code golden/closes.csv}, a synthetic fixture shipped with the tests, so nothing here
 * needs {@code ../shared}.
 */
class GoldenOutputTest {

    static final Path PROJECT = Path.of(System.getProperty("marginscope.projectDir", ".")).toAbsolutePath()
            .normalize();
    static final Path GOLDEN = PROJECT.resolve("src/test/resources/golden");
    static final String S = "sample-portfolios/";
    static final String HISTORY = "src/test/resources/golden/closes.csv";
    static final List<String> BOOKS = List.of("btc-short-strangle.csv", "eth-perp-leveraged.csv",
            "btc-eth-basis.csv", "deribit-options-book.json");
    static final List<String> PRESETS = List.of("ramm", "span", "binance-tiered", "deribit-pm", "deribit-standard");

    static String stem(String book) {
        return book.substring(0, book.lastIndexOf('.'));
    }

    static List<String> book(String book) {
        return List.of("--portfolio", S + book, "--market", S + stem(book) + ".market.json");
    }

    static Arguments golden(String name, List<String> args) {
        return Arguments.of(name, args);
    }

    static List<String> args(List<String> head, String... more) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(more));
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String b : BOOKS) {
            String s = stem(b);
            out.add(golden("compute-" + s, args(List.of("compute"), args(book(b)).toArray(String[]::new))));
            for (String p : PRESETS) {
                out.add(golden("compute-" + s + "-" + p, args(args(List.of("compute"), book(b).toArray(String[]::new)),
                        "--policy", p)));
            }
            out.add(golden("compare-" + s, args(List.of("compare"), book(b).toArray(String[]::new))));
            out.add(golden("stress-" + s, args(args(List.of("stress"), book(b).toArray(String[]::new)),
                    "--grid", "--span")));
            out.add(golden("whatif-" + s, args(args(List.of("whatif"), book(b).toArray(String[]::new)),
                    "--trade", S + "examples/hedge-trade.csv")));
        }
        String strangle = "btc-short-strangle.csv";
        String[] sb = book(strangle).toArray(String[]::new);
        for (String[] m : new String[][] {{"historical", "historical"}, {"fhs", "ewma"}, {"montecarlo", "garch"},
                {"parametric", "ewma"}}) {
            out.add(golden("compute-btc-short-strangle-history-" + m[0] + "-" + m[1], args(args(List.of("compute"), sb),
                    "--history", HISTORY, "--method", m[0], "--vol-model", m[1], "--scenarios", "2000",
                    "--window-days", "250")));
        }
        out.add(golden("compute-btc-eth-basis-history-ramm", args(args(List.of("compute"),
                book("btc-eth-basis.csv").toArray(String[]::new)), "--history", HISTORY, "--policy", "ramm",
                "--method", "fhs", "--vol-model", "ewma")));
        out.add(golden("compute-accounts", List.of("compute", "--portfolio", S + strangle, "--portfolio",
                S + "eth-perp-leveraged.csv", "--market", S + "btc-short-strangle.market.json", "--market",
                S + "eth-perp-leveraged.market.json", "--policy", "ramm")));
        out.add(golden("compare-btc-short-strangle-history", args(args(List.of("compare"), sb), "--history", HISTORY,
                "--scenarios", "2000")));
        out.add(golden("whatif-eth-perp-leveraged-span", args(args(List.of("whatif"),
                book("eth-perp-leveraged.csv").toArray(String[]::new)), "--trade", S + "examples/hedge-trade.csv",
                "--policy", "span")));
        out.add(golden("explain-now-later", List.of("explain", "--from", S + "examples/strangle-now.state.json",
                "--to", S + "examples/strangle-later.state.json")));
        out.add(golden("explain-later-now", List.of("explain", "--from", S + "examples/strangle-later.state.json",
                "--to", S + "examples/strangle-now.state.json", "--scenarios", "2000", "--seed", "7")));
        out.add(golden("surface-btc-short-strangle", args(List.of("surface"), sb)));
        out.add(golden("surface-btc-eth-basis-together-span", args(args(List.of("surface"),
                book("btc-eth-basis.csv").toArray(String[]::new)), "--together", "--policy", "span")));
        out.add(golden("surface-deribit-options-book", args(args(List.of("surface"),
                book("deribit-options-book.json").toArray(String[]::new)), "--scenarios", "2000",
                "--vol-shocks", "0,0.5")));
        out.add(golden("backtest-btc-short-strangle-fhs", args(args(List.of("backtest"), sb), "--history", HISTORY,
                "--method", "fhs", "--vol-model", "ewma", "--series")));
        out.add(golden("backtest-btc-eth-basis-parametric", args(args(List.of("backtest"),
                book("btc-eth-basis.csv").toArray(String[]::new)), "--history", HISTORY, "--horizon-days", "2",
                "--confidence", "0.975", "--vol-model", "garch")));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputIsTheGoldenFile(String name, List<String> args) throws IOException {
        List<String> absolute = new ArrayList<>();
        for (String a : args) {
            absolute.add(a.startsWith(S) || a.startsWith("src/") ? PROJECT.resolve(a).toString() : a);
        }
        ComputeCommandTest.Run r = run(absolute.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        String actual = normalise(r.out());
        Path file = GOLDEN.resolve(name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file (regenerate with -Dgolden.update=true)").exists();
        assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The documented normalisation: the project's absolute path and the wall times, nothing else. */
    static String normalise(String json) {
        String project = PROJECT.toString();
        return json.replace(project.replace("\\", "\\\\"), "<project>")
                .replaceAll("(\"elapsedMs\" : )[-0-9.Ee]+", "$10")
                .replace("\r\n", "\n");
    }
}
