package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.io.Loaded;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyPresets;
import io.marginscope.report.MarginJson;
import io.marginscope.risk.PriceHistory;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.report.ComputeJson;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.RiskEngine;
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

    @Option(names = "--policy", paramLabel = "NAME|policy.json",
            description = "Margin policy: a preset (ramm, span, binance-tiered, deribit-pm, deribit-standard) or a file. "
                    + "Its base block sets the VaR/ES run; --confidence, --horizon-days, --method and --vol-model given "
                    + "explicitly override it.")
    String policy;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    /** The policy with the risk options the analyst gave explicitly on its base block. */
    private Policy overridden(Policy p) {
        if (p.base() == null) {
            return p;
        }
        var parsed = spec.commandLine().getParseResult();
        Policy.Base b = p.base();
        if (parsed.hasMatchedOption("--confidence")) {
            b = b.withConfidence(risk.confidence);
        }
        if (parsed.hasMatchedOption("--horizon-days")) {
            b = b.withHorizon(risk.horizonDays);
        }
        if (parsed.hasMatchedOption("--method")) {
            b = b.withMethod(io.marginscope.risk.RiskMethod.parse(risk.method));
        }
        if (parsed.hasMatchedOption("--vol-model")) {
            b = b.withVolModel(risk.volModel.toLowerCase(java.util.Locale.ROOT));
        }
        return p.withBase(b);
    }

    @Override
    public Integer call() throws InputException, IOException {
        RiskParameters params;
        try {
            params = risk.parameters();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Inputs in = Inputs.load(portfolio, market);
        Loaded<PriceHistory> history = HistoryInput.load(risk.history);
        List<String> warnings = new ArrayList<>(in.warnings());
        PortfolioValuation valuation = PortfolioValuation.of(in.book(), in.market());
        RiskEngine engine = new RiskEngine();
        Policy pol = policy == null ? null : overridden(PolicyPresets.load(policy));
        MarginCalculator.Evaluated margin = null;
        MarginCalculator.Prepared prepared = null;
        if (pol != null) {
            try {
                prepared = new MarginCalculator(engine).prepare(in.book(), in.market(), history, pol,
                        new MarginCalculator.Settings(params.scenarios(), params.seed()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            margin = prepared.evaluated(in.market());
        }
        RiskResult result = margin != null && margin.risk() != null ? margin.risk()
                : engine.compute(in.book(), in.market(), FactorModel.build(in.book(), in.market(), history, params),
                params, RiskProgress.NONE);
        warnings.addAll(result.warnings());
        ObjectNode out = ComputeJson.write(in.book(), in.market(), valuation, result, warnings);
        if (margin != null) {
            out.with("parameters").put("policy", pol.name());
            MarginJson.write(out, margin.margin());
            MarginJson.liquidation(out, LiquidationPrice.solve(prepared, in.market()));
            for (String w : margin.margin().warnings()) {
                if (!warnings.contains(w)) {
                    out.withArray("warnings").add(w);
                }
            }
            out.putObject("policy").put("name", pol.name()).put("source", pol.source());
        }
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
