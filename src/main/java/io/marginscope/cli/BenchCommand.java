package io.marginscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.report.ComputeJson;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import io.marginscope.risk.ScenarioSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code marginscope bench --dir DIR}: the work of the benchmark peers (../shared/bench) through the
 * product's own engine: the book of DIR/portfolio.csv under the scenarios of DIR/scenarios.csv by
 * {@link RiskEngine#computeOn} (the revaluation, tail measure and code path of
 * {@code compute --method montecarlo}), then the same 21 x 5 stress grid. Prints one JSON line with
 * the peers' fields.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engine on a folder made by the bench generator (one JSON line, as the peers).")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--confidence", defaultValue = "0.99") double confidence;
    @Option(names = "--repeat", defaultValue = "5") int repeat;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InputException, IOException {
        Portfolio book = PortfolioCsv.read(dir.resolve("portfolio.csv")).value();
        MarketSnapshot market = SnapshotJson.read(dir.resolve("market.json")).value();
        JsonNode meta = ComputeJson.MAPPER.readTree(dir.resolve("meta.json").toFile());
        int horizon = (int) Math.round(meta.get("horizonDays").asDouble());
        ScenarioSet scenarios = readScenarios(dir.resolve("scenarios.csv"));
        List<String> assets = scenarios.assets();
        int na = assets.size();
        double[] vols = new double[na];
        double[][] corr = new double[na][na];
        for (int a = 0; a < na; a++) {
            vols[a] = market.asset(assets.get(a)).vol();
            corr[a][a] = 1;
        }
        RiskFactors factors = new RiskFactors(assets, vols, corr, null, List.of());
        RiskParameters params = RiskParameters.defaults().withMethod(RiskMethod.MONTECARLO).withHorizon(horizon)
                .withConfidence(confidence);
        ScenarioSet grid = stressGrid(assets);
        ScenarioSet.Scaling identity = identity(na);
        RiskEngine engine = new RiskEngine();

        double[] times = new double[repeat];
        RiskResult result = null;
        double stressWorst = 0;
        for (int run = -warmup; run < repeat; run++) {
            long t0 = System.nanoTime();
            result = engine.computeOn(book, market, factors, params, scenarios, identity, RiskProgress.NONE, false);
            RiskResult g = engine.computeOn(book, market, factors, params, grid, identity, RiskProgress.NONE, false);
            stressWorst = -Arrays.stream(g.pnl()).min().orElse(0);
            if (run >= 0) {
                times[run] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(times);
        double median = times[repeat / 2];
        // the workstation's full recompute: the same run with the per-position attribution
        double[] full = new double[repeat];
        for (int run = 0; run < repeat; run++) {
            long t0 = System.nanoTime();
            engine.computeOn(book, market, factors, params, scenarios, identity, RiskProgress.NONE, true);
            full[run] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(full);
        long evals = (long) book.size() * (scenarios.count() + grid.count());
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        ObjectNode out = ComputeJson.MAPPER.createObjectNode();
        out.put("impl", "marginscope");
        out.put("positions", book.size());
        out.put("scenarios", scenarios.count());
        out.put("var", result.var());
        out.put("es", result.es());
        out.put("stressWorst", stressWorst);
        out.put("seconds", median);
        out.put("evalsPerSecond", evals / median);
        out.put("fullRecomputeSeconds", full[repeat / 2]);
        out.put("heapUsedMb", heap.getUsed() / 1048576.0);
        out.put("heapMaxMb", heap.getMax() / 1048576.0);
        out.put("threads", Runtime.getRuntime().availableProcessors());
        spec.commandLine().getOut().println(ComputeJson.MAPPER.writer().without(
                com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        spec.commandLine().getOut().flush();
        return MarginScopeCommand.OK;
    }

    static ScenarioSet.Scaling identity(int na) {
        double[] one = new double[na];
        Arrays.fill(one, 1.0);
        return new ScenarioSet.Scaling(new double[na], one, one.clone());
    }

    /** Columns r_ASSET (h-day log returns) then dv_ASSET (additive vol shifts), full-precision doubles. */
    static ScenarioSet readScenarios(Path file) throws IOException, InputException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] head = r.readLine().split(",");
            int na = head.length / 2;
            List<String> assets = new ArrayList<>();
            for (int a = 0; a < na; a++) {
                if (!head[a].startsWith("r_") || !head[na + a].equals("dv_" + head[a].substring(2))) {
                    throw new InputException(file.toString(), 1, head[a], "expected r_ASSET columns then dv_ASSET");
                }
                assets.add(head[a].substring(2));
            }
            double[] base = new double[1 << 16];
            double[] vol = new double[1 << 16];
            int count = 0;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f.length != 2 * na) {
                    throw new InputException(file.toString(), lineNo, null, "expected " + 2 * na + " columns");
                }
                if ((count + 1) * na > base.length) {
                    base = Arrays.copyOf(base, base.length * 2);
                    vol = Arrays.copyOf(vol, vol.length * 2);
                }
                for (int a = 0; a < na; a++) {
                    try {
                        base[count * na + a] = Double.parseDouble(f[a]);
                        vol[count * na + a] = Double.parseDouble(f[na + a]);
                    } catch (NumberFormatException e) {
                        throw new InputException(file.toString(), lineNo, head[a], "not a number");
                    }
                }
                count++;
            }
            return new ScenarioSet(assets, count, Arrays.copyOf(base, count * na), Arrays.copyOf(vol, count * na),
                    List.of(), "scenarios from " + file.getFileName());
        }
    }

    /** Every asset moved by p in -50%..+50% step 5% (21) times vol shifts -0.2..+0.2 (5), as the peers. */
    static ScenarioSet stressGrid(List<String> assets) {
        int na = assets.size();
        double[] shifts = {-0.2, -0.1, 0.0, 0.1, 0.2};
        int count = 21 * shifts.length;
        double[] base = new double[count * na];
        double[] vol = new double[count * na];
        int s = 0;
        for (int i = -10; i <= 10; i++) {
            double move = Math.log1p(Math.round(i * 0.05 * 1e10) / 1e10);
            for (double shift : shifts) {
                for (int a = 0; a < na; a++) {
                    base[s * na + a] = move;
                    vol[s * na + a] = shift;
                }
                s++;
            }
        }
        return new ScenarioSet(assets, count, base, vol, List.of(), "stress grid 21 x 5");
    }
}
