package io.marginscope.cli;

import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The inputs of a margin run that compare, whatif and surface share: the price history and the Monte Carlo settings. */
final class MarginRunOptions {

    @Option(names = "--history", paramLabel = "H", description = "Price history, for a policy whose base needs one.")
    Path history;

    @Option(names = "--scenarios", defaultValue = "" + RiskParameters.DEFAULT_SCENARIOS, description = "Monte Carlo scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--seed", defaultValue = "" + RiskParameters.DEFAULT_SEED, description = "Monte Carlo seed (default ${DEFAULT-VALUE}).")
    long seed;

    Loaded<PriceHistory> history() throws InputException {
        return HistoryInput.load(history);
    }

    MarginCalculator.Settings settings() {
        return new MarginCalculator.Settings(scenarios, seed);
    }
}
