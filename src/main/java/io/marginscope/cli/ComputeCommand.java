package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.report.ComputeJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code marginscope compute}: values a book against a market snapshot and prints the compute JSON. */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Mark a portfolio to market: equity, per-position value and Greeks (FORMATS.md section 5).")
public final class ComputeCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json",
            description = "Native portfolio CSV or Deribit positions JSON.")
    Path portfolio;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        Inputs in = Inputs.load(portfolio, market);
        PortfolioValuation valuation = PortfolioValuation.of(in.book(), in.market());
        ObjectNode parameters = ComputeJson.MAPPER.createObjectNode();
        parameters.put("volModel", "snapshot");
        parameters.put("daysPerYear", in.market().daysPerYear());
        ObjectNode out = ComputeJson.write(in.book(), in.market(), valuation, parameters, in.warnings());
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
