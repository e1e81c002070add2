package io.marginscope.cli;

import io.marginscope.analysis.WhatIf;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Portfolio;
import io.marginscope.report.WhatIfJson;
import io.marginscope.risk.PriceHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code marginscope whatif}: the book before and after a trade, and the marginal margin of the trade. */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "What a trade does to a book: equity, VaR, ES, MM, IM, margin ratio, free margin, liquidation "
                + "prices and Greeks by expiry before and after, and the marginal margin MM(after) - MM(before) "
                + "(docs/cli.md).")
public final class WhatIfCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json", description = "The book.")
    Path portfolio;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Option(names = "--trade", required = true, paramLabel = "T.csv",
            description = "The trade, in the native portfolio CSV format; rows net against the book by instrument.")
    Path trade;

    @Option(names = "--policy", defaultValue = "ramm", paramLabel = "NAME|policy.json",
            description = "Margin policy, a preset or a file (default ${DEFAULT-VALUE}).")
    String policy;

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
        Loaded<Portfolio> t = PortfolioCsv.read(trade);
        List<String> warnings = new ArrayList<>(in.warnings());
        warnings.addAll(t.warnings());
        for (String u : t.value().underlyings()) {
            if (!in.market().has(u)) {
                throw new InputException(market.toString(), 0, "assets." + u, "missing: the trade "
                        + trade.getFileName() + " holds " + u);
            }
        }
        Loaded<PriceHistory> h = run.history();
        Policy pol = PolicyPresets.load(policy);
        WhatIf.Result r;
        try {
            r = WhatIf.run(in.book(), t.value(), in.market(), h, pol, run.settings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        JsonOutput.write(WhatIfJson.write(r, trade.getFileName().toString(), pol, run.scenarios, run.seed, warnings),
                json,
                spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }
}
