package io.marginscope.cli;

import io.marginscope.io.InputException;
import io.marginscope.io.ScenarioJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.report.StressJson;
import io.marginscope.stress.ScanRanges;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressGrid;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code marginscope stress}: revalues a book under stress scenarios (historical episodes of the
 * library, custom scenario files, the SPAN array, a price/vol grid) and prints the stress JSON
 * ({@link StressJson}).
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = {"Revalue a portfolio under stress scenarios and print each scenario's P&L (FORMATS.md section 5).",
                "Without --scenario, every historical episode of the library is replayed."})
public final class StressCommand implements Callable<Integer> {

    /** SPAN parameters of --span: the example of FORMATS.md section 6. */
    static final ScanRanges SPAN_PRICE_SCAN = SpanArray.DEFAULT_PRICE_SCAN;
    static final double SPAN_VOL_SCAN = SpanArray.DEFAULT_VOL_SCAN;
    static final double SPAN_EXTREME_MULTIPLE = SpanArray.DEFAULT_EXTREME_MULTIPLE;
    static final double SPAN_EXTREME_COVER = SpanArray.DEFAULT_EXTREME_COVER;

    /** Grid parameters of --grid: the example of FORMATS.md section 6. */
    static final ScanRanges GRID_PRICE_RANGE = StressGrid.DEFAULT_PRICE_RANGE;
    static final int GRID_PRICE_STEPS = StressGrid.DEFAULT_PRICE_STEPS;
    static final double GRID_VOL_UP = StressGrid.DEFAULT_VOL_UP;
    static final double GRID_VOL_DOWN = StressGrid.DEFAULT_VOL_DOWN;

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json",
            description = "Native portfolio CSV or Deribit positions JSON.")
    Path portfolio;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Option(names = "--scenario", paramLabel = "NAME|file.json",
            description = {"A library episode (its id, e.g. 2020-03-12, or its name) or a scenario JSON file; repeatable.",
                    "Without it, the whole library is run."})
    List<String> scenarioArgs = new ArrayList<>();

    @Option(names = "--span", description = {"Add the 16 SPAN scenarios over the book's underlyings with a non-zero vol:",
            "priceScanRange BTC 0.16, ETH 0.20, others 0.25; volScanRange 0.25; extremes 3 x range at 0.35."})
    boolean span;

    @Option(names = "--grid", description = {"Add the price/vol grid over the book's underlyings with a non-zero vol:",
            "priceRange BTC 0.16, others 0.20; 9 price steps; vol up 0.45, unchanged, down 0.30."})
    boolean grid;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        Inputs in = Inputs.load(portfolio, market);
        List<String> warnings = new ArrayList<>(in.warnings());
        List<StressScenario> scenarios = new ArrayList<>();
        if (scenarioArgs.isEmpty()) {
            scenarios.addAll(ScenarioLibrary.all());
        } else {
            for (String arg : scenarioArgs) {
                scenarios.add(resolve(arg));
            }
        }
        List<String> moved = movedUnderlyings(in.book(), in.market(), warnings, span || grid);
        if (span) {
            scenarios.addAll(SpanArray.of(moved, SPAN_PRICE_SCAN, SPAN_VOL_SCAN, SPAN_EXTREME_MULTIPLE,
                    SPAN_EXTREME_COVER));
        }
        if (grid) {
            scenarios.addAll(StressGrid.of(moved, GRID_PRICE_RANGE, GRID_PRICE_STEPS, GRID_VOL_UP, GRID_VOL_DOWN));
        }
        warnDefaults(in.book(), scenarios, warnings);
        PortfolioValuation base = PortfolioValuation.of(in.book(), in.market());
        List<StressResult> results = StressEngine.runAll(in.book(), in.market(), scenarios);
        JsonOutput.write(StressJson.write(in.book(), in.market(), base.equity(), scenarios, results, warnings),
                json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }

    /** A library id or name, else a file: an argument ending in .json, with a path separator, or naming a file. */
    static StressScenario resolve(String arg) throws InputException {
        boolean looksLikeFile = arg.endsWith(".json") || arg.contains("/") || arg.contains(File.separator);
        if (!looksLikeFile) {
            Optional<String> id = ScenarioLibrary.find(arg);
            if (id.isPresent()) {
                return ScenarioLibrary.load(id.get());
            }
            if (!Files.exists(Path.of(arg))) {
                throw new InputException(arg, 0, null, "no library scenario and no file of that name; the library has "
                        + String.join(", ", ScenarioLibrary.ids()));
            }
        }
        return ScenarioJson.read(Path.of(arg));
    }

    /** The book's underlyings that SPAN and the grid move: those with a non-zero snapshot vol. */
    private static List<String> movedUnderlyings(Portfolio book, MarketSnapshot m, List<String> warnings, boolean say) {
        List<String> out = new ArrayList<>();
        for (String u : book.underlyings()) {
            if (m.asset(u).vol() > 0) {
                out.add(u);
            } else if (say) {
                warnings.add(u + ": not moved by the SPAN and grid scenarios (its snapshot vol is 0)");
            }
        }
        return out;
    }

    /** One warning per underlying that some scenarios move only through their default shock. */
    private static void warnDefaults(Portfolio book, List<StressScenario> scenarios, List<String> warnings) {
        Map<String, List<String>> byAsset = new LinkedHashMap<>();
        for (String u : book.underlyings()) {
            for (StressScenario s : scenarios) {
                if (!s.shocks().names(u) && s.shocks().hasDefault()) {
                    byAsset.computeIfAbsent(u, k -> new ArrayList<>()).add(s.name());
                }
            }
        }
        byAsset.forEach((u, names) -> warnings.add(u + ": not named by " + names.size() + " scenario(s) ("
                + String.join("; ", names) + "); their default shock applies"));
    }
}
