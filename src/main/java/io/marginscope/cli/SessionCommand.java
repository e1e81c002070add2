package io.marginscope.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.io.InputException;
import io.marginscope.report.ComputeJson;
import io.marginscope.run.ComputeRun;
import io.marginscope.store.DataDirectory;
import io.marginscope.store.Session;
import io.marginscope.store.SessionComparison;
import io.marginscope.store.SessionJson;
import io.marginscope.store.SessionStore;
import io.marginscope.store.SessionSummary;
import io.marginscope.store.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code marginscope session ...}: saved sessions in the session store (docs/reports.md). */
@Command(name = "session", mixinStandardHelpOptions = true,
        description = "Saved sessions: save a compute run, list, show (and verify), compare, delete and undelete.",
        subcommands = {SessionCommand.Save.class, SessionCommand.ListSessions.class, SessionCommand.Show.class,
                SessionCommand.Compare.class, SessionCommand.Delete.class, SessionCommand.Undelete.class})
public final class SessionCommand implements Runnable {

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of the session store (default: the system property marginscope.dataDir, else the "
                    + "per-user data folder, e.g. ~/.local/share/marginscope).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static SessionStore open(Path dataDir) {
        return SessionStore.open(storeFile(dataDir));
    }

    static Path storeFile(Path dataDir) {
        return dataDir == null ? DataDirectory.storeFile() : dataDir.resolve(DataDirectory.STORE_FILE);
    }

    /** For list, show, compare and verify: an existing store this user cannot write is opened read-only. */
    static SessionStore openForReading(Path dataDir) {
        Path file = storeFile(dataDir).toAbsolutePath();
        if (java.nio.file.Files.isRegularFile(file)
                && (!java.nio.file.Files.isWritable(file) || !java.nio.file.Files.isWritable(file.getParent()))) {
            return SessionStore.openReadOnly(file);
        }
        return SessionStore.open(file);
    }

    /**
     * Saves a run under a name: a new version of the active session of that name (the most recently
     * saved if several), else a new session. Reports on {@code err} (standard output may carry JSON).
     */
    static Session saveRun(String name, String notes, ComputeRun.Result run, Path dataDir, PrintWriter err) {
        return saveRun(name, notes, run, dataDir, false, err);
    }

    /** As above; with {@code copy}, always a new session (a second one of that name). */
    static Session saveRun(String name, String notes, ComputeRun.Result run, Path dataDir, boolean copy,
                           PrintWriter err) {
        try (SessionStore store = open(dataDir)) {
            // looked up and saved in one write transaction: concurrent saves of a name add versions to one session
            Session saved = store.saveNamed(name, Session.of(name, run, notes),
                    previous -> previous.withRun(run).withNotes(notes == null ? previous.notes() : notes), copy);
            err.println("saved session " + saved.id() + " version " + saved.version() + " '" + saved.name() + "' in "
                    + store.file());
            err.flush();
            return saved;
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Compute a book (as compute does) and save the run as a session.")
    static final class Save implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The session's name.") String name;
        @Option(names = "--portfolio", required = true, paramLabel = "P.csv|P.json") Path portfolio;
        @Option(names = "--market", required = true, paramLabel = "M.json") Path market;
        @Mixin RiskOptions risk;
        @Option(names = "--policy", paramLabel = "NAME|policy.json") String policy;
        @Option(names = "--notes", paramLabel = "TEXT") String notes;
        @Option(names = "--copy", description = "A new session even when an active one has that name (default: a new "
                + "version of it).") boolean copy;
        @picocli.CommandLine.ParentCommand SessionCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws InputException {
            ComputeRun.Result run = ComputeCommand.run(portfolio, market, risk, policy, spec);
            Session saved = saveRun(name, notes, run, parent.dataDir, copy, spec.commandLine().getErr());
            spec.commandLine().getOut().println(saved.id());
            spec.commandLine().getOut().flush();
            return MarginScopeCommand.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the sessions (newest first) whose name, notes, portfolio or policy contain SEARCH.")
    static final class ListSessions implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SEARCH") String search;
        @Option(names = "--deleted", description = "List the sessions in the bin instead.") boolean deleted;
        @Option(names = "--json", description = "Print JSON instead of a table.") boolean json;
        @picocli.CommandLine.ParentCommand SessionCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<SessionSummary> rows;
            try (SessionStore store = openForReading(parent.dataDir)) {
                rows = deleted ? store.listDeleted() : store.list(search);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode arr = ComputeJson.MAPPER.createArrayNode();
                for (SessionSummary r : rows) {
                    ObjectNode n = arr.addObject();
                    n.put("id", r.id());
                    n.put("name", r.name());
                    n.put("version", r.version());
                    n.put("savedAt", r.savedAt().toString());
                    n.put("portfolio", r.portfolioName());
                    n.put("policy", r.policy());
                    ComputeJson.put(n, "equity", r.equity());
                    ComputeJson.put(n, "maintenanceMargin", r.maintenanceMargin());
                    ComputeJson.put(n, "es", r.es());
                    if (r.deletedAt() != null) {
                        n.put("deletedAt", r.deletedAt().toString());
                    }
                }
                JsonOutput.write(arr, "-", out);
                return MarginScopeCommand.OK;
            }
            out.printf(Locale.ROOT, "%5s  %-28s %4s  %-20s  %-24s %-16s %16s %16s%n", "id", "name", "ver", "saved (UTC)",
                    "portfolio", "policy", "MM", "ES");
            for (SessionSummary r : rows) {
                out.printf(Locale.ROOT, "%5d  %-28s %4d  %-20s  %-24s %-16s %16s %16s%n", r.id(), cut(r.name(), 28),
                        r.version(), r.savedAt().toString().substring(0, 19).replace('T', ' '),
                        cut(io.marginscope.run.RunInputs.fileName(r.portfolioName()), 24),
                        r.policy() == null ? "-" : cut(r.policy(), 16), money(r.maintenanceMargin()), money(r.es()));
            }
            out.flush();
            return MarginScopeCommand.OK;
        }
    }

    // its own --version (a session's version) takes the place of the standard one: help is declared here
    @Command(name = "show",
            description = {"Show a session; --verify recomputes it from its stored inputs and compares the numbers.",
                    "With --verify, the exit status is 1 when the numbers do not reproduce."})
    static final class Show implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Option(names = "--version", paramLabel = "N", description = "A given version (default: the latest).")
        Integer version;
        @Option(names = "--verify", description = "Recompute and compare with the saved numbers.") boolean verify;
        @Option(names = "--json", paramLabel = "OUT|-",
                description = "Write the whole session (inputs, results, timeline) as JSON.") String json;
        @picocli.CommandLine.ParentCommand SessionCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Session s;
            int versions;
            try (SessionStore store = openForReading(parent.dataDir)) {
                s = version == null ? store.load(id) : store.load(id, version);
                versions = store.versions(id).size();
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json != null) {
                JsonOutput.write(SessionJson.write(s), json, out);
            } else {
                out.println("session " + s.id() + " '" + s.name() + "', version " + s.version() + " of " + versions
                        + ", saved " + s.savedAt());
                out.println("  portfolio:  " + s.inputs().portfolio().name());
                out.println("  market:     " + s.inputs().market().name());
                s.inputs().history().forEach(h -> out.println("  history:    " + h.name()));
                out.println("  policy:     " + (s.inputs().policy() == null ? "-" : s.inputs().policy().ref()));
                out.println("  parameters: " + s.inputs().parameters().toJsonText());
                out.println("  input hash: " + (s.inputHash() == null ? "(not recorded)" : s.inputHash()));
                out.println("  equity " + money(s.result("equity")) + "  VaR " + money(s.result("var")) + "  ES "
                        + money(s.result("es")) + "  MM " + money(s.result("maintenanceMargin")));
                if (!s.notes().isBlank()) {
                    out.println("  notes:      " + s.notes());
                }
                if (!s.timeline().isEmpty()) {
                    out.println("  timeline:   " + s.timeline().size() + " points");
                }
            }
            int status = MarginScopeCommand.OK;
            if (verify) {
                Verification v = SessionStore.verify(s);
                PrintWriter w = json != null && json.equals("-") ? spec.commandLine().getErr() : out;
                w.println("verify: inputs " + (v.storedHash() == null ? "(no stored hash)"
                        : v.hashMatches() ? "unchanged" : "CHANGED since the results were computed")
                        + "; numbers " + (v.identical() ? "identical" : "DIFFERENT (" + v.differences().size() + ")"));
                v.differences().forEach(d -> w.println("  " + d));
                w.flush();
                status = v.reproduces() ? MarginScopeCommand.OK : MarginScopeCommand.INTERNAL_ERROR;
            }
            out.flush();
            return status;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Which inputs differ between two sessions and how equity, MM and ES moved.")
    static final class Compare implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID1") long first;
        @Parameters(index = "1", paramLabel = "ID2") long second;
        @picocli.CommandLine.ParentCommand SessionCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            SessionComparison c;
            try (SessionStore store = openForReading(parent.dataDir)) {
                c = store.compare(first, second);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("inputs changed: " + (c.changedInputs().isEmpty() ? "none" : String.join(", ", c.changedInputs())));
            c.positionChanges().forEach(p -> out.println("  " + p));
            move(out, "equity", c.equity());
            move(out, "MM", c.maintenanceMargin());
            move(out, "ES", c.es());
            out.flush();
            return MarginScopeCommand.OK;
        }

        private static void move(PrintWriter out, String label, SessionComparison.Move m) {
            out.printf(Locale.ROOT, "%-7s %16s -> %16s  (%s%s)%n", label, money(m.before()), money(m.after()),
                    Double.isNaN(m.change()) ? "-" : (m.change() >= 0 ? "+" : "") + money(m.change()),
                    Double.isNaN(m.changePct()) ? "" : String.format(Locale.ROOT, ", %+.2f%%", m.changePct()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Move a session to the bin (undo with 'session undelete ID').")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID") long id;
        @picocli.CommandLine.ParentCommand SessionCommand parent;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (SessionStore store = open(parent.dataDir)) {
                store.delete(id);
            }
            spec.commandLine().getErr().println("session " + id + " moved to the bin; 'session undelete " + id
                    + "' brings it back");
            spec.commandLine().getErr().flush();
            return MarginScopeCommand.OK;
        }
    }

    @Command(name = "undelete", mixinStandardHelpOptions = true, description = "Bring a session back from the bin.")
    static final class Undelete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID") long id;
        @picocli.CommandLine.ParentCommand SessionCommand parent;

        @Override
        public Integer call() {
            try (SessionStore store = open(parent.dataDir)) {
                store.undelete(id);
            }
            return MarginScopeCommand.OK;
        }
    }

    static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }

    static String money(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.2f", v);
    }
}
