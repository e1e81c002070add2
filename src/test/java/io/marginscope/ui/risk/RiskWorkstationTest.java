package io.marginscope.ui.risk;

import eu.hansolo.tilesfx.Tile;
import io.marginscope.model.Loaded;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.app.Theme;
import io.marginscope.ui.app.WorkstationTestBase;

/**
 * The risk part of the workstation, headless (Monocle), on the default sample book: every number
 * on show is compared with the engine called directly with the same inputs.
 */
class RiskWorkstationTest extends WorkstationTestBase {

    private RiskViewModel risk;

    @Start
    void start(Stage stage) {
        open(stage, SHARED_PREFS);
    }

    @Override
    protected void opened() {
        risk = window.risk();
    }

    // ---- helpers ----

    /** Waits until a run matching the test has finished and nothing is pending or running. */
    private RiskRun settled(Predicate<RiskRun> done) throws Exception {
        return settled(60, risk::run, risk.service(), risk.staleProperty(), done);
    }

    private RiskRun firstRun() throws Exception {
        return settled(r -> r.request().book().size() == 7);
    }

    private RiskResult engine(RiskParameters p, Loaded<PriceHistory> history) {
        return engine(model.current().book(), model.current().market(), p, history);
    }

    private static RiskResult engine(Portfolio book, MarketSnapshot market, RiskParameters p,
                                     Loaded<PriceHistory> history) {
        return new RiskEngine().compute(book, market, FactorModel.build(book, market, history, p), p,
                RiskProgress.NONE);
    }

    private static List<String> texts(Node node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Text t && t.isVisible()) {
            out.add(t.getText());
        }
        if (node instanceof Label l && l.isVisible()) {
            out.add(l.getText());
        }
        if (node instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                out.addAll(texts(c));
            }
        }
        return out;
    }

    /** The font size of the text showing the given string inside a node. */
    private static double valueFontSize(Node node, String shown) {
        if (node instanceof Text t && shown.equals(t.getText())) {
            return t.getFont().getSize();
        }
        if (node instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                double s = valueFontSize(c, shown);
                if (s > 0) {
                    return s;
                }
            }
        }
        return 0;
    }

    /** Scrolls the settings panel until one of its nodes is in view, as the analyst would. */
    private void scrollPanelTo(FxRobot robot, String query) {
        robot.interact(() -> {
            javafx.scene.control.ScrollPane panel =
                    (javafx.scene.control.ScrollPane) stage.getScene().lookup("#riskPanel");
            Node target = panel.lookup(query);
            Node content = panel.getContent();
            double y = content.sceneToLocal(target.localToScene(0, 0)).getY();
            double scrollable = content.getLayoutBounds().getHeight() - panel.getViewportBounds().getHeight();
            panel.setVvalue(scrollable <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / scrollable)));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ---- tests ----

    @Test
    void theVarTileShowsTheEnginesValueAfterAConfidencePreset(FxRobot robot) throws Exception {
        RiskRun first = firstRun();
        assertThat(first.result().parameters()).isEqualTo(RiskParameters.defaults());

        robot.clickOn("#preset-97-5");
        RiskRun run = settled(r -> r.result().parameters().confidence() == 0.975);

        RiskResult expected = engine(RiskParameters.defaults().withConfidence(0.975), null);
        Tile var = window.tiles().varTileNode();
        Tile es = window.tiles().esTileNode();
        assertThat(fx(var::getValue)).isEqualTo(expected.var());
        assertThat(fx(es::getValue)).isEqualTo(expected.es());
        assertThat(run.result().var()).isEqualTo(expected.var());
        String shown = new DecimalFormat(RiskTiles.MONEY_PATTERN).format(expected.var());
        assertThat(fx(() -> texts(var))).contains(shown);
        assertThat(fx(var::getTitle)).isEqualTo("VaR " + Formats.confidence(0.975) + " · 2 days");
        assertThat(fx(var::getTooltip)).isSameAs(window.tiles().varHelp());
        assertThat(fx(() -> window.tiles().varHelp().getText())).contains("Delta-normal", "Cornish-Fisher");
        assertThat(robot.lookup("#confidenceValue").queryAs(Label.class).getText()).isEqualTo(Formats.confidence(0.975));
        assertThat(fx(() -> robot.lookup("#computeTime").queryAs(Label.class).getText())).matches("last run [\\d,]+ ms");
        assertThat(fx(() -> robot.lookup("#inputsAsOf").queryAs(Label.class).getText()))
                .isEqualTo("inputs as of 2024-11-20 08:00 UTC");
    }

    @Test
    void draggingTheSliderRunsOnceForTheLastPosition(FxRobot robot) throws Exception {
        firstRun();
        Slider slider = robot.lookup("#confidenceSlider").queryAs(Slider.class);
        int before = fx(risk::runsStarted);
        // a drag: 61 positions, one event each, about 5 ms apart (well inside the 150 ms pause)
        List<Long> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i <= 60; i++) {
            double v = 0.95 + i * 0.0007;
            Platform.runLater(() -> {
                slider.setValue(v);
                applied.add(System.nanoTime());
            });
            Thread.sleep(5);
        }
        RiskRun run = settled(r -> r.result().parameters().confidence() == 0.992);
        // one run for the drag, plus one for each gap the machine made longer than the pause
        long gaps = 0;
        for (int i = 1; i < applied.size(); i++) {
            gaps += applied.get(i) - applied.get(i - 1) >= RiskViewModel.DEBOUNCE_MS * 1_000_000L ? 1 : 0;
        }
        assertThat(fx(risk::runsStarted) - before).isBetween(1, (int) (1 + gaps));
        assertThat(fx(window.tiles().varTileNode()::getValue))
                .isEqualTo(engine(RiskParameters.defaults().withConfidence(0.992), null).var());
        assertThat(run.result().parameters().confidence()).isEqualTo(0.992);
    }

    @Test
    @SuppressWarnings("unchecked")
    void monteCarloShowsTheHistogramAndParametricSaysWhyNot(FxRobot robot) throws Exception {
        firstRun();
        assertThat(robot.lookup("#histogramNote").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#histogramNote").queryAs(Label.class).getText()).contains("closed form");
        assertThat(fx(() -> window.charts().histogram().isVisible())).isFalse();

        ComboBox<RiskMethod> method = robot.lookup("#methodCombo").queryAs(ComboBox.class);
        robot.interact(() -> method.setValue(RiskMethod.MONTECARLO));
        RiskRun run = settled(r -> r.result().parameters().method() == RiskMethod.MONTECARLO);

        RiskResult expected = engine(RiskParameters.defaults().withMethod(RiskMethod.MONTECARLO), null);
        assertThat(run.result().pnl()).hasSize(10_000);
        assertThat(fx(window.tiles().varTileNode()::getValue)).isEqualTo(expected.var());
        assertThat(fx(window.tiles().esTileNode()::getValue)).isEqualTo(expected.es());
        assertThat(fx(() -> window.charts().histogram().isVisible())).isTrue();
        assertThat(fx(() -> window.charts().histogram().binCount())).isEqualTo(RiskService.HISTOGRAM_BINS);
        assertThat(robot.lookup("#histogramNote").queryAs(Label.class).isVisible()).isFalse();
        assertThat(fx(() -> texts(window.charts().histogram())))
                .contains("VaR " + Formats.money(expected.var()), "ES " + Formats.money(expected.es()));
        assertThat(fx(() -> window.tiles().varHelp().getText())).contains("k = ceil(n(1 - c))", "n = " + Formats.count(10_000),
                "k = 100");
        assertThat(fx(() -> window.charts().components().barCount())).isEqualTo(7);
        assertThat(fx(() -> window.charts().correlation().size())).isEqualTo(2);
    }

    /**
     * The FX thread answers posted runnables within 250 ms while a 1,000,000-scenario Monte Carlo run
     * (2-3 s) is in flight: a run on the FX thread would hold one answer for the whole run. The bound is
     * not a frame budget (this is no timing benchmark): the merged workstation's answers were 56-74 ms at
     * worst on a quiet 2-core machine, a redraw of the charts, not a computation.
     *
     * <p>This machine is shared (2 cores, other work on them): now and then it leaves a whole
     * process, or the render thread the FX thread waits for, unscheduled for tens or hundreds of
     * milliseconds, which says nothing about the workstation. So each FX probe has a twin posted
     * at the same moment to a plain thread of this JVM (the control), and up to three runs are
     * measured (a new seed each, so the scenarios are generated afresh). The test passes as soon
     * as one run has every FX answer within the bound. If none has, it fails when some run had a slow
     * FX answer while the control was prompt (the FX side was held up), and is skipped as not
     * measurable when every slow answer came with a stalled control. Every run's figures are
     * printed.
     */
    @Test
    void theFxThreadStaysResponsiveWhileABigMonteCarloRunIsInFlight() throws Exception {
        firstRun();
        robot().interact(() -> {
            risk.scenariosProperty().set(1_000_000);
            risk.methodProperty().set(RiskMethod.MONTECARLO);
        });
        ExecutorService control = Executors.newSingleThreadExecutor();
        try {
            List<Latency> runs = new ArrayList<>();
            for (int attempt = 0; attempt < 3; attempt++) {
                if (attempt > 0) {
                    long seed = 42 + attempt;
                    robot().interact(() -> risk.seedProperty().set(seed));
                }
                Latency l = measureDuringRun(control);
                runs.add(l);
                System.out.println("FX thread latency during a 1,000,000-scenario Monte Carlo run: " + l);
                assertThat(l.probes()).as("probes answered while the run was in flight").isGreaterThanOrEqualTo(10);
                if (l.max() < LATENCY_LIMIT_MS) {
                    return;
                }
            }
            assertThat(runs).as("runs with an FX answer over " + LATENCY_LIMIT_MS + " ms while the control thread was prompt")
                    .allMatch(l -> l.slowWithPromptControl() == 0);
            Assumptions.abort("the machine stalled this JVM in every run (control thread too): " + runs);
        } finally {
            control.shutdownNow();
        }
    }

    private static final double LATENCY_LIMIT_MS = 250;

    private static FxRobot robot() {
        return new FxRobot();
    }

    /**
     * FX-thread answer times of one run: probe count, median and max in ms, the slowest answer of
     * the control thread, how many FX answers over the limit had a control answer under half of it,
     * and the run's own time.
     */
    record Latency(int probes, double median, double max, double controlMax, int slowWithPromptControl,
                   long runMillis) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "run %d ms, %d probes, median %.2f ms, max %.2f ms (control thread max %.2f ms)",
                    runMillis, probes, median, max, controlMax);
        }
    }

    private Latency measureDuringRun(ExecutorService control) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> risk.service().isRunning()));
        // Each probe notes when it was queued and when it ran; timing starts once runLater has
        // returned, so a pause of this test thread is not counted.
        List<Double> fxTimes = new ArrayList<>();
        double controlMax = 0;
        int slowWithPromptControl = 0;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && fxTimes.size() < 150) {
            CountDownLatch answered = new CountDownLatch(2);
            long[] ran = new long[2];
            boolean[] running = new boolean[1];
            Platform.runLater(() -> {
                ran[0] = System.nanoTime();
                running[0] = risk.service().isRunning();
                answered.countDown();
            });
            long queued = System.nanoTime();
            control.execute(() -> {
                ran[1] = System.nanoTime();
                answered.countDown();
            });
            long controlQueued = System.nanoTime();
            assertThat(answered.await(5, TimeUnit.SECONDS)).isTrue();
            if (!running[0]) {
                break;
            }
            double fxMs = Math.max(0, ran[0] - queued) / 1e6;
            double controlMs = Math.max(0, ran[1] - controlQueued) / 1e6;
            fxTimes.add(fxMs);
            controlMax = Math.max(controlMax, controlMs);
            if (fxMs >= LATENCY_LIMIT_MS && controlMs < LATENCY_LIMIT_MS / 2) {
                slowWithPromptControl++;
            }
            Thread.sleep(15);
        }
        long seed = fx(() -> risk.seedProperty().get());
        RiskRun run = settled(r -> r.result().parameters().scenarios() == 1_000_000
                && r.result().parameters().seed() == seed);
        assertThat(run.result().pnl()).hasSize(1_000_000);
        List<Double> sorted = fxTimes.stream().sorted().toList();
        return new Latency(sorted.size(), sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? Double.NaN : sorted.getLast(), controlMax, slowWithPromptControl,
                run.elapsedMillis());
    }

    @Test
    @SuppressWarnings("unchecked")
    void historicalSimulationAsksForAPriceHistoryThenUsesIt(FxRobot robot) throws Exception {
        firstRun();
        ComboBox<RiskMethod> method = robot.lookup("#methodCombo").queryAs(ComboBox.class);
        robot.interact(() -> method.setValue(RiskMethod.HISTORICAL));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> risk.noticeProperty().get().contains("needs a price history")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#riskNotice").queryAs(Label.class).isVisible()).isTrue();
        assertThat(fx(risk::run)).isNull();
        assertThat(fx(window.tiles().varTileNode()::isValueVisible)).isFalse();

        Path file = syntheticBtcHistory();
        robot.interact(() -> window.openDropped(file));
        RiskRun run = settled(r -> r.result().parameters().method() == RiskMethod.HISTORICAL);

        Loaded<PriceHistory> history = PriceHistoryFiles.read(file);
        RiskResult expected = engine(RiskParameters.defaults().withMethod(RiskMethod.HISTORICAL), history);
        assertThat(fx(window.tiles().varTileNode()::getValue)).isEqualTo(expected.var());
        assertThat(fx(window.tiles().esTileNode()::getValue)).isEqualTo(expected.es());
        assertThat(fx(() -> robot.lookup("#riskNotice").queryAs(Label.class).isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#inputsAsOf").queryAs(Label.class).getText()))
                .isEqualTo("inputs as of 2024-11-20 08:00 UTC · returns to 2024-11-19");
        assertThat(fx(() -> window.charts().histogram().isVisible())).isTrue();
        // the close of 2024-11-20 is known from 2024-11-21 00:00 UTC: not at the snapshot's 08:00
        assertThat(run.lastReturn()).isEqualTo(LocalDate.of(2024, 11, 19));
    }

    @Test
    @SuppressWarnings("unchecked")
    void positionsShowComponentEsTheirShareAndIncrementalVar(FxRobot robot) throws Exception {
        RiskRun run = firstRun();
        RiskResult expected = engine(RiskParameters.defaults(), null);
        TableView<PositionValuation> table = robot.lookup("#positionsTable").queryAs(TableView.class);
        TableColumn<PositionValuation, Double> comp = column(table, "col-comp-es");
        TableColumn<PositionValuation, Double> share = column(table, "col-es-share");
        TableColumn<PositionValuation, Double> incr = column(table, "col-incr-var");
        double shares = 0;
        for (int i = 0; i < 7; i++) {
            int row = i;
            PositionValuation v = fx(() -> table.getItems().get(row));
            PositionRisk p = expected.positions().stream().filter(x -> x.id().equals(v.position().id()))
                    .findFirst().orElseThrow();
            assertThat(fx(() -> comp.getCellData(row))).isEqualTo(p.componentEs());
            assertThat(fx(() -> incr.getCellData(row))).isEqualTo(p.incrementalVar());
            shares += fx(() -> share.getCellData(row));
        }
        assertThat(shares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.result().es()).isEqualTo(expected.es());
    }

    @SuppressWarnings("unchecked")
    private static TableColumn<PositionValuation, Double> column(TableView<PositionValuation> t, String id) {
        return (TableColumn<PositionValuation, Double>) t.getColumns().stream()
                .filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void aVolOverrideReachesTheEngineAndResetRestoresTheSnapshot(FxRobot robot) throws Exception {
        firstRun();
        robot.interact(() -> risk.assetVols().stream().filter(r -> r.asset().equals("BTC")).findFirst()
                .orElseThrow().overrideProperty().set(0.70));
        RiskRun run = settled(r -> r.request().volOverrides().containsKey("BTC"));

        MarketSnapshot m = model.current().market();
        MarketSnapshot overridden = m.withAsset("BTC", m.asset("BTC").withVol(0.70));
        RiskResult expected = engine(model.current().book(), overridden, RiskParameters.defaults(), null);
        assertThat(fx(window.tiles().varTileNode()::getValue)).isEqualTo(expected.var());
        AssetVolRow btc = fx(() -> risk.assetVols().get(0));
        assertThat(btc.asset()).isEqualTo("BTC");
        assertThat(fx(() -> btc.usedVolProperty().get())).isEqualTo(0.70);
        assertThat(btc.snapshotVol()).isEqualTo(0.55);
        assertThat(run.result().factors().vols()[0]).isEqualTo(0.70);

        scrollPanelTo(robot, "#resetOverridesButton");
        robot.clickOn("#resetOverridesButton");
        settled(r -> r.request().volOverrides().isEmpty());
        assertThat(fx(window.tiles().varTileNode()::getValue)).isEqualTo(engine(RiskParameters.defaults(), null).var());
    }

    @Test
    void shortcutsToggleTheDarkThemeAndRecompute(FxRobot robot) throws Exception {
        firstRun();
        Color lightBackground = fx(window.tiles().varTileNode()::getBackgroundColor);
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.theme())).isEqualTo(Theme.DARK);
        assertThat(fx(() -> stage.getScene().getStylesheets().getFirst())).endsWith("theme-dark.css");
        Color darkBackground = fx(window.tiles().varTileNode()::getBackgroundColor);
        assertThat(darkBackground.getBrightness()).isLessThan(lightBackground.getBrightness());
        // the theme's CSS pass must not leave the tile's number at the scene's 12 px font
        String shown = new DecimalFormat(RiskTiles.MONEY_PATTERN).format(fx(risk::run).result().var());
        assertThat(fx(() -> valueFontSize(window.tiles().varTileNode(), shown))).isGreaterThan(20);

        int before = fx(risk::runsStarted);
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(risk::runsStarted) == before + 1);
        settled(r -> true);

        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.theme())).isEqualTo(Theme.LIGHT);
        assertThat(fx(window.tiles().varTileNode()::getBackgroundColor)).isEqualTo(lightBackground);
    }

    /** A year and a half of daily BTC closes ending on the sample's date: a seeded random walk. */
    private static Path syntheticBtcHistory() throws Exception {
        Path dir = Files.createTempDirectory("history");
        Path file = dir.resolve("BTC-USD.daily.csv");
        StringBuilder sb = new StringBuilder("date,close\n");
        Random rng = new Random(7);
        LocalDate d = LocalDate.of(2023, 5, 1);
        double close = 29_000;
        while (!d.isAfter(LocalDate.of(2024, 11, 20))) {
            sb.append(d).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", close)).append('\n');
            close *= Math.exp(0.0005 + 0.03 * rng.nextGaussian());
            d = d.plusDays(1);
        }
        Files.writeString(file, sb);
        return file;
    }
}
