package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.report.ComputeJson;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code marginscope compute}: values a book, measures its VaR and ES, and prints the compute JSON. */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Value a portfolio and measure its risk: equity, per-position value and Greeks, VaR, ES "
                + "and their attribution (FORMATS.md section 5).")
public final class ComputeCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json",
            description = "Native portfolio CSV or Deribit positions JSON.")
    Path portfolio;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Mixin
    RiskOptions risk;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        RiskParameters params;
        try {
            params = risk.parameters();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Inputs in = Inputs.load(portfolio, market);
        List<String> warnings = new ArrayList<>(in.warnings());
        PortfolioValuation valuation = PortfolioValuation.of(in.book(), in.market());
        RiskFactors factors = FactorModel.build(in.book(), in.market(), HistoryInput.load(risk.history), params);
        RiskResult result = new RiskEngine().compute(in.book(), in.market(), factors, params, RiskProgress.NONE);
        warnings.addAll(result.warnings());
        ObjectNode out = ComputeJson.write(in.book(), in.market(), valuation, result, warnings);
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
