package io.marginscope.cli;

import io.marginscope.backtest.BacktestReport;
import io.marginscope.backtest.BacktestSeries;
import io.marginscope.backtest.BacktestSettings;
import io.marginscope.backtest.EsSimulation;
import io.marginscope.backtest.Predictive;
import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PnlCsv;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.report.BacktestJson;
import io.marginscope.report.HistoryJson;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.VolModels;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code marginscope backtest --pnl PNL.csv}: backtests a VaR (and ES) forecast against realised
 * daily P&L and prints the backtest JSON of FORMATS.md section 5.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Backtest VaR/ES forecasts against realised daily P&L (FORMATS.md section 5):",
                "Kupiec, Christoffersen, Basel traffic light, Acerbi-Szekely ES test, margin performance.",
                "An exception is a day with pnl < -var."})
public final class BacktestCommand implements Callable<Integer> {

    /**
     * Where the P&L and forecasts come from: exactly one source. Today the only source is a P&L
     * file; the portfolio-and-history form of FORMATS.md section 5 becomes a second member of this
     * exclusive group (a non-exclusive sub-group of --portfolio, --market, --history, ...), so
     * picocli itself rejects mixing the two forms.
     */
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--pnl", paramLabel = "PNL.csv",
                description = "CSV with columns date,pnl,var and optionally es (header in any case, '#' comments).")
        Path pnl;

        @ArgGroup(exclusive = false)
        BookSource book;
    }

    /** The rolling backtest of a book as held today over a price history. */
    static final class BookSource {
        @Option(names = "--portfolio", required = true, paramLabel = "P", description = "Portfolio CSV or Deribit JSON.")
        Path portfolio;

        @Option(names = "--market", required = true, paramLabel = "M", description = "Market snapshot JSON.")
        Path market;

        @Option(names = "--history", paramLabel = "H",
                description = "Price history file or folder (default: the program's own BTC, ETH and SOL closes).")
        Path history;
    }

    @Option(names = "--horizon-days", defaultValue = BacktestSettings.HORIZON_DAYS, description = "Backtest horizon in days (default ${DEFAULT-VALUE}); periods do not overlap.")
    int horizonDays;

    @Option(names = "--window-days", defaultValue = BacktestSettings.WINDOW_DAYS, description = "Estimation window in days (default ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--method", defaultValue = BacktestSettings.METHOD, paramLabel = "parametric|historical|fhs|montecarlo",
            description = "VaR/ES method of the rolling backtest (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--vol-model", defaultValue = BacktestSettings.VOL_MODEL, paramLabel = "snapshot|historical|ewma|garch",
            description = "Vol model of the rolling backtest (default ${DEFAULT-VALUE}).")
    String volModel;

    @Option(names = "--ewma-lambda", defaultValue = BacktestSettings.EWMA_LAMBDA, description = "EWMA decay (default ${DEFAULT-VALUE}).")
    double ewmaLambda;

    @Option(names = "--scenarios", defaultValue = BacktestSettings.SCENARIOS, description = "Monte Carlo scenarios per day (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--series", description = "Also write each date's pnl, var and es (the margin path).")
    boolean writeSeries;

    @Option(names = "--confidence", defaultValue = BacktestSettings.CONFIDENCE, paramLabel = "C",
            description = "Confidence of the VaR in the file, in (0.5, 1). Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Option(names = "--es-simulations", defaultValue = BacktestSettings.ES_SIMULATIONS, paramLabel = "M",
            description = "Simulated samples for the ES test's p-value, 1 to " + MAX_SIMULATIONS
                    + ". Default: ${DEFAULT-VALUE}.")
    int esSimulations;

    @Option(names = "--seed", defaultValue = BacktestSettings.SEED, paramLabel = "SEED",
            description = "Seed of the ES test's simulation (same seed, same p-value). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--es-t-dof", paramLabel = "NU",
            description = "Simulate the ES test under a Student-t with NU (> 1) degrees of freedom "
                    + "instead of the normal, scaled so that each day's VaR is right.")
    Double esTDof;

    @Spec
    CommandSpec spec;

    static final int MAX_SIMULATIONS = 1_000_000;

    @Override
    public Integer call() throws InputException, IOException {
        EsSimulation sim = validated();
        if (source.book != null) {
            return rolling(sim);
        }
        Loaded<BacktestSeries> loaded = PnlCsv.read(source.pnl);
        BacktestSeries series = loaded.value();
        BacktestReport report = BacktestReport.of(series, confidence, sim);
        JsonOutput.write(BacktestJson.write(report, source.pnl.toString(), series.dates(), loaded.warnings()),
                json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }

    private Integer rolling(EsSimulation sim) throws InputException, IOException {
        RiskParameters params;
        try {
            params = RiskParameters.builder().confidence(confidence).horizonDays(horizonDays)
                    .method(RiskMethod.parse(method)).volModel(VolModels.normalise(volModel)).ewmaLambda(ewmaLambda)
                    .windowDays(windowDays).scenarios(scenarios).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Inputs in = Inputs.load(source.book.portfolio, source.book.market);
        List<io.marginscope.io.TextSource> files = source.book.history == null ? BundledHistory.sources()
                : io.marginscope.io.PriceHistoryFiles.sources(List.of(source.book.history)).value();
        Loaded<PriceHistory> history = source.book.history == null ? BundledHistory.read()
                : HistoryInput.load(source.book.history);
        String historyName = source.book.history == null ? "bundled history" : source.book.history.toString();
        RollingBacktest.Result r;
        try {
            r = RollingBacktest.run(in.book(), in.market(), history, params, sim, RiskProgress.NONE);
        } catch (IllegalArgumentException e) {
            throw new InputException(historyName, 0, null, e.getMessage());
        }
        List<String> warnings = new ArrayList<>(in.warnings());
        warnings.addAll(r.warnings());
        ObjectNode out = BacktestJson.write(r.report(), source.book.portfolio.toString(), r.series().dates(), warnings);
        ObjectNode p = out.putObject("parameters");
        p.put("method", params.method().cliName());
        p.put("volModel", params.volModel());
        p.put("horizonDays", params.horizonDays());
        p.put("windowDays", params.windowDays());
        p.put("ewmaLambda", params.ewmaLambda());
        if (params.method() == RiskMethod.MONTECARLO) {
            p.put("scenarios", params.scenarios());
            p.put("seed", params.seed());
        }
        p.put("pnl", "hypothetical: today's book under each period's actual returns");
        HistoryJson.write(out, history.value(), files, in.market().asOf());
        if (writeSeries) {
            ArrayNode series = out.putArray("series");
            for (int i = 0; i < r.series().size(); i++) {
                ObjectNode row = series.addObject();
                row.put("date", r.series().dates().get(i).toString());
                row.put("pnl", r.series().pnl()[i]);
                row.put("var", r.series().var()[i]);
                row.put("es", r.series().es()[i]);
            }
        }
        JsonOutput.write(out, json, spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }

    /** Checks the option values (exit 2 with the option named) and builds the simulation settings. */
    private EsSimulation validated() {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--confidence must be above 0.5 and below 1, e.g. 0.99: " + confidence);
        }
        if (esSimulations < 1 || esSimulations > MAX_SIMULATIONS) {
            throw new ParameterException(spec.commandLine(),
                    "--es-simulations must be between 1 and " + MAX_SIMULATIONS + ": " + esSimulations);
        }
        Predictive predictive = Predictive.normal();
        if (esTDof != null) {
            if (!(esTDof > 1) || esTDof.isInfinite()) {
                throw new ParameterException(spec.commandLine(),
                        "--es-t-dof must be a finite number above 1 (ES is infinite otherwise): " + esTDof);
            }
            predictive = Predictive.studentT(esTDof);
        }
        return new EsSimulation(predictive, esSimulations, seed);
    }
}
