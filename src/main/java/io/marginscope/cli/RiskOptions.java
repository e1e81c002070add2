package io.marginscope.cli;

import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The risk options shared by compute and the commands built on it (FORMATS.md section 5). */
final class RiskOptions {

    @Option(names = "--history", paramLabel = "H",
            description = "Price history: a <ASSET>-USD.daily.csv file, a folder of them, or a wide date,BTC,ETH,... file.")
    Path history;

    @Option(names = "--confidence", defaultValue = "" + RiskParameters.DEFAULT_CONFIDENCE, description = "VaR/ES confidence (default ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--horizon-days", defaultValue = "" + RiskParameters.DEFAULT_HORIZON_DAYS, description = "Margin period of risk in days (default ${DEFAULT-VALUE}).")
    int horizonDays;

    @Option(names = "--method", defaultValue = "parametric", paramLabel = "parametric|historical|fhs|montecarlo",
            description = "VaR/ES method (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--vol-model", defaultValue = RiskParameters.DEFAULT_VOL_MODEL, paramLabel = "snapshot|historical|ewma|garch",
            description = "Volatility model (default ${DEFAULT-VALUE}); all but snapshot need --history.")
    String volModel;

    @Option(names = "--ewma-lambda", defaultValue = "" + RiskParameters.DEFAULT_EWMA_LAMBDA, description = "EWMA decay (default ${DEFAULT-VALUE}).")
    double ewmaLambda;

    @Option(names = "--window-days", defaultValue = "" + RiskParameters.DEFAULT_WINDOW_DAYS, description = "History window in days (default ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--scenarios", defaultValue = "" + RiskParameters.DEFAULT_SCENARIOS, description = "Monte Carlo scenarios (default ${DEFAULT-VALUE}).")
    int scenarios;

    @Option(names = "--seed", defaultValue = "" + RiskParameters.DEFAULT_SEED, description = "Monte Carlo seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--student-dof", defaultValue = "0",
            description = "Monte Carlo Student-t degrees of freedom (> 2); 0, the default, draws normal returns.")
    double studentDof;

    @Option(names = "--vol-of-vol", defaultValue = "0",
            description = "Monte Carlo implied-vol shift: annualised relative vol of vol (default 0: no shift).")
    double volOfVol;

    RiskParameters parameters() {
        RiskMethod m;
        try {
            m = RiskMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--method must be parametric, historical, fhs or montecarlo, not '"
                    + method + "'");
        }
        String vm = volModel.trim().toLowerCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("snapshot", "historical", "ewma", "garch").contains(vm)) {
            throw new IllegalArgumentException("--vol-model must be snapshot, historical, ewma or garch, not '"
                    + volModel + "'");
        }
        if ((m.needsHistory() || !vm.equals("snapshot")) && history == null) {
            throw new IllegalArgumentException((m.needsHistory() ? "--method " + m.cliName() : "--vol-model " + vm)
                    + " needs --history");
        }
        return RiskParameters.builder().confidence(confidence).horizonDays(horizonDays).method(m).volModel(vm)
                .ewmaLambda(ewmaLambda).windowDays(windowDays).scenarios(scenarios).seed(seed).studentDof(studentDof)
                .volOfVol(volOfVol).build();
    }
}
