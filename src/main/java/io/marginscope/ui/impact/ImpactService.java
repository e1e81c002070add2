package io.marginscope.ui.impact;

import io.marginscope.report.ImpactCsv;
import io.marginscope.run.ImpactEvaluator;
import io.marginscope.run.ImpactInputs;
import io.marginscope.run.ImpactRun;
import io.marginscope.run.LocalImpactEngine;
import io.marginscope.run.RunParameters;
import io.marginscope.ui.compute.LatestRequestService;
import javafx.concurrent.Task;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An impact run off the FX thread: {@link ImpactRun#run} on the embedded engine with every core, as
 * {@code marginscope impact --engine local} runs it, with progress (accounts done of the base) and
 * cancel. The per-account rows are written as they come to a temporary CSV ({@link ImpactCsv}), which
 * the view's CSV export copies into place; a run that fails or is cancelled leaves no file.
 */
public final class ImpactService extends LatestRequestService<ImpactService.Request, ImpactService.Outcome> {

    /**
     * What to run.
     *
     * @param accounts   the client base: a folder of account files or one CSV with an {@code account} column
     * @param market     the snapshot every account is margined on
     * @param history    a price history file or folder, or null
     * @param policyRefs presets or policy files, the first the reference
     * @param episodes   also apply the crashes of the scenario library
     * @param skipBad    leave bad accounts out (with a warning) instead of stopping at the first
     */
    public record Request(Path accounts, Path market, Path history, List<String> policyRefs, boolean episodes,
                          boolean skipBad) {
        public Request {
            policyRefs = List.copyOf(policyRefs);
        }
    }

    /**
     * A finished run.
     *
     * @param csv     the per-account CSV of the run (a temporary file, removed when the view drops the run)
     * @param asOf    the snapshot's time
     * @param seconds the run's wall time
     * @param threads threads of the engine
     */
    public record Outcome(Request request, ImpactRun.Result result, Path csv, String asOf, double seconds,
                          int threads) {
    }

    public ImpactService() {
        super("impact");
    }

    @Override
    protected Task<Outcome> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Outcome call() throws Exception {
                long start = System.nanoTime();
                updateProgress(-1, 1);
                updateMessage("Reading the inputs …");
                ImpactInputs in = ImpactRun.inputs(r.market(), r.history(), r.policyRefs(), RunParameters.defaults(),
                        r.episodes());
                ImpactEvaluator evaluator = new ImpactEvaluator(in);
                long total = ImpactRun.count(r.accounts());
                List<String> underlyings = new ArrayList<>(evaluator.market().assets().keySet());
                int threads = LocalImpactEngine.defaultThreads();
                Path csv = Files.createTempFile("marginscope-impact", ".csv");
                csv.toFile().deleteOnExit();
                boolean ok = false;
                try {
                    ImpactRun.Result result;
                    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                         ImpactCsv rows = new ImpactCsv(w, underlyings)) {
                        updateMessage("Margining " + total + " accounts …");
                        result = ImpactRun.run(evaluator, r.accounts(), r.skipBad(), threads, a -> {
                            try {
                                rows.account(a);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }, n -> {
                            if (n % 25 == 0 || n == total) {
                                updateProgress(n, Math.max(total, n));
                                updateMessage("Margined " + n + " of " + total + " accounts …");
                            }
                        }, this::isCancelled);
                    }
                    updateMessage("");
                    ok = true;
                    return new Outcome(r, result, csv, evaluator.market().asOf().toString(),
                            (System.nanoTime() - start) / 1e9, threads);
                } finally {
                    if (!ok) {
                        Files.deleteIfExists(csv);
                    }
                }
            }
        };
    }
}
