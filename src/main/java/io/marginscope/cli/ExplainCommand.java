package io.marginscope.cli;

import io.marginscope.analysis.MarginExplain;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.report.ExplainJson;
import io.marginscope.run.ComputeRun;
import io.marginscope.store.Session;
import io.marginscope.store.SessionStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code marginscope explain}: the change of maintenance margin between two states, split by Shapley values. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Why maintenance margin changed between two states (state files or saved sessions): the change "
                + "split over prices, volatility, positions, policy and time by Shapley values over the 32 mixed "
                + "states (docs/cli.md).")
public final class ExplainCommand implements Callable<Integer> {

    private static final Pattern SESSION = Pattern.compile("session:(\\d+)(?:@(\\d+))?");

    @Option(names = "--from", required = true, paramLabel = "A.json|session:ID[@VERSION]",
            description = "The first state: a state file {\"portfolio\", \"market\", \"policy\", \"history\", \"asOf\", "
                    + "\"tier\"} or a saved session (its latest version, or @VERSION).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "B.json|session:ID[@VERSION]", description = "The second state.")
    String to;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the session store for session:ID (default as for 'session').")
    Path dataDir;

    @Option(names = "--scenarios", paramLabel = "N",
            description = "Monte Carlo scenarios (default: the first state's when it is a session, else 10000).")
    Integer scenarios;

    @Option(names = "--seed", paramLabel = "S",
            description = "Monte Carlo seed (default: the first state's when it is a session, else 42).")
    Long seed;

    @Option(names = "--json", defaultValue = "-", paramLabel = "OUT|-",
            description = "Where to write the JSON; '-' (the default) is standard output.")
    String json;

    @Spec
    CommandSpec spec;

    /** A state with what it was read from and its Monte Carlo settings (null for a state file). */
    private record Input(String name, MarginExplain.State state, List<String> warnings,
                         MarginCalculator.Settings settings) {
    }

    @Override
    public Integer call() throws InputException, IOException {
        Input a = load(from);
        Input b = load(to);
        MarginCalculator.Settings d = a.settings() != null ? a.settings() : new MarginCalculator.Settings(10_000, 42L);
        int n = scenarios != null ? scenarios : d.scenarios();
        long s = seed != null ? seed : d.seed();
        MarginExplain.Explanation e;
        try {
            long t0 = System.nanoTime();
            e = MarginExplain.explain(a.state(), b.state(), new MarginCalculator.Settings(n, s));
            e = e.withElapsedNanos(System.nanoTime() - t0);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        Set<String> warnings = new LinkedHashSet<>(a.warnings());
        warnings.addAll(b.warnings());
        JsonOutput.write(ExplainJson.write(e, a.name(), a.state(), b.name(), b.state(), n, s, warnings), json,
                spec.commandLine().getOut());
        return MarginScopeCommand.OK;
    }

    private Input load(String ref) throws InputException {
        Matcher m = SESSION.matcher(ref.strip());
        if (!m.matches()) {
            StateInput in = StateInput.load(Path.of(ref));
            return new Input(ref, in.state(), in.warnings(), null);
        }
        long id = Long.parseLong(m.group(1));
        Session session;
        try (SessionStore store = SessionCommand.open(dataDir)) {
            session = m.group(2) == null ? store.load(id) : store.load(id, Integer.parseInt(m.group(2)));
        }
        Loaded<MarginExplain.State> st = ComputeRun.state(session.inputs());
        return new Input(ref, st.value(), st.warnings(), ComputeRun.settings(session.inputs()));
    }
}
