package io.marginscope.run;

import io.marginscope.impact.ImpactAggregator;
import io.marginscope.impact.ImpactSummary;
import io.marginscope.io.ClientBaseFiles;
import io.marginscope.io.InputException;
import io.marginscope.io.PolicyPresets;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.TextSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One impact run over a client base on the embedded engine, as {@code marginscope impact --engine local}
 * runs it (docs/impact.md): the accounts streamed through {@link LocalImpactEngine} with an
 * {@link ImpactEvaluator}, summed by an {@link ImpactAggregator} in the order of the base. A bad
 * account stops the run ({@link BadAccount}, its one-line message naming file, line and field) unless
 * the caller asked to leave bad accounts out, when it is a warning and the totals are without it.
 */
public final class ImpactRun {

    private ImpactRun() {
    }

    /** A bad account in a run that does not leave bad accounts out: nothing of the run is kept. */
    public static final class BadAccount extends Exception {
        private static final long serialVersionUID = 1L;
        private final String account;

        BadAccount(String account, String message) {
            super(message);
            this.account = account;
        }

        public String account() {
            return account;
        }
    }

    /**
     * What a run gives: the aggregates and the remarks (market, history, the base, left-out accounts).
     *
     * @param policies names of the policies, the first the reference of the changes and transitions
     * @param episodes ids of the crashes applied (empty without episodes)
     */
    public record Result(ImpactSummary summary, List<String> warnings, List<String> policies, List<String> episodes) {
        public Result {
            warnings = List.copyOf(warnings);
            policies = List.copyOf(policies);
            episodes = List.copyOf(episodes);
        }
    }

    /**
     * The inputs of a run as text, read from files as {@code impact} reads them.
     *
     * @param history    a price history file or folder, or null
     * @param policyRefs preset names or policy file paths, the first the reference
     */
    public static ImpactInputs inputs(Path market, Path history, List<String> policyRefs, RunParameters params,
                                      boolean episodes) throws InputException {
        TextSource m = TextSource.read(market);
        List<ImpactInputs.Text> h = new ArrayList<>();
        if (history != null) {
            for (TextSource t : PriceHistoryFiles.sources(List.of(history)).value()) {
                h.add(new ImpactInputs.Text(t.name(), t.text()));
            }
        }
        List<ImpactInputs.PolicySource> ps = new ArrayList<>();
        for (String ref : policyRefs) {
            PolicyPresets.PolicyText t = PolicyPresets.text(ref);
            ps.add(new ImpactInputs.PolicySource(ref, new ImpactInputs.Text(t.source().name(), t.source().text())));
        }
        return new ImpactInputs(new ImpactInputs.Text(m.name(), m.text()), h, ps, params.toJsonText(), episodes);
    }

    /** How many accounts the base holds (one pass over it, nothing margined). */
    public static long count(Path accounts) throws InputException {
        long n = 0;
        try (ClientBaseFiles.Accounts base = ClientBaseFiles.open(accounts)) {
            while (base.hasNext()) {
                base.next();
                n++;
            }
        }
        return n;
    }

    /**
     * Runs every account of the base.
     *
     * @param rows      also told each account's result in base order (e.g. to write the per-account CSV)
     * @param cancelled polled between accounts; when true the run stops with a CancellationException
     * @throws BadAccount   the first bad account when {@code skipBad} is false
     * @throws InputException the base cannot be opened, or no account could be read
     */
    public static Result run(ImpactEvaluator evaluator, Path accounts, boolean skipBad, int threads,
                             LocalImpactEngine.Sink rows, LocalImpactEngine.Progress progress,
                             BooleanSupplier cancelled) throws InputException, InterruptedException, BadAccount {
        List<String> warnings = new ArrayList<>(evaluator.warnings());
        ImpactAggregator agg = new ImpactAggregator(evaluator.policyNames(), evaluator.episodeIds(),
                ImpactAggregator.DEFAULT_TOP);
        String[] bad = new String[2];
        try (ClientBaseFiles.Accounts base = ClientBaseFiles.open(accounts)) {
            warnings.addAll(base.warnings());
            try {
                LocalImpactEngine.run(evaluator, base, threads, r -> {
                    if (r.isBad()) {
                        if (!skipBad) {
                            bad[0] = r.account();
                            bad[1] = r.badInput();
                            throw new StopAtBad();
                        }
                        warnings.add("account " + r.account() + " left out: " + r.badInput());
                    }
                    agg.add(r);
                    rows.accept(r);
                }, progress, cancelled);
            } catch (StopAtBad e) {
                throw new BadAccount(bad[0], bad[1]);
            }
        }
        ImpactSummary summary = agg.finish();
        if (summary.accounts() == 0) {
            throw new InputException(accounts.toString(), 0, null, "no account could be read");
        }
        return new Result(summary, warnings, evaluator.policyNames(), evaluator.episodeIds());
    }

    /** Carries a bad account out of the engine's sink. */
    private static final class StopAtBad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopAtBad() {
            super(null, null, false, false);
        }
    }
}
