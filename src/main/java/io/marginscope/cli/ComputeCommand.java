package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.CrossMargin;
import io.marginscope.io.InputException;
import io.marginscope.io.Loaded;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyPresets;
import io.marginscope.report.MarginJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
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
            description = "Native portfolio CSV or Deribit positions JSON. Repeat it for accounts side by side: each "
                    + "account alone, the books cross-margined as one, and the netting benefit.")
    List<Path> portfolios;

    @Option(names = "--market", required = true, paramLabel = "M.json",
            description = "Market snapshot JSON: one for all portfolios, or one per --portfolio in the same order.")
    List<Path> markets;

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
        if (markets.size() != 1 && markets.size() != portfolios.size()) {
            throw new ParameterException(spec.commandLine(), "give one --market for all portfolios or one per "
                    + "--portfolio (" + portfolios.size() + " portfolios, " + markets.size() + " markets)");
        }
        if (portfolios.size() == 1) {
            Inputs in = Inputs.load(portfolios.get(0), markets.get(0));
            Loaded<PriceHistory> history = HistoryInput.load(risk.history);
            Policy pol = policy == null ? null : overridden(PolicyPresets.load(policy));
            JsonOutput.write(one(in.book(), in.market(), in.warnings(), history, params, pol), json,
                    spec.commandLine().getOut());
            return MarginScopeCommand.OK;
        }
        // accounts side by side: the netting benefit is a difference of margins, so a policy is needed
        List<String> topWarnings = new ArrayList<>();
        Policy pol;
        if (policy == null) {
            pol = overridden(PolicyPresets.load(DEFAULT_ACCOUNTS_POLICY));
            topWarnings.add("no --policy: the accounts are margined under " + DEFAULT_ACCOUNTS_POLICY);
        } else {
            pol = overridden(PolicyPresets.load(policy));
        }
        List<Inputs> ins = new ArrayList<>();
        for (int i = 0; i < portfolios.size(); i++) {
            ins.add(Inputs.load(portfolios.get(i), markets.get(markets.size() == 1 ? 0 : i)));
        }
        Loaded<PriceHistory> history = HistoryInput.load(risk.history);
        List<String> names = CrossMargin.names(ins.stream().map(Inputs::book).toList());
        ObjectNode out = ComputeJson.MAPPER.createObjectNode();
        ArrayNode accounts = out.putArray("accounts");
        List<CrossMargin.Account> list = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < ins.size(); i++) {
            Inputs in = ins.get(i);
            ObjectNode alone = one(in.book(), in.market(), in.warnings(), history, params, pol);
            ObjectNode a = accounts.addObject();
            a.put("account", names.get(i));
            a.setAll(alone);
            sum += alone.get("maintenanceMargin").asDouble();
            list.add(new CrossMargin.Account(names.get(i), in.book(), in.market()));
        }
        MarketSnapshot merged = CrossMargin.mergeMarkets(ins.stream().map(Inputs::market).toList(), topWarnings);
        Portfolio combined = CrossMargin.merge(list, pol, topWarnings);
        ObjectNode c = one(combined, merged, List.of(), history, params, pol);
        out.set("combined", c);
        ComputeJson.put(out, "accountsMaintenanceMargin", sum);
        ComputeJson.put(out, "nettingBenefit", sum - c.get("maintenanceMargin").asDouble());
        if (!topWarnings.isEmpty()) {
            ArrayNode w = out.putArray("warnings");
            topWarnings.forEach(w::add);
        }
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }

    /** The policy of accounts side by side when none is given. */
    static final String DEFAULT_ACCOUNTS_POLICY = "ramm";

    /** The compute JSON of one book (FORMATS.md section 5), margin fields when a policy is given. */
    private ObjectNode one(Portfolio book, MarketSnapshot market, List<String> inputWarnings,
                           Loaded<PriceHistory> history, RiskParameters params, Policy pol) {
        List<String> warnings = new ArrayList<>(inputWarnings);
        PortfolioValuation valuation = PortfolioValuation.of(book, market);
        RiskEngine engine = new RiskEngine();
        MarginCalculator.Evaluated margin = null;
        MarginCalculator.Prepared prepared = null;
        if (pol != null) {
            try {
                prepared = new MarginCalculator(engine).prepare(book, market, history, pol,
                        new MarginCalculator.Settings(params.scenarios(), params.seed()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            margin = prepared.evaluated(market);
        }
        RiskResult result = margin != null && margin.risk() != null ? margin.risk()
                : engine.compute(book, market, FactorModel.build(book, market, history, params),
                params, RiskProgress.NONE);
        warnings.addAll(result.warnings());
        ObjectNode out = ComputeJson.write(book, market, valuation, result, warnings);
        if (margin != null) {
            out.with("parameters").put("policy", pol.name());
            MarginJson.write(out, margin.margin());
            MarginJson.liquidation(out, LiquidationPrice.solve(prepared, market));
            for (String w : margin.margin().warnings()) {
                if (!warnings.contains(w)) {
                    out.withArray("warnings").add(w);
                }
            }
            out.putObject("policy").put("name", pol.name()).put("source", pol.source());
        }
        return out;
    }
}
