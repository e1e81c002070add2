package io.marginscope.ui.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.CrossMargin;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.io.SampleBooks;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCombination;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.app.WorkstationTestBase;

/**
 * The Accounts window, headless (Monocle), on the default sample book (btc-short-strangle) with
 * eth-perp-leveraged added: each row is {@link CrossMargin#of} on the same inputs and the book margined
 * alone; the cross-margined row and the netting benefit are what {@code compute --portfolio A --portfolio
 * B --policy P} prints; a file that does not read leaves the accounts as they were.
 */
class AccountsWindowTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-accounts-" + ProcessHandle.current().pid();
    private static final String A = "btc-short-strangle.csv";
    private static final String B = "eth-perp-leveraged.csv";

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    private MenuItem accountsItem() {
        MenuBar bar = (MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
        for (Menu m : bar.getMenus()) {
            for (MenuItem i : m.getItems()) {
                if ("accountsItem".equals(i.getId())) {
                    return i;
                }
            }
        }
        throw new AssertionError("no View > Accounts…");
    }

    /** Opens the window from View > Accounts… and adds the second book; waits for the settled run. */
    private AccountsWindow openWithTwoAccounts(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current() != null));
        MenuItem item = fx(this::accountsItem);
        assertThat(item.getText()).isEqualTo("Accounts…");
        assertThat(item.getAccelerator()).isEqualTo(KeyCombination.keyCombination("Shortcut+Shift+A"));
        robot.interact(item::fire);
        AccountsWindow w = fx(window::accounts);
        assertThat(fx(() -> w.stage().isShowing())).isTrue();
        robot.interact(() -> w.addSample(B));
        settled(w, 2);
        return w;
    }

    private static AccountsService.Run settled(AccountsWindow w, int accounts) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> {
            AccountsService.Run r = w.runProperty().get();
            return r != null && r.request().accounts().size() == accounts && !w.service().isRunning()
                    && w.loadsInFlight() == 0;
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> w.runProperty().get());
    }

    private static JsonNode cli(String policy) throws Exception {
        CommandLine cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("compute", "--portfolio", SAMPLES.resolve(A).toString(), "--portfolio",
                SAMPLES.resolve(B).toString(), "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(),
                "--market", SAMPLES.resolve("eth-perp-leveraged.market.json").toString(), "--policy", policy);
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    @SuppressWarnings("unchecked")
    private static String cell(AccountsWindow w, String column, int row) {
        return fx(() -> {
            TableView<AccountsWindow.Row> t = (TableView<AccountsWindow.Row>) w.stage().getScene().lookup("#accountsTable");
            for (TableColumn<AccountsWindow.Row, ?> c : t.getColumns()) {
                if (c.getText().equals(column)) {
                    return String.valueOf(c.getCellData(row));
                }
            }
            throw new AssertionError("no column " + column);
        });
    }

    @Test
    void accountsEqualTheEngineTheBooksAloneAndTheCli(FxRobot robot) throws Exception {
        AccountsWindow w = openWithTwoAccounts(robot);
        AccountsService.Run run = settled(w, 2);
        Policy policy = fx(() -> window.marginWorkspace().margin().policy());
        String policyRef = fx(() -> window.marginWorkspace().margin().policyRefProperty().get());
        MarginCalculator.Settings settings = new MarginCalculator.Settings(10_000, 42L);
        assertThat(run.request().policy()).isSameAs(policy);
        assertThat(run.request().settings()).isEqualTo(settings);
        assertThat(run.request().history()).isNull();

        // the same inputs, computed here directly
        SampleBooks.Sample a = SampleBooks.load(A);
        SampleBooks.Sample b = SampleBooks.load(B);
        List<CrossMargin.Account> accounts = List.of(
                new CrossMargin.Account("btc-short-strangle", a.book().value(), a.market().value()),
                new CrossMargin.Account("eth-perp-leveraged", b.book().value(), b.market().value()));
        CrossMargin.Result direct = CrossMargin.of(accounts, null, policy, settings);
        List<AccountsWindow.Row> rows = fx(() -> List.copyOf(w.rows()));
        assertThat(rows).hasSize(3);
        for (int i = 0; i < 2; i++) {
            BookFigures shown = rows.get(i).figures();
            assertThat(rows.get(i).name()).isEqualTo(accounts.get(i).name());
            assertThat(shown.margin()).isEqualTo(direct.accounts().get(i).margin());
            // the invariant: an account is its book margined alone
            BookFigures alone = BookFigures.of(accounts.get(i).book(), accounts.get(i).market(), null, policy, settings);
            assertThat(shown.margin()).isEqualTo(alone.margin());
            assertThat(cell(w, "MM", i)).isEqualTo(Formats.money(alone.maintenanceMargin()));
            assertThat(cell(w, "Positions", i)).isEqualTo(Integer.toString(accounts.get(i).book().size()));
        }
        assertThat(rows.get(2).name()).isEqualTo(AccountsWindow.TOTAL);
        assertThat(rows.get(2).figures().margin()).isEqualTo(direct.combined().margin());

        // the CLI on the same files and policy
        JsonNode j = cli(policyRef);
        for (int i = 0; i < 2; i++) {
            JsonNode acc = j.get("accounts").get(i);
            BookFigures shown = rows.get(i).figures();
            assertThat(shown.maintenanceMargin()).isCloseTo(acc.get("maintenanceMargin").asDouble(), within(1e-6));
            assertThat(shown.equity()).isCloseTo(acc.get("equity").asDouble(), within(1e-6));
        }
        JsonNode combined = j.get("combined");
        BookFigures total = rows.get(2).figures();
        assertThat(total.maintenanceMargin()).isCloseTo(combined.get("maintenanceMargin").asDouble(), within(1e-6));
        assertThat(total.equity()).isCloseTo(combined.get("equity").asDouble(), within(1e-6));
        assertThat(total.margin().initialMargin()).isCloseTo(combined.get("initialMargin").asDouble(), within(1e-6));
        assertThat(run.result().nettingBenefit()).isCloseTo(j.get("nettingBenefit").asDouble(), within(1e-6));
        assertThat(cell(w, "MM", 2)).isEqualTo(Formats.money(combined.get("maintenanceMargin").asDouble()));
        assertThat(cell(w, "IM", 2)).isEqualTo(Formats.money(combined.get("initialMargin").asDouble()));
        String line = fx(() -> ((Label) w.stage().getScene().lookup("#nettingBenefit")).getText());
        assertThat(line).isEqualTo("Sum of accounts' MM " + Formats.money(j.get("accountsMaintenanceMargin").asDouble())
                + " − cross-margined MM " + Formats.money(combined.get("maintenanceMargin").asDouble())
                + " = netting benefit " + Formats.money(j.get("nettingBenefit").asDouble()) + " ("
                + Formats.percent(j.get("nettingBenefit").asDouble() / j.get("accountsMaintenanceMargin").asDouble())
                + " of the sum)");
        // the chart: one bar per account, the sum and the combined
        assertThat(fx(() -> ((javafx.scene.chart.BarChart<?, ?>) w.stage().getScene().lookup("#accountsChart"))
                .getData().get(0).getData().size())).isEqualTo(4);
    }

    @Test
    void aFileThatDoesNotReadKeepsTheAccounts(FxRobot robot, @TempDir Path dir) throws Exception {
        AccountsWindow w = openWithTwoAccounts(robot);
        List<AccountsWindow.Row> before = fx(() -> List.copyOf(w.rows()));
        Path bad = dir.resolve("broken-book.csv");
        Files.writeString(bad, "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n"
                + "p1,ETH,PERP,,,lots,3020,LINEAR\n");
        robot.interact(() -> w.addFile(bad));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> w.loadsInFlight() == 0));
        WaitForAsyncUtils.waitForFxEvents();
        String error = fx(() -> ((Label) w.stage().getScene().lookup("#accountsError")).getText());
        assertThat(error).contains("broken-book.csv").contains("line 2").contains("quantity");
        assertThat(fx(() -> w.added().size())).isEqualTo(1);
        assertThat(fx(() -> List.copyOf(w.rows()))).isEqualTo(before);
        assertThat(fx(() -> w.service().isRunning())).isFalse();

        // the book on show is the first account and follows it; removing the added one leaves it alone
        robot.interact(() -> w.remove(1));
        AccountsService.Run one = settled(w, 1);
        assertThat(one.result().accounts().get(0).book()).isSameAs(fx(() -> model.current().book()));
        assertThat(one.result().nettingBenefit()).isCloseTo(0, within(1e-6));
    }
}
