package io.marginscope.cli;

import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;
import io.marginscope.run.ComputeRun;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The inputs of a margin run that compare, whatif and surface share: the price history and the Monte Carlo settings. */
final class MarginRunOptions {

    @Option(names = "--history", paramLabel = "H", description = "Price history, for a policy whose base needs one"
            + " (default: the program's own BTC, ETH and SOL closes for such a policy).")
    Path history;

    @Option(names = "--scenarios", defaultValue = "" + RiskParameters.DEFAULT_SCENARIOS, description = "Monte Carlo scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--seed", defaultValue = "" + RiskParameters.DEFAULT_SEED, description = "Monte Carlo seed (default ${DEFAULT-VALUE}).")
    long seed;

    Loaded<PriceHistory> history() throws InputException {
        return HistoryInput.load(history);
    }

    /**
     * The history for a margin run under {@code policy}: --history when given, else the program's own
     * closes when the policy needs a history (as compute does), else none.
     */
    Loaded<PriceHistory> history(Policy policy) throws InputException {
        if (history != null) {
            return HistoryInput.load(history);
        }
        return ComputeRun.needsHistory(policy) ? BundledHistory.read() : null;
    }

    MarginCalculator.Settings settings() {
        return new MarginCalculator.Settings(scenarios, seed);
    }
}
