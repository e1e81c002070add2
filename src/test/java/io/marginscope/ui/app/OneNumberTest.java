package io.marginscope.ui.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.io.BundledHistory;
import io.marginscope.io.PolicyPresets;
import io.marginscope.io.SampleBooks;
import io.marginscope.io.TextSource;
import io.marginscope.margin.PolicyComparison;
import io.marginscope.report.Fmt;
import io.marginscope.report.PdfReport;
import io.marginscope.store.SessionSummary;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.policies.PoliciesView;
import io.marginscope.ui.workbook.BookRequest;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One run, one set of numbers: each sample under each policy preset, every figure the workstation shows
 * for a quantity (the header, the risk tiles, the margin tiles, the Policies tab, the session list and the
 * reopened session, the PDF export) against the CLI's {@code compute --policy} JSON for the same book,
 * market, history and settings, in the display format of each place.
 */
class OneNumberTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-one-number-" + ProcessHandle.current().pid();

    private static final ObjectMapper JSON = new ObjectMapper();

    private MarginWorkspace workspace;

    @Start
    void start(Stage stage) throws Exception {
        freshDataDir("ms-one-number");
        open(stage, PREFS);
    }

    @Override
    protected void opened() {
        workspace = window.marginWorkspace();
    }

    private MarginRun settledMargin(String book, String policy) throws Exception {
        MarginViewModel m = workspace.margin();
        return settled(180, m::run, m.service(), m.staleProperty(),
                r -> r.request().book().name().equals(book) && r.request().policy().name().equals(policy));
    }

    private void settledRisk(String book) throws Exception {
        var risk = window.risk();
        settled(180, risk::run, risk.service(), risk.staleProperty(),
                r -> r.request().book().name().equals(book));
    }

    /** The CLI's compute JSON for a sample under a policy, with the history the workstation uses (if any). */
    private static JsonNode cli(String file, String policy, Path history) {
        String stem = file.substring(0, file.lastIndexOf('.'));
        List<String> a = new ArrayList<>(List.of("compute", "--portfolio", SAMPLES.resolve(file).toString(),
                "--market", SAMPLES.resolve(stem + ".market.json").toString()));
        if (policy != null) {
            a.addAll(List.of("--policy", policy));
        }
        if (history != null) {
            a.addAll(List.of("--history", history.toString()));
        }
        var cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute(a.toArray(String[]::new))).as(err.toString()).isZero();
        try {
            return JSON.readTree(out.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The bundled closes written as files, for the CLI, when the workstation runs on them. */
    private static Path bundledFolder(Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bundled"));
        for (TextSource s : BundledHistory.sources()) {
            Files.writeString(folder.resolve(s.name().substring(s.name().lastIndexOf('/') + 1)), s.text());
        }
        return folder;
    }

    private Path historyFor(MarginRun run, Path dir) throws Exception {
        if (run.request().history() == null) {
            return null;
        }
        // the workstation runs on a history: the CLI must see the same closes
        var files = fx(() -> window.risk().historyProperty().get());
        if (files != null && files.file() != null && Files.exists(files.file())) {
            return files.file();
        }
        return bundledFolder(dir);
    }

    private static boolean has(JsonNode j, String field) {
        return j.has(field) && j.get(field).isNumber();
    }

    @Test
    void everySampleUnderEveryPolicyShowsTheCliFiguresEverywhere(FxRobot robot, @TempDir Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String file : SampleBooks.names()) {
            String book = SampleBooks.load(file).book().value().name();
            robot.interact(() -> model.load(new BookRequest.Sample(file)));
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> model.current() != null
                    && model.current().book().name().equals(book)));
            settledRisk(book);
            for (String policy : PolicyPresets.available()) {
                robot.interact(() -> workspace.chooser().presets().getSelectionModel().select(policy));
                MarginRun run = settledMargin(book, policy);
                settledRisk(book);
                WaitForAsyncUtils.waitForFxEvents();
                JsonNode j = cli(file, policy, historyFor(run, dir));
                String at = book + " / " + policy + ": ";

                // the header and the Risk tab's tiles: the analyst's settings, which compute without a policy
                // reports (under a policy with a base, compute reports that base's VaR and ES instead, with
                // its parameters: a different figure on purpose, and the tiles' titles say which is shown)
                JsonNode analyst = cli(file, null, historyFor(run, dir));
                check(problems, at + "header equity", fx(() -> robot.lookup("#equityValue").queryAs(Label.class)
                        .getText()), Formats.money(j.get("equity").asDouble()));
                check(problems, at + "VaR tile", fx(() -> window.tiles().varValue()), analyst.get("var").asDouble());
                check(problems, at + "ES tile", fx(() -> window.tiles().esValue()), analyst.get("es").asDouble());
                String title = fx(() -> window.tiles().varTileNode().getTitle());
                JsonNode p = analyst.get("parameters");
                check(problems, at + "VaR tile's title names the confidence and horizon",
                        title.contains(Formats.confidence(p.get("confidence").asDouble()))
                                && title.contains(p.get("horizonDays").asInt() + (p.get("horizonDays").asInt() == 1 ? " day" : " days"))
                                ? "yes" : title, "yes");

                // the margin tiles: MM and IM bars, the ratio gauge, in the one display format of each
                String mm = has(j, "maintenanceMargin") ? String.format(java.util.Locale.getDefault(
                        java.util.Locale.Category.FORMAT), "%,.0f", j.get("maintenanceMargin").asDouble())
                        : "n/a (not covered)";
                String im = has(j, "initialMargin") ? String.format(java.util.Locale.getDefault(
                        java.util.Locale.Category.FORMAT), "%,.0f", j.get("initialMargin").asDouble())
                        : "n/a (not covered)";
                check(problems, at + "MM bar", fx(() -> workspace.tiles().mmText()), mm);
                check(problems, at + "IM bar", fx(() -> workspace.tiles().imText()), im);
                check(problems, at + "ratio gauge", fx(() -> workspace.tiles().ratioText()),
                        has(j, "marginRatio") ? Formats.ratio(j.get("marginRatio").asDouble()) : "n/a");
                check(problems, at + "zone", run.margin().zone().name(), j.get("zone").asText());
            }

            // the Policies tab: one row per preset, each the CLI's figure for that policy
            robot.clickOn("#policiesTab");
            PoliciesView view = workspace.policies();
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                    && view.table().getItems().size() == PolicyPresets.available().size()));
            WaitForAsyncUtils.waitForFxEvents();
            TableView<PolicyComparison.Row> table = view.table();
            Path history = historyFor(fx(() -> workspace.margin().run()), dir);
            for (int i = 0; i < PolicyPresets.available().size(); i++) {
                int row = i;
                String policy = fx(() -> table.getItems().get(row).policy());
                JsonNode j = cli(file, policy, history);
                String at = book + " / Policies tab / " + policy + ": ";
                check(problems, at + "MM", fx(() -> shown(table, "mmColumn", row)),
                        has(j, "maintenanceMargin") ? Formats.money(j.get("maintenanceMargin").asDouble()) : "n/a");
                check(problems, at + "ratio", fx(() -> shown(table, "ratioColumn", row)),
                        has(j, "marginRatio") ? Formats.ratio(j.get("marginRatio").asDouble()) : "n/a");
                check(problems, at + "coverage", fx(() -> table.getItems().get(row).coverage().status()),
                        j.get("coverage").get("status").asText());
            }
            robot.clickOn("#marginTab");
        }
        assertThat(problems).as("figures that differ from the CLI's").isEmpty();
    }

    @Test
    void aSessionAndThePdfCarryTheFiguresOfThePolicyOnShow(FxRobot robot, @TempDir Path dir) throws Exception {
        String file = SampleBooks.DEFAULT;
        String book = SampleBooks.load(file).book().value().name();
        String policy = "span";
        robot.interact(() -> workspace.chooser().presets().getSelectionModel().select(policy));
        MarginRun run = settledMargin(book, policy);
        settledRisk(book);
        JsonNode j = cli(file, policy, historyFor(run, dir));
        double mm = j.get("maintenanceMargin").asDouble();
        double es = j.get("es").asDouble();
        assertThat(run.margin().maintenanceMargin()).isEqualTo(mm);

        // the session list shows the figures of the policy on show, not of another
        AtomicReference<Object> saved = new AtomicReference<>();
        robot.interact(() -> window.sessions().save("one number", saved::set));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> saved.get() != null);
        robot.interact(() -> window.sessions().showWindow());
        @SuppressWarnings("unchecked")
        TableView<SessionSummary> sessions = robot.lookup("#sessionTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> sessions.getItems().size() == 1));
        SessionSummary listed = fx(() -> sessions.getItems().getFirst());
        assertThat(listed.policy()).isEqualTo(policy);
        assertThat(listed.maintenanceMargin()).isEqualTo(mm);
        assertThat(listed.es()).isEqualTo(es);
        assertThat(fx(() -> cellText(sessions, "MM"))).isEqualTo(Formats.money(mm));

        // move away (another policy), then reopen: the numbers it was listed with come back
        robot.interact(() -> workspace.chooser().presets().getSelectionModel().select("ramm"));
        settledMargin(book, "ramm");
        robot.interact(() -> sessions.getSelectionModel().select(0));
        robot.clickOn("#openSession");
        Label status = robot.lookup("#sessionStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(status::getText).contains("reproduce"));
        assertThat(fx(status::getText)).contains("the stored results reproduce exactly");
        MarginRun reopened = settledMargin(book, policy);
        settledRisk(book);
        assertThat(reopened.margin().maintenanceMargin()).isEqualTo(listed.maintenanceMargin());
        assertThat(fx(() -> window.risk().run().result().es())).isEqualTo(listed.es());
        assertThat(fx(() -> workspace.tiles().mmText())).isEqualTo(String.format(java.util.Locale.getDefault(
                java.util.Locale.Category.FORMAT), "%,.0f", mm));

        // the PDF exported from the workstation: the same policy and figures
        Path pdf = dir.resolve("report.pdf");
        robot.interact(() -> window.exports().exportPdf(pdf, PdfReport.PageSize.A4));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Files.exists(pdf)
                && !fx(() -> window.exports().service().isRunning()));
        String text;
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(d);
        }
        assertThat(text).contains(policy, Fmt.money(mm), Fmt.money(j.get("initialMargin").asDouble()),
                Fmt.pct(j.get("marginRatio").asDouble()), Fmt.money(j.get("var").asDouble()), Fmt.money(es));
    }

    private static String cellText(TableView<?> t, String title) {
        for (TableColumn<?, ?> c : t.getColumns()) {
            if (title.equals(c.getText())) {
                Object v = c.getCellData(0);
                return v instanceof Number n ? Formats.money(n.doubleValue()) : String.valueOf(v);
            }
        }
        throw new AssertionError("no column " + title);
    }

    /** The text the table's cell shows (the cell factory's rendering), found among the visible cells. */
    private static String shown(TableView<PolicyComparison.Row> table, String columnId, int row) {
        table.applyCss();
        table.layout();
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                    && columnId.equals(c.getTableColumn().getId()) && c.getIndex() == row) {
                return c.getText();
            }
        }
        throw new AssertionError("no visible cell " + columnId + " row " + row);
    }

    private static void check(List<String> problems, String what, String shown, String expected) {
        if (!expected.equals(shown)) {
            problems.add(what + " shows '" + shown + "', the CLI gives '" + expected + "'");
        }
    }

    private static void check(List<String> problems, String what, double shown, double expected) {
        if (Double.compare(shown, expected) != 0) {
            problems.add(what + " shows " + shown + ", the CLI gives " + expected);
        }
    }
}
