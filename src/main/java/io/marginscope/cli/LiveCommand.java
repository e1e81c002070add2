package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.feed.Backoff;
import io.marginscope.feed.DeribitConfig;
import io.marginscope.feed.DeribitFeed;
import io.marginscope.feed.FeedListener;
import io.marginscope.feed.HistoryReplay;
import io.marginscope.feed.LiveMargin;
import io.marginscope.feed.LiveMarginListener;
import io.marginscope.feed.LiveState;
import io.marginscope.feed.MarketFeed;
import io.marginscope.feed.ReplayFeed;
import io.marginscope.feed.SessionRecorder;
import io.marginscope.feed.SimulatedFeed;
import io.marginscope.feed.SimulationSpec;
import io.marginscope.feed.Tick;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.report.ComputeJson;
import io.marginscope.report.LiveJson;
import io.marginscope.risk.PriceHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code marginscope live}: a book's margin driven by a market feed (simulated, a replayed history,
 * or Deribit), headless: one JSON line per update and/or a session summary (docs/live.md).
 */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drive a book's margin with a market feed and report the margin-ratio path, the zone "
                + "changes and the peak ratio (docs/live.md).",
                "Each update revalues the book at once with the MM held; a full margin recompute runs in the "
                        + "background, coalesced (--exact: on every update)."})
public final class LiveCommand implements Callable<Integer> {

    @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json") Path portfolio;
    @Option(names = "--market", required = true, paramLabel = "M.json", description = "The market the session starts from.")
    Path market;
    @Option(names = "--policy", defaultValue = "ramm", paramLabel = "NAME|policy.json",
            description = "Margin policy (default ${DEFAULT-VALUE}).")
    String policy;
    @Option(names = "--source", defaultValue = "simulated", paramLabel = "simulated|replay|deribit",
            description = "Feed (default ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--history", paramLabel = "H",
            description = "Price history: what --source replay replays, and the policy's history (as compute --history).")
    Path history;
    @Option(names = "--no-policy-history",
            description = "Do not give --history to the policy: it then runs as without a history (no anti-procyclicality tools).")
    boolean noPolicyHistory;
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Replay: first day (its close is the first update).")
    LocalDate from;
    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Replay: last day (inclusive).")
    LocalDate to;
    @Option(names = "--intraday", defaultValue = "1", paramLabel = "N",
            description = "Replay: updates per day; 1 (default) = the daily closes, N > 1 = a Brownian bridge between closes.")
    int intraday;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulation and of the bridge (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--ticks", paramLabel = "N", description = "Stop after N updates (simulated default: 1000).")
    Long ticks;
    @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds of wall time.")
    Double seconds;
    @Option(names = "--speed", defaultValue = "20", paramLabel = "UPDATES_PER_SECOND",
            description = "Pace of simulated and replayed updates in wall time (default ${DEFAULT-VALUE}); 0 = as fast as possible.")
    double speed;
    @Option(names = "--step", defaultValue = "1m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Simulated: market time per update (default ${DEFAULT-VALUE}; 50ms, 1s, 5m, 1h, 1d or ISO PT1M).")
    Duration step;
    @Option(names = "--jump", paramLabel = "[ASSET:]SIZE@UPDATE",
            description = "Simulated: a jump at an update, e.g. -0.3@100 (30% off every asset at update 100) or ETH:-0.25@500; repeatable.")
    List<String> jumps = new ArrayList<>();
    @Option(names = "--jump-rate", defaultValue = "0.1", paramLabel = "PER_DAY",
            description = "Simulated: Poisson jumps per simulated day, market-wide (default ${DEFAULT-VALUE}).")
    double jumpRate;
    @Option(names = "--jump-mean", defaultValue = "-0.04", description = "Simulated: mean log jump size (default ${DEFAULT-VALUE}).")
    double jumpMean;
    @Option(names = "--jump-std", defaultValue = "0.04", description = "Simulated: std of the log jump size (default ${DEFAULT-VALUE}).")
    double jumpStd;
    @Option(names = "--stress-multiple", defaultValue = "2.5",
            description = "Simulated: stressed vol = this times the snapshot's vol (default ${DEFAULT-VALUE}).")
    double stressMultiple;
    @Option(names = "--calm", defaultValue = "3d", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Simulated: mean time in the calm regime (default ${DEFAULT-VALUE}).")
    Duration calm;
    @Option(names = "--stressed", defaultValue = "12h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Simulated: mean time in the stressed regime (default ${DEFAULT-VALUE}).")
    Duration stressed;
    @Option(names = "--endpoint", paramLabel = "URI", description = "Deribit: WebSocket endpoint (default wss://www.deribit.com/ws/api/v2).")
    URI endpoint;
    @Option(names = "--instrument", paramLabel = "NAME",
            description = "Deribit: follow this instrument's ticker (an option's mark_iv is its implied vol); repeatable.")
    List<String> instruments = new ArrayList<>();
    @Option(names = "--no-dvol", description = "Deribit: do not follow the DVOL vol indices.")
    boolean noDvol;
    @Option(names = "--prices", paramLabel = "absolute|relative",
            description = "absolute: a tick's price is the spot; relative: spots move by the tick's return since the "
                    + "first tick (default: relative for replay, else absolute).")
    String prices;
    @Option(names = "--exact", description = "Recompute the full margin on every update, on the feed's thread (deterministic).")
    boolean exact;
    @Option(names = "--scenarios", defaultValue = "10000", description = "Monte Carlo scenarios of the policy's base (default ${DEFAULT-VALUE}).")
    int scenarios;
    @Option(names = "--per-tick", description = "Write one JSON line per update before the summary line.")
    boolean perTick;
    @Option(names = "--path-points", defaultValue = "500", description = "Points of the summary's ratio path (default ${DEFAULT-VALUE}).")
    int pathPoints;
    @Option(names = "--timeline", defaultValue = "4096", description = "Points kept by the session's timeline (default ${DEFAULT-VALUE}).")
    int timeline;
    @Option(names = "--report-memory", description = "Report heap used after System.gc() at the start, the middle and the end.")
    boolean reportMemory;
    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-", description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec CommandSpec spec;

    /** Heap figures after a full collection. */
    record Heap(String at, long updates, long usedBytes, long committedBytes, long maxBytes) {
        static Heap take(String at, long updates) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.gc();
            return new Heap(at, updates, rt.totalMemory() - rt.freeMemory(), rt.totalMemory(), rt.maxMemory());
        }
    }

    @Override
    public Integer call() throws InputException, IOException, InterruptedException {
        String src = source.toLowerCase(Locale.ROOT);
        if (!List.of("simulated", "replay", "deribit").contains(src)) {
            throw bad("--source must be simulated, replay or deribit, not '" + source + "'");
        }
        if (ticks != null && ticks < 1 || seconds != null && !(seconds > 0) || speed < 0 || pathPoints < 2
                || timeline < 1 || intraday < 1) {
            throw bad("--ticks, --seconds, --path-points, --timeline and --intraday must be positive, --speed >= 0");
        }
        Inputs in = Inputs.load(portfolio, market);
        Loaded<PriceHistory> h = HistoryInput.load(history);
        List<String> warnings = new ArrayList<>(in.warnings());
        if (h != null) {
            warnings.addAll(h.warnings());
        }
        Policy pol = PolicyPresets.load(policy);
        MarginCalculator.Prepared prepared;
        try {
            prepared = new MarginCalculator().prepare(in.book(), in.market(), noPolicyHistory ? null : h, pol,
                    new MarginCalculator.Settings(scenarios, seed));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        long limit = ticks != null ? ticks : src.equals("simulated") && seconds == null ? 1000 : 0;
        MarketFeed feed = feed(src, in, h, limit, warnings);
        LiveMargin.PriceMode mode = priceMode(src);
        LiveMargin live = new LiveMargin(prepared, in.market(), new LiveMargin.Options(mode,
                exact ? LiveMargin.Recompute.EVERY_TICK : LiveMargin.Recompute.COALESCED, timeline));
        warnings.addAll(live.lastFullRecompute().warnings());
        SessionRecorder recorder = new SessionRecorder(pathPoints);
        live.addListener(recorder);
        LiveState start = live.state();

        PrintWriter stdout = spec.commandLine().getOut();
        Writer lines = perTick ? open(json, stdout) : null;
        if (lines != null) {
            live.addListener(new TickLines(lines, live, in.book().underlyings()));
        }
        AtomicLong applied = new AtomicLong();
        FeedListener gate = new FeedListener() {
            @Override
            public void onTick(Tick tick) {
                onTicks(List.of(tick));
            }

            @Override
            public void onTicks(List<Tick> update) {
                if (limit > 0 && applied.get() >= limit) {
                    return;
                }
                live.onTicks(update);
                applied.incrementAndGet();
            }
        };
        feed.addListener(gate);
        List<Heap> memory = new ArrayList<>();
        if (reportMemory) {
            memory.add(report(Heap.take("start", 0)));
        }
        long t0 = System.nanoTime();
        feed.start();
        boolean middleTaken = false;
        long deadline = seconds == null ? Long.MAX_VALUE : t0 + (long) (seconds * 1e9);
        while (true) {
            if (feed.awaitTermination(Duration.ofMillis(20))) {
                break;
            }
            long now = System.nanoTime();
            if (limit > 0 && applied.get() >= limit || now >= deadline) {
                break;
            }
            boolean half = limit > 0 ? applied.get() >= limit / 2 : seconds != null && now - t0 >= seconds * 0.5e9;
            if (reportMemory && !middleTaken && half) {
                memory.add(report(Heap.take("middle", applied.get())));
                middleTaken = true;
            }
        }
        feed.stop();
        feed.awaitTermination(Duration.ofSeconds(5));
        double wallSeconds = (System.nanoTime() - t0) / 1e9;
        if (!live.awaitIdle(Duration.ofMinutes(2))) {
            warnings.add("the last full recompute did not finish within 2 minutes; the end state holds an older MM");
        }
        if (reportMemory) {
            if (!middleTaken) {
                memory.add(report(Heap.take("middle", applied.get())));
            }
            memory.add(report(Heap.take("end", applied.get())));
        }
        live.close();

        ObjectNode out = ComputeJson.MAPPER.createObjectNode();
        out.put("portfolio", in.book().name());
        out.put("policy", pol.name());
        out.put("source", src);
        out.put("feed", feed.description());
        out.put("feedState", feed.state().name());
        out.put("prices", mode.name().toLowerCase(Locale.ROOT));
        out.put("recompute", exact ? "every-update" : "coalesced");
        out.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
        if (feed instanceof DeribitFeed d) {
            DeribitFeed.Stats s = d.stats();
            ObjectNode n = out.putObject("deribit");
            n.put("connections", s.connections());
            n.put("messages", s.messages());
            n.put("ticks", s.ticks());
            n.put("malformed", s.malformed());
            n.put("testRequestsAnswered", s.testRequestsAnswered());
        }
        LiveJson.summary(out, start, live, recorder);
        if (!memory.isEmpty()) {
            ArrayNode mem = out.putArray("memory");
            for (Heap m : memory) {
                mem.addObject().put("at", m.at()).put("updates", m.updates()).put("heapUsedBytes", m.usedBytes())
                        .put("heapCommittedBytes", m.committedBytes()).put("heapMaxBytes", m.maxBytes());
            }
        }
        ArrayNode w = out.putArray("warnings");
        warnings.stream().distinct().forEach(w::add);
        if (lines != null) {
            lines.write(ComputeJson.MAPPER.writer().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            lines.write(System.lineSeparator());
            lines.flush();
            if (lines != stdout) {
                lines.close();
            }
        } else {
            JsonOutput.write(out, json, stdout);
        }
        return MarginScopeCommand.OK;
    }

    private Heap report(Heap m) {
        spec.commandLine().getErr().printf(Locale.ROOT, "memory %s: %.1f MiB used of %.1f MiB committed (max %.1f MiB) after %d updates%n",
                m.at(), m.usedBytes() / 1048576.0, m.committedBytes() / 1048576.0, m.maxBytes() / 1048576.0, m.updates());
        spec.commandLine().getErr().flush();
        return m;
    }

    private LiveMargin.PriceMode priceMode(String src) {
        if (prices == null) {
            return src.equals("replay") ? LiveMargin.PriceMode.RELATIVE : LiveMargin.PriceMode.ABSOLUTE;
        }
        return switch (prices.toLowerCase(Locale.ROOT)) {
            case "absolute" -> LiveMargin.PriceMode.ABSOLUTE;
            case "relative" -> LiveMargin.PriceMode.RELATIVE;
            default -> throw bad("--prices must be absolute or relative, not '" + prices + "'");
        };
    }

    private MarketFeed feed(String src, Inputs in, Loaded<PriceHistory> h, long limit, List<String> warnings) {
        List<String> moving = new ArrayList<>();
        for (String u : in.book().underlyings()) {
            if (in.market().asset(u).vol() > 0) {
                moving.add(u);
            }
        }
        switch (src) {
            case "simulated" -> {
                List<SimulationSpec.ScheduledJump> scheduled = new ArrayList<>();
                try {
                    for (String j : jumps) {
                        scheduled.add(SimulationSpec.ScheduledJump.parse(j));
                    }
                    SimulationSpec s = SimulationSpec.fromSnapshot(in.market(), step, stressMultiple,
                            new SimulationSpec.Regime(calm, stressed, false),
                            new SimulationSpec.Jumps(jumpRate, jumpMean, jumpStd), scheduled, seed);
                    return new SimulatedFeed(s, speed, limit);
                } catch (IllegalArgumentException e) {
                    throw bad(e.getMessage());
                }
            }
            case "replay" -> {
                if (h == null || from == null || to == null) {
                    throw bad("--source replay needs --history, --from and --to");
                }
                List<String> assets = new ArrayList<>();
                for (String u : moving) {
                    if (h.value().has(u)) {
                        assets.add(u);
                    } else {
                        warnings.add(u + ": not in the history; stays at the snapshot's spot during the replay");
                    }
                }
                if (assets.isEmpty()) {
                    throw bad("the history holds none of the book's underlyings " + moving);
                }
                try {
                    return new ReplayFeed(new HistoryReplay(h.value(), assets, from, to, intraday, seed), speed, limit);
                } catch (IllegalArgumentException e) {
                    throw bad(e.getMessage());
                }
            }
            default -> {
                if (ticks == null && seconds == null) {
                    throw bad("--source deribit needs --ticks or --seconds");
                }
                try {
                    DeribitConfig c = DeribitConfig.forAssets(moving).withTickers(instruments).withVolIndex(!noDvol)
                            .withBackoff(Backoff.defaults());
                    if (endpoint != null) {
                        c = c.withEndpoint(endpoint);
                    }
                    return new DeribitFeed(c);
                } catch (IllegalArgumentException e) {
                    throw bad(e.getMessage());
                }
            }
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static Writer open(String target, PrintWriter stdout) throws IOException {
        if ("-".equals(target)) {
            return stdout;
        }
        return new BufferedWriter(Files.newBufferedWriter(Path.of(target), StandardCharsets.UTF_8));
    }

    /** One compact JSON line per update. */
    private static final class TickLines implements LiveMarginListener {
        private final Writer out;
        private final LiveMargin live;
        private final Iterable<String> assets;
        private final com.fasterxml.jackson.databind.ObjectWriter writer = ComputeJson.MAPPER.writer()
                .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

        TickLines(Writer out, LiveMargin live, Iterable<String> assets) {
            this.out = out;
            this.live = live;
            this.assets = assets;
        }

        @Override
        public void onUpdate(LiveState state) {
            try {
                out.write(writer.writeValueAsString(LiveJson.update(state, live.market(), assets)));
                out.write(System.lineSeparator());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** 50ms, 1s, 5m, 1h, 3d, or an ISO-8601 duration (PT1M). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (v.startsWith("p")) {
                return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)").matcher(v);
            if (!m.matches()) {
                throw new IllegalArgumentException("a duration like 50ms, 1s, 5m, 1h, 3d or PT1M, not '" + value + "'");
            }
            double x = Double.parseDouble(m.group(1));
            double nanosPer = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86_400e9;
            };
            Duration d = Duration.ofNanos(Math.round(x * nanosPer));
            if (d.isZero()) {
                throw new IllegalArgumentException("a duration must be positive, not '" + value + "'");
            }
            return d;
        }
    }
}
