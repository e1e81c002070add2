package io.marginscope.cli;

import io.marginscope.analysis.MarginExplain;
import io.marginscope.io.InputException;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.report.ExplainJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code marginscope explain}: the change of maintenance margin between two states, split by Shapley values. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Why maintenance margin changed between two states: the change split over prices, volatility, "
                + "positions, policy and time by Shapley values over the 32 mixed states (docs/cli.md).")
public final class ExplainCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "A.json",
            description = "The first state: {\"portfolio\", \"market\", \"policy\", \"history\", \"asOf\", \"tier\"}.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "B.json", description = "The second state.")
    Path to;

    @Option(names = "--scenarios", defaultValue = "10000", description = "Monte Carlo scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--seed", defaultValue = "42", description = "Monte Carlo seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        StateInput a = StateInput.load(from);
        StateInput b = StateInput.load(to);
        MarginExplain.Explanation e;
        try {
            e = MarginExplain.explain(a.state(), b.state(), new MarginCalculator.Settings(scenarios, seed));
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        Set<String> warnings = new LinkedHashSet<>(a.warnings());
        warnings.addAll(b.warnings());
        JsonOutput.write(ExplainJson.write(e, from.toString(), a.state(), to.toString(), b.state(), scenarios, seed,
                warnings), json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
