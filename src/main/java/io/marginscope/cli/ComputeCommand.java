package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.CrossMargin;
import io.marginscope.analysis.PositionMargins;
import io.marginscope.io.InputException;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.report.ComputeJson;
import io.marginscope.report.CsvExport;
import io.marginscope.report.PdfReport;
import io.marginscope.report.ReportBuilder;
import io.marginscope.report.ReportData;
import io.marginscope.risk.RiskParameters;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code marginscope compute}: values a book, measures its VaR and ES, and prints the compute JSON. */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = "Value a portfolio and measure its risk: equity, per-position value and Greeks, VaR, ES "
                + "and their attribution (FORMATS.md section 5).")
public final class ComputeCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json",
            description = "Native portfolio CSV or Deribit positions JSON; repeat it for accounts side by side "
                    + "(each account's margin, the total as if cross-margined and the netting benefit).")
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

    @Option(names = "--save", paramLabel = "NAME",
            description = "Also save the run as a session of that name (a new version when an active session has "
                    + "that name) in the session store.")
    String save;

    @Option(names = "--notes", paramLabel = "TEXT", description = "Notes of the session saved with --save.")
    String notes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the session store (default: the system property marginscope.dataDir, else the "
                    + "per-user data folder, e.g. ~/.local/share/marginscope).")
    Path dataDir;

    @Option(names = "--pdf", paramLabel = "OUT.pdf",
            description = "Also write the PDF report (docs/reports.md): stress, policy comparison and, with --history, "
                    + "a backtest are run for it.")
    Path pdf;

    @Option(names = "--page-size", defaultValue = "a4", paramLabel = "a4|letter",
            description = "Paper of the PDF report (default ${DEFAULT-VALUE}).")
    String pageSize;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Also write the CSV exports into this folder (created when missing): positions.csv, "
                    + "scenario-pnl.csv, stress.csv, backtest-exceptions.csv.")
    Path csv;

    @Override
    public Integer call() throws InputException, IOException {
        PdfReport.PageSize paper = null;
        if (pdf != null) {
            try {
                paper = PdfReport.PageSize.parse(pageSize);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--page-size: " + e.getMessage());
            }
        }
        if (markets.size() != 1 && markets.size() != portfolios.size()) {
            throw new ParameterException(spec.commandLine(), "give one --market for all portfolios or one per "
                    + "--portfolio (" + portfolios.size() + " portfolios, " + markets.size() + " markets)");
        }
        if (portfolios.size() > 1) {
            if (pdf != null || csv != null || save != null) {
                throw new ParameterException(spec.commandLine(),
                        "--pdf, --csv and --save take one portfolio, not accounts side by side");
            }
            JsonOutput.write(accounts(), json, spec.commandLine().getOut());
            return MarginScopeCommand.OK;
        }
        ComputeRun.Result run = run(portfolios.get(0), markets.get(0), risk, policy, spec);
        JsonOutput.write(withPositionMargins(run), json, spec.commandLine().getOut());
        if (pdf != null || csv != null) {
            ReportData data = ReportBuilder.build(run);
            var err = spec.commandLine().getErr();
            if (pdf != null) {
                PdfReport.write(data, pdf, paper);
                err.println("wrote " + pdf);
            }
            if (csv != null) {
                CsvExport.Written w = CsvExport.write(data, csv);
                err.println("wrote " + w.files().size() + " CSV files in " + csv);
                if (w.escapedCells() > 0) {
                    err.println("note: " + w.escapedCells() + " text cell(s) start with = + - @ and were prefixed with"
                            + " a single quote against formula injection");
                }
            }
            err.flush();
        }
        if (save != null) {
            SessionCommand.saveRun(save, notes, run, dataDir, spec.commandLine().getErr());
        }
        return MarginScopeCommand.OK;
    }

    /**
     * The run's JSON with, under a policy, each position's {@code incrementalMargin} and {@code baseMarginShare}
     * ({@link PositionMargins}). A copy: a session saved with --save keeps the compute JSON its recomputation
     * gives.
     */
    static ObjectNode withPositionMargins(ComputeRun.Result run) {
        if (run.policy() == null || run.margin() == null) {
            return ComputeJson.of(run);
        }
        PositionMargins.Result pm = PositionMargins.of(run.book(), run.market(), run.history(), run.policy(),
                ComputeRun.settings(run.inputs()));
        ObjectNode out = ComputeJson.of(run);
        var byId = pm.byId();
        for (JsonNode n : out.withArray("positions")) {
            PositionMargins.PositionMargin p = byId.get(n.path("id").asText());
            if (p != null && n instanceof ObjectNode o) {
                ComputeJson.put(o, "incrementalMargin", p.incrementalMargin());
                ComputeJson.put(o, "baseMarginShare", p.baseMarginShare());
            }
        }
        pm.warnings().forEach(w -> out.withArray("warnings").add(w));
        return out;
    }

    /** The policy of accounts side by side when none is given: the netting benefit is a difference of margins. */
    static final String DEFAULT_ACCOUNTS_POLICY = "ramm";

    /**
     * Accounts side by side: each account exactly as {@code compute} gives it alone, the books merged
     * into one (ids prefixed by the account) as if cross-margined, and the netting benefit = the
     * accounts' maintenance margins minus the combined one.
     */
    private ObjectNode accounts() throws InputException {
        List<String> topWarnings = new ArrayList<>();
        String policyName = policy;
        if (policyName == null) {
            policyName = DEFAULT_ACCOUNTS_POLICY;
            topWarnings.add("no --policy: the accounts are margined under " + DEFAULT_ACCOUNTS_POLICY);
        }
        List<ComputeRun.Result> alone = new ArrayList<>();
        for (int i = 0; i < portfolios.size(); i++) {
            alone.add(run(portfolios.get(i), markets.get(markets.size() == 1 ? 0 : i), risk, policyName, spec));
        }
        List<String> names = CrossMargin.names(alone.stream().map(ComputeRun.Result::book).toList());
        ObjectNode out = ComputeJson.MAPPER.createObjectNode();
        ArrayNode accounts = out.putArray("accounts");
        List<CrossMargin.Account> list = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < alone.size(); i++) {
            ObjectNode a = accounts.addObject();
            a.put("account", names.get(i));
            a.setAll(withPositionMargins(alone.get(i)));
            sum += ComputeJson.of(alone.get(i)).get("maintenanceMargin").asDouble();
            list.add(new CrossMargin.Account(names.get(i), alone.get(i).book(), alone.get(i).market()));
        }
        ComputeRun.Result first = alone.get(0);
        MarketSnapshot merged = CrossMargin.mergeMarkets(alone.stream().map(ComputeRun.Result::market).toList(),
                topWarnings);
        Portfolio combined = CrossMargin.merge(list, first.policy(), topWarnings);
        ComputeRun.Result c;
        try {
            c = ComputeRun.runBook(first.inputs().parameters(), combined, merged, first.history(), first.policy(),
                    new ArrayList<>());
        } catch (ComputeRun.SettingsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        out.set("combined", withPositionMargins(c));
        ComputeJson.put(out, "accountsMaintenanceMargin", sum);
        ComputeJson.put(out, "nettingBenefit", sum - ComputeJson.of(c).get("maintenanceMargin").asDouble());
        if (!topWarnings.isEmpty()) {
            ArrayNode w = out.putArray("warnings");
            topWarnings.forEach(w::add);
        }
        return out;
    }

    /**
     * Reads the input files and runs compute; bad settings and settings that cannot apply are bad
     * input (exit 2). Options given explicitly on the command line override the policy's base block.
     */
    static ComputeRun.Result run(Path portfolio, Path market, RiskOptions risk, String policy, CommandSpec spec)
            throws InputException {
        RunParameters params = runParameters(risk, spec);
        List<String> historyWarnings = new ArrayList<>();
        RunInputs inputs = ComputeRun.fromFiles(portfolio, market,
                risk.history == null ? List.of() : List.of(risk.history), params, policy, historyWarnings);
        try {
            return ComputeRun.run(inputs, historyWarnings);
        } catch (ComputeRun.SettingsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The settings of the command line, with those the analyst gave explicitly marked as overriding a policy. */
    static RunParameters runParameters(RiskOptions risk, CommandSpec spec) {
        RiskParameters params;
        try {
            params = risk.parameters();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        var parsed = spec.commandLine().getParseResult();
        Set<String> overrides = new TreeSet<>();
        for (String[] o : new String[][] {{"--confidence", "confidence"}, {"--horizon-days", "horizonDays"},
                {"--method", "method"}, {"--vol-model", "volModel"}}) {
            if (parsed.hasMatchedOption(o[0])) {
                overrides.add(o[1]);
            }
        }
        return new RunParameters(params, overrides);
    }
}
