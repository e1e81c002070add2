package io.marginscope.cli;

import io.marginscope.analysis.LiquidationSurface;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.report.SurfaceJson;
import io.marginscope.risk.PriceHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code marginscope surface}: liquidation moves per underlying and vol shock. */
@Command(name = "surface", mixinStandardHelpOptions = true,
        description = "Liquidation surface: for each underlying (others fixed) and all together (row ALL), and each "
                + "relative vol shock, the smallest down and up spot moves at which MM reaches the adjusted equity "
                + "(docs/cli.md).")
public final class SurfaceCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json", description = "The book.")
    Path portfolio;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Option(names = "--policy", defaultValue = "ramm", paramLabel = "NAME|policy.json",
            description = "Margin policy, a preset or a file (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--vol-shocks", split = ",", paramLabel = "K,K,...", defaultValue = "-0.3,0,0.3,0.6,1.0",
            description = "Relative vol shocks: every vol and implied vol times 1 + K (default ${DEFAULT-VALUE}).")
    List<Double> volShocks;

    @Option(names = "--together",
            description = "Only the row of all underlyings moved together (ALL); without it, one row per underlying "
                    + "and the ALL row.")
    boolean together;

    @Mixin
    MarginRunOptions run;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        Inputs in = Inputs.load(portfolio, market);
        Loaded<PriceHistory> h = run.history();
        Policy pol = PolicyPresets.load(policy);
        if (volShocks.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--vol-shocks: at least one shock");
        }
        double[] shocks = volShocks.stream().mapToDouble(Double::doubleValue).toArray();
        LiquidationSurface.Surface s;
        try {
            long t0 = System.nanoTime();
            s = LiquidationSurface.compute(in.book(), in.market(), h, pol,
                    run.settings(), shocks, together).withElapsedNanos(System.nanoTime() - t0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Set<String> warnings = new LinkedHashSet<>(in.warnings());
        JsonOutput.write(SurfaceJson.write(s, in.book(), in.market(), pol, run.scenarios, run.seed, together,
                warnings), json,
                spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
