package io.marginscope.cli;

import io.marginscope.impact.AccountInput;
import io.marginscope.impact.AccountResult;
import io.marginscope.impact.ImpactAggregator;
import io.marginscope.impact.ImpactSummary;
import io.marginscope.io.AccountTiers;
import io.marginscope.io.ClientBaseFiles;
import io.marginscope.io.InputException;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.TextSource;
import io.marginscope.io.PolicyPresets;
import io.marginscope.report.ImpactCsv;
import io.marginscope.report.ImpactJson;
import io.marginscope.report.ImpactPdf;
import io.marginscope.report.PdfReport;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.ImpactEvaluator;
import io.marginscope.run.ImpactInputs;
import io.marginscope.run.LocalImpactEngine;
import io.marginscope.run.RunParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code marginscope impact}: policies side by side across a client base (docs/impact.md). */
@Command(name = "impact", mixinStandardHelpOptions = true,
        description = "Margin every account of a client base under several policies and sum the impact: totals, "
                + "margin call, zones and their transitions, the distribution of the change, the top movers and, "
                + "with --episodes, the historical crashes (docs/impact.md).")
public final class ImpactCommand implements Callable<Integer> {

    @Option(names = "--accounts", required = true, paramLabel = "DIR|FILE",
            description = "A folder of portfolio files (one account each; the file name is the account) or one CSV "
                    + "with an 'account' column before the portfolio columns.")
    Path accounts;

    @Option(names = "--market", required = true, paramLabel = "M.json", description = "Market snapshot JSON.")
    Path market;

    @Option(names = "--policy", required = true, paramLabel = "NAME|policy.json",
            description = "A policy (preset or file); repeat it. The first is the reference of the changes and "
                    + "transitions.")
    List<String> policies;

    @Mixin
    RiskOptions risk;

    @Option(names = "--tiers", paramLabel = "T.csv",
            description = "Counterparty tier per account: a CSV with columns account,tier.")
    Path tiers;

    @Option(names = "--episodes", description = "Also apply each dated crash of the scenario library to every account.")
    boolean episodes;

    @Option(names = "--skip-bad", description = "Leave out a bad account with a warning instead of stopping (exit 2).")
    boolean skipBad;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where the accounts are margined (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of the local engine (default: every core).")
    Integer threads;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Spark master when not set by spark-submit (default local[*]).")
    String sparkMaster;

    @Option(names = "--progress", description = "Print progress to standard error.")
    boolean progress;

    @Option(names = "--json", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' is standard output (the default when neither --csv nor "
                    + "--pdf is given).")
    String json;

    @Option(names = "--csv", paramLabel = "OUT.csv", description = "Also write one row per account and policy.")
    Path csv;

    @Option(names = "--pdf", paramLabel = "OUT.pdf", description = "Also write the policy-impact PDF report.")
    Path pdf;

    @Option(names = "--page-size", defaultValue = "a4", paramLabel = "a4|letter",
            description = "Paper of the PDF report (default ${DEFAULT-VALUE}).")
    String pageSize;


    @Spec
    CommandSpec spec;

    /** A bad account when --skip-bad was not given: the run stops and nothing is written. */
    private static final class BadAccount extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadAccount(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Integer call() throws InputException, IOException, InterruptedException {
        String eng = engine.trim().toLowerCase(Locale.ROOT);
        if (!eng.equals("local") && !eng.equals("spark")) {
            throw new ParameterException(spec.commandLine(), "--engine must be local or spark, not '" + engine + "'");
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        PdfReport.PageSize paper;
        try {
            paper = PdfReport.PageSize.parse(pageSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--page-size: " + e.getMessage());
        }
        String jsonTarget = json != null ? json : (csv == null && pdf == null ? "-" : null);
        RunParameters params = ComputeCommand.runParameters(risk, spec);
        ImpactInputs inputs = inputs(params);
        ImpactEvaluator evaluator;
        try {
            evaluator = new ImpactEvaluator(inputs);
        } catch (ComputeRun.SettingsException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> tierOf = tiers == null ? Map.of() : AccountTiers.read(tiers);
        PrintWriter err = spec.commandLine().getErr();
        List<String> warnings = new ArrayList<>(evaluator.warnings());
        ImpactAggregator agg = new ImpactAggregator(evaluator.policyNames(), evaluator.episodeIds(),
                ImpactAggregator.DEFAULT_TOP);
        List<String> underlyings = new ArrayList<>(evaluator.market().assets().keySet());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("policies", evaluator.policyNames());
        meta.put("engine", eng);
        meta.put("episodes", evaluator.episodeIds());
        meta.put("settings", params.toJson());
        int nThreads = threads == null ? LocalImpactEngine.defaultThreads() : threads;
        if (eng.equals("local")) {
            meta.put("threads", nThreads);
        }
        Path jsonTmp = jsonTarget == null ? null : temp(jsonTarget.equals("-") ? null : Path.of(jsonTarget));
        Path csvTmp = csv == null ? null : temp(csv);
        long start = System.nanoTime();
        try (ClientBaseFiles.Accounts base = ClientBaseFiles.open(accounts);
             OutputStream jsonOut = jsonTmp == null ? null : Files.newOutputStream(jsonTmp);
             ImpactJson jw = jsonOut == null ? null : new ImpactJson(jsonOut, meta);
             BufferedWriter csvOut = csvTmp == null ? null : Files.newBufferedWriter(csvTmp, StandardCharsets.UTF_8);
             ImpactCsv cw = csvOut == null ? null : new ImpactCsv(csvOut, underlyings)) {
            warnings.addAll(base.warnings());
            Iterator<AccountInput> in = withTiers(base, tierOf, warnings);
            LocalImpactEngine.Sink sink = r -> {
                if (r.isBad()) {
                    if (!skipBad) {
                        throw new BadAccount(r.badInput());
                    }
                    String w = "account " + r.account() + " left out: " + r.badInput();
                    err.println("warning: " + w);
                    warnings.add(w);
                }
                agg.add(r);
                try {
                    if (jw != null) {
                        jw.account(r);
                    }
                    if (cw != null) {
                        cw.account(r);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            LocalImpactEngine.Progress prog = progress ? progressPrinter(err, start) : LocalImpactEngine.Progress.NONE;
            if (eng.equals("local")) {
                LocalImpactEngine.run(evaluator, in, nThreads, sink, prog, () -> false);
            } else {
                SparkEngineLauncher.run(spec, inputs, in, sparkMaster, sink, prog);
            }
            ImpactSummary summary = agg.finish();
            if (summary.accounts() == 0) {
                throw new InputException(accounts.toString(), 0, null, "no account could be read");
            }
            if (jw != null) {
                jw.finish(summary, warnings);
            }
            if (pdf != null) {
                ImpactPdf.write(summary, accounts.toAbsolutePath().getFileName().toString(),
                        evaluator.market().asOf().toString(), warnings, pdf, paper);
                err.println("wrote " + pdf);
            }
            err.printf(Locale.ROOT, "impact: %d accounts, %d left out, %d policies, %.1f s%n", summary.accounts(),
                    summary.skipped().size(), evaluator.policyNames().size(), (System.nanoTime() - start) / 1e9);
        } catch (BadAccount e) {
            deleteQuietly(jsonTmp);
            deleteQuietly(csvTmp);
            err.println("error: " + e.getMessage());
            err.flush();
            return MarginScopeCommand.BAD_INPUT;
        } catch (RuntimeException | InputException | IOException | InterruptedException e) {
            deleteQuietly(jsonTmp);
            deleteQuietly(csvTmp);
            throw e;
        }
        if (jsonTmp != null) {
            if (jsonTarget.equals("-")) {
                try (var s = Files.newInputStream(jsonTmp)) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.flush();
                    out.write(new String(s.readAllBytes(), StandardCharsets.UTF_8));
                    out.println();
                    out.flush();
                } finally {
                    Files.deleteIfExists(jsonTmp);
                }
            } else {
                Files.move(jsonTmp, Path.of(jsonTarget), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (csvTmp != null) {
            Files.move(csvTmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err.println("wrote " + csv);
        }
        err.flush();
        return MarginScopeCommand.OK;
    }

    private ImpactInputs inputs(RunParameters params) throws InputException {
        TextSource m = TextSource.read(market);
        List<ImpactInputs.Text> history = new ArrayList<>();
        if (risk.history != null) {
            for (TextSource t : PriceHistoryFiles.sources(List.of(risk.history)).value()) {
                history.add(new ImpactInputs.Text(t.name(), t.text()));
            }
        }
        List<ImpactInputs.PolicySource> ps = new ArrayList<>();
        for (String ref : policies) {
            PolicyPresets.PolicyText t = PolicyPresets.text(ref);
            ps.add(new ImpactInputs.PolicySource(ref, new ImpactInputs.Text(t.source().name(), t.source().text())));
        }
        return new ImpactInputs(new ImpactInputs.Text(m.name(), m.text()), history, ps, params.toJsonText(), episodes);
    }

    private static Iterator<AccountInput> withTiers(Iterator<AccountInput> base, Map<String, String> tiers,
                                                    List<String> warnings) {
        if (tiers.isEmpty()) {
            return base;
        }
        java.util.Set<String> unused = new java.util.LinkedHashSet<>(tiers.keySet());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = base.hasNext();
                if (!more && !unused.isEmpty()) {
                    warnings.add("--tiers: " + unused.size() + " account(s) not in the client base (first: "
                            + unused.iterator().next() + ")");
                    unused.clear();
                }
                return more;
            }

            @Override
            public AccountInput next() {
                AccountInput a = base.next();
                String t = tiers.get(a.account());
                if (t == null) {
                    return a;
                }
                unused.remove(a.account());
                return a.withTier(t);
            }
        };
    }

    private static LocalImpactEngine.Progress progressPrinter(PrintWriter err, long start) {
        return n -> {
            if (n % 10_000 == 0) {
                double s = (System.nanoTime() - start) / 1e9;
                err.printf(Locale.ROOT, "impact: %d accounts, %.1f s, %.0f accounts/s%n", n, s, n / s);
                err.flush();
            }
        };
    }

    /** A temporary file beside the target (the working folder for standard output). */
    private static Path temp(Path target) throws IOException {
        Path dir = target == null ? Path.of("").toAbsolutePath()
                : target.toAbsolutePath().getParent();
        if (target == null) {
            Path t = Files.createTempFile("marginscope-impact", ".json.tmp");
            t.toFile().deleteOnExit();
            return t;
        }
        Path t = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        t.toFile().deleteOnExit();
        return t;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale temporary file beside the target; never the target itself
        }
    }
}
