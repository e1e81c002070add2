package io.marginscope.cli;

import io.marginscope.backtest.BacktestReport;
import io.marginscope.backtest.BacktestSeries;
import io.marginscope.backtest.EsSimulation;
import io.marginscope.backtest.Predictive;
import io.marginscope.io.InputException;
import io.marginscope.io.Loaded;
import io.marginscope.io.PnlCsv;
import io.marginscope.report.BacktestJson;
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
        @Option(names = "--pnl", required = true, paramLabel = "PNL.csv",
                description = "CSV with columns date,pnl,var and optionally es (header in any case, '#' comments).")
        Path pnl;
    }

    @Option(names = "--confidence", defaultValue = "0.99", paramLabel = "C",
            description = "Confidence of the VaR in the file, in (0.5, 1). Default: ${DEFAULT-VALUE}.")
    double confidence;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Option(names = "--es-simulations", defaultValue = "10000", paramLabel = "M",
            description = "Simulated samples for the ES test's p-value, 1 to " + MAX_SIMULATIONS
                    + ". Default: ${DEFAULT-VALUE}.")
    int esSimulations;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
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
        Loaded<BacktestSeries> loaded = PnlCsv.read(source.pnl);
        BacktestSeries series = loaded.value();
        BacktestReport report = BacktestReport.of(series, confidence, sim);
        JsonOutput.write(BacktestJson.write(report, source.pnl.toString(), series.dates(), loaded.warnings()),
                json, spec.commandLine().getOut());
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
