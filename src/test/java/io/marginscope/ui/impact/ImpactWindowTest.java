package io.marginscope.ui.impact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.impact.ImpactSummary;
import io.marginscope.ui.app.WorkstationTestBase;
import io.marginscope.ui.control.Formats;
import javafx.concurrent.Task;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Impact window, headless (Monocle), on a client base of 50 generated accounts (seed 11) under ramm
 * and span with the crashes: every total, zone count, transition count, top mover and crash figure on
 * show is the one {@code marginscope impact} prints in its JSON for the same inputs, formatted in the
 * user's locale; the per-account CSV exported is the command's byte for byte; a malformed account
 * stops the run with the command's message (file, line, column) and is left out only when asked.
 */
class ImpactWindowTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-impact-" + ProcessHandle.current().pid();
    private static final List<String> POLICIES = List.of("ramm", "span");

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    private static int cli(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = MarginScopeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Path generate(Path dir) {
        Path base = dir.resolve("base");
        StringWriter err = new StringWriter();
        int status = cli(new StringWriter(), err, "accounts-generate", "--accounts", "50", "--seed", "11", "--out",
                base.toString());
        assertThat(status).as(err.toString()).isZero();
        return base;
    }

    private static List<String> impactArgs(Path base, String... more) {
        List<String> a = new ArrayList<>(List.of("impact", "--accounts", base.toString(), "--market",
                base.resolve("market.json").toString()));
        for (String p : POLICIES) {
            a.add("--policy");
            a.add(p);
        }
        a.addAll(List.of(more));
        return a;
    }

    private ImpactWindow runWindow(FxRobot robot, Path base, boolean episodes) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current() != null));
        ImpactWindow w = fx(window::impact);
        robot.interact(() -> {
            w.selectPolicies(POLICIES);
            ((javafx.scene.control.CheckBox) w.stage().getScene().lookup("#impactEpisodesBox")).setSelected(episodes);
            w.openBase(base);
        });
        return w;
    }

    private static ImpactService.Outcome settled(ImpactWindow w, ImpactService.Outcome before) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> fx(() -> !w.service().isRunning()
                && (w.outcomeProperty().get() != before || !errorText(w).isEmpty())));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> w.outcomeProperty().get());
    }

    private static String errorText(ImpactWindow w) {
        return ((Label) w.stage().getScene().lookup("#impactError")).getText();
    }

    @SuppressWarnings("unchecked")
    private static <T> TableView<T> table(ImpactWindow w, String id) {
        return (TableView<T>) w.stage().getScene().lookup("#" + id);
    }

    /** The totals cell of this row label and policy column (1 = the first policy). */
    private static String total(ImpactWindow w, String label, int policy) {
        return fx(() -> {
            TableView<ImpactTables.Line> t = table(w, "impactTotals");
            for (ImpactTables.Line l : t.getItems()) {
                if (l.label().equals(label)) {
                    return String.valueOf(t.getColumns().get(policy).getCellData(l));
                }
            }
            throw new AssertionError("no row " + label);
        });
    }

    @Test
    void figuresOnShowAreTheCommandsAndTheExportsItsFiles(FxRobot robot, @TempDir Path dir) throws Exception {
        Path base = generate(dir);
        ImpactWindow w = runWindow(robot, base, true);
        ImpactService.Outcome o = settled(w, null);
        assertThat(fx(() -> errorText(w))).isEmpty();
        assertThat(o).isNotNull();
        assertThat(o.result().policies()).isEqualTo(POLICIES);

        Path cliCsv = dir.resolve("cli.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = cli(out, err, impactArgs(base, "--episodes", "--json", "-", "--csv", cliCsv.toString())
                .toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());

        assertThat(o.result().summary().accounts()).isEqualTo(j.get("accountCount").asLong()).isEqualTo(50);
        for (int p = 0; p < POLICIES.size(); p++) {
            JsonNode t = j.get("policies").get(p);
            assertThat(t.get("policy").asText()).isEqualTo(POLICIES.get(p));
            int col = p + 1;
            assertThat(total(w, "Accounts margined", col)).isEqualTo(Formats.count(t.get("accounts").asLong()));
            assertThat(total(w, "Maintenance margin (USD)", col))
                    .isEqualTo(Formats.money(t.get("maintenanceMargin").asDouble()));
            assertThat(total(w, "Initial margin (USD)", col)).isEqualTo(Formats.money(t.get("initialMargin").asDouble()));
            assertThat(total(w, "Margin call (USD)", col)).isEqualTo(Formats.money(t.get("marginCall").asDouble()));
            for (String z : List.of("OK", "WARNING", "LIQUIDATION")) {
                assertThat(total(w, "Accounts " + z, col)).isEqualTo(Formats.count(t.get("zones").get(z).asLong()));
            }
            assertThat(total(w, "Accounts without MM", col))
                    .isEqualTo(Formats.count(t.get("notComputed").asLong()));
            assertThat(total(w, "Positions not covered", col))
                    .isEqualTo(Formats.count(t.get("positionsNotCovered").asLong()));
        }
        JsonNode change = j.get("changes").get(0);
        assertThat(total(w, "Change of MM (USD)", 2)).isEqualTo(Formats.signedMoney(change.get("total")
                .asDouble()));
        // the sums on show are the definitions over the accounts: the zones add up to the accounts margined
        assertThat(j.get("policies").get(0).get("accounts").asLong() + j.get("policies").get(0).get("notComputed")
                .asLong()).isEqualTo(50);

        // the transition matrix ramm -> span, cell by cell
        JsonNode counts = j.get("transitions").get(0).get("counts");
        List<List<String>> shown = fx(() -> List.copyOf(this.<List<String>>table(w, "impactTransitions").getItems()));
        assertThat(shown).hasSize(ImpactSummary.STATES.size());
        long all = 0;
        for (int i = 0; i < ImpactSummary.STATES.size(); i++) {
            assertThat(shown.get(i).get(0)).isEqualTo(ImpactSummary.STATES.get(i));
            for (int k = 0; k < ImpactSummary.STATES.size(); k++) {
                assertThat(shown.get(i).get(k + 1)).as("transition %d,%d", i, k)
                        .isEqualTo(Formats.count(counts.get(i).get(k).asLong()));
                all += counts.get(i).get(k).asLong();
            }
        }
        assertThat(all).isEqualTo(50);

        // the histogram and the top movers
        long binned = fx(() -> {
            javafx.scene.chart.BarChart<String, Number> h = (javafx.scene.chart.BarChart<String, Number>) w.stage()
                    .getScene().lookup("#impactHistogram");
            return h.getData().get(0).getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        });
        assertThat(binned).isEqualTo(change.get("accounts").asLong());
        List<ImpactSummary.Mover> up = fx(() -> List.copyOf(this.<ImpactSummary.Mover>table(w, "impactIncreases")
                .getItems()));
        List<ImpactSummary.Mover> down = fx(() -> List.copyOf(this.<ImpactSummary.Mover>table(w, "impactDecreases")
                .getItems()));
        assertThat(up.stream().map(ImpactSummary.Mover::account).toList())
                .isEqualTo(names(change.get("topIncreases")));
        assertThat(down.stream().map(ImpactSummary.Mover::account).toList())
                .isEqualTo(names(change.get("topDecreases")));
        assertThat(up.size() + down.size()).isPositive();

        // the crashes
        List<List<String>> eps = fx(() -> List.copyOf(this.<List<String>>table(w, "impactEpisodes").getItems()));
        assertThat(eps).hasSize(j.get("episodes").size()).isNotEmpty();
        for (int i = 0; i < eps.size(); i++) {
            JsonNode e = j.get("episodes").get(i);
            assertThat(eps.get(i)).containsExactly(e.get("episode").asText(), e.get("policy").asText(),
                    Formats.count(e.get("accounts").asLong()), Formats.count(e.get("shortfallAccounts").asLong()),
                    Formats.money(e.get("totalShortfall").asDouble()), Formats.count(e.get("liquidated").asLong()));
        }
        String caption = fx(() -> ((Label) w.stage().getScene().lookup("#impactCaption")).getText());
        assertThat(caption).contains("50 accounts of base").contains("market.json").contains("no price history")
                .contains("ramm (reference), span");

        // exports: the CSV is the command's byte for byte; the PDF page is written in place
        Path csv = dir.resolve("out").resolve("view.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "previous");
        Task<Path> c = fx(() -> w.exports().exportCsv(o, csv));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, c::isDone);
        assertThat(fx(c::getException)).isNull();
        assertThat(Files.readAllBytes(csv)).isEqualTo(Files.readAllBytes(cliCsv));
        Path pdf = dir.resolve("out").resolve("view.pdf");
        Task<Path> p = fx(() -> w.exports().exportPdf(o, pdf, io.marginscope.report.PdfReport.PageSize.A4));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, p::isDone);
        assertThat(fx(p::getException)).isNull();
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        try (var listing = Files.list(csv.getParent())) {
            assertThat(listing.map(x -> x.getFileName().toString()).sorted().toList())
                    .containsExactly("view.csv", "view.pdf");
        }

        // a double-click on a mover opens that account's file as the book of the main window
        ImpactSummary.Mover first = up.isEmpty() ? down.get(0) : up.get(0);
        Task<?> opening = fx(() -> w.exports().openAccount(o.request(), first, () -> { }));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> opening.isDone() && fx(() -> model.current() != null
                && model.current().bookFile() != null
                && model.current().bookFile().getFileName().toString().equals(first.account() + ".csv")));
        assertThat(fx(() -> model.current().marketFile())).isEqualTo(base.resolve("market.json"));
    }

    private static List<String> names(JsonNode movers) {
        List<String> out = new ArrayList<>();
        movers.forEach(m -> out.add(m.get("account").asText()));
        return out;
    }

    @Test
    void aMalformedAccountIsNamedAndLeftOutOnlyWhenAsked(FxRobot robot, @TempDir Path dir) throws Exception {
        Path base = generate(dir);
        Path bad = base.resolve("acct-000007.csv");
        Files.writeString(bad, "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n"
                + "p1,ETH,PERP,,,lots,3020,LINEAR\n");
        StringWriter err = new StringWriter();
        int status = cli(new StringWriter(), err, impactArgs(base).toArray(String[]::new));
        assertThat(status).isEqualTo(2);
        String message = err.toString().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow()
                .substring("error: ".length());
        assertThat(message).contains("acct-000007.csv").contains("line 2").contains("quantity");

        ImpactWindow w = runWindow(robot, base, false);
        assertThat(settled(w, null)).isNull();
        assertThat(fx(() -> errorText(w))).contains(message).contains("nothing computed");
        Button retry = fx(() -> (Button) w.stage().getScene().lookup("#impactRunWithoutBad"));
        assertThat(fx(retry::isVisible)).isTrue();
        assertThat(fx(() -> ((Button) w.stage().getScene().lookup("#impactExportCsv")).isDisabled())).isTrue();

        // the analyst asks: the run goes on without it, and says so
        robot.interact(retry::fire);
        ImpactService.Outcome o = settled(w, null);
        assertThat(o).isNotNull();
        assertThat(o.result().summary().accounts()).isEqualTo(49);
        assertThat(o.result().summary().skipped()).singleElement().asString().startsWith("acct-000007: ")
                .contains("line 2");
        assertThat(fx(() -> ((Label) w.stage().getScene().lookup("#impactCaption")).getText()))
                .contains("1 bad account(s) left out");
        StringWriter out = new StringWriter();
        assertThat(cli(out, new StringWriter(), impactArgs(base, "--skip-bad", "--json", "-")
                .toArray(String[]::new))).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(total(w, "Maintenance margin (USD)", 1)).isEqualTo(Formats.money(j.get("policies").get(0)
                .get("maintenanceMargin").asDouble()));
        assertThat(fx(() -> errorText(w))).isEmpty();
    }

    /** Cancel stops the run off the FX thread: nothing is shown, and the window says so. */
    @Test
    void aRunCanBeCancelled(FxRobot robot, @TempDir Path dir) throws Exception {
        Path base = generate(dir);
        ImpactWindow w = runWindow(robot, base, true);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> w.service().isRunning()));
        robot.interact(() -> ((Button) w.stage().getScene().lookup("#impactCancel")).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !w.service().isRunning()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> w.service().getState())).isEqualTo(javafx.concurrent.Worker.State.CANCELLED);
        assertThat(fx(() -> w.outcomeProperty().get())).isNull();
        assertThat(fx(() -> ((Label) w.stage().getScene().lookup("#impactStatus")).getText()))
                .isEqualTo("Cancelled: nothing computed");
        assertThat(fx(() -> ((Button) w.stage().getScene().lookup("#impactExportPdf")).isDisabled())).isTrue();
    }

    /** File > Open Client Base… is in the File menu. */
    @Test
    void theFileMenuOpensAClientBase() {
        MenuBar bar = fx(() -> (MenuBar) stage.getScene().getRoot().lookup(".menu-bar"));
        assertThat(fx(() -> bar.getMenus().get(0).getItems().stream()
                .anyMatch(i -> "openClientBaseItem".equals(i.getId()) && i.getText().equals("Open Client Base…"))))
                .isTrue();
    }
}
