package io.marginscope.ui.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.ui.backtest.BacktestView;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.risk.RiskRun;
import io.marginscope.ui.workbook.LoadedHistory;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workstation started as {@code bin/marginscope} starts it, with no {@code --history}: it opens the
 * program's own closes off the FX thread, names them and their range, and the Backtest tab of the sample
 * book shows a result, the one {@code marginscope backtest} prints without {@code --history}. Runs that can
 * do without a history get none, as on the command line.
 */
class FirstStartHistoryTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-first-start-" + ProcessHandle.current().pid();

    @Start
    void start(Stage stage) {
        openAsTheProgram(stage, PREFS);
    }

    /** The first and the last date of the bundled files, read here from the resources as lines. */
    private static LocalDate[] bundledRange() throws Exception {
        LocalDate first = null;
        LocalDate last = null;
        for (String name : List.of("BTC-USD.daily.csv", "ETH-USD.daily.csv", "SOL-USD.daily.csv")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    FirstStartHistoryTest.class.getResourceAsStream("/io/marginscope/history/" + name),
                    StandardCharsets.UTF_8))) {
                List<String> rows = r.lines().skip(1).filter(l -> !l.isBlank()).toList();
                LocalDate a = LocalDate.parse(rows.getFirst().substring(0, 10));
                LocalDate b = LocalDate.parse(rows.getLast().substring(0, 10));
                first = first == null || a.isBefore(first) ? a : first;
                last = last == null || b.isAfter(last) ? b : last;
            }
        }
        return new LocalDate[] {first, last};
    }

    @Test
    void theSampleOpensWithTheBundledClosesAndTheBacktestTabShowsAResult(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> model.current() != null
                && window.risk().historyProperty().get() != null));
        LoadedHistory h = fx(() -> window.risk().historyProperty().get());
        assertThat(h.isBundled()).isTrue();
        LocalDate[] range = bundledRange();
        String named = "bundled daily closes BTC/ETH/SOL " + range[0] + "\u2013" + range[1];
        assertThat(h.describe()).isEqualTo(named);
        assertThat(fx(() -> robot.lookup("#historyLabel").queryAs(Label.class).getText())).startsWith(named);
        assertThat(fx(() -> robot.lookup("#historyInUse").queryAs(Label.class).getText()))
                .isEqualTo("history: bundled " + range[0] + "\u2013" + range[1]);

        // the delta-normal risk run and the ramm margin run can do without a history: they get none
        // (the figures of 'marginscope compute' without --history)
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> {
            RiskRun r = window.risk().run();
            MarginRun m = window.marginWorkspace().margin().run();
            return r != null && m != null && !window.risk().service().isRunning()
                    && !window.marginWorkspace().margin().service().isRunning();
        }));
        assertThat(fx(() -> window.risk().run().request().history())).isNull();
        assertThat(fx(() -> window.marginWorkspace().margin().run().request().history())).isNull();

        robot.clickOn("#backtestTab");
        BacktestView view = window.marginWorkspace().backtest();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> fx(() -> !view.service().isRunning()
                && view.service().getValue() != null));
        WaitForAsyncUtils.waitForFxEvents();
        RollingBacktest.Result shown = fx(() -> view.service().getValue());
        assertThat(fx(() -> view.notice().getText())).doesNotContain("needs a price history", "not run");
        assertThat(fx(() -> view.chart().isVisible())).isTrue();
        assertThat(fx(() -> ((Label) view.lookup("#backtestSettings")).getText())).endsWith("price history: " + named);

        // what 'marginscope backtest' prints for the sample without --history (its bundled closes)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MarginScopeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("backtest", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString())).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("observations").asInt()).isGreaterThan(100);
        assertThat(shown.report().observations()).isEqualTo(json.get("observations").asInt());
        assertThat(shown.report().exceptions()).isEqualTo(json.get("exceptions").asInt());
        assertThat(shown.report().trafficLight().zoneName()).isEqualTo(json.get("trafficLight").asText());
        assertThat(fx(() -> ((Label) view.lookup("#trafficLight")).getText())).isEqualTo(json.get("trafficLight").asText());
        assertThat(fx(() -> view.chart().getData().get(2).getData().size())).isEqualTo(shown.report().exceptions());
    }
}
