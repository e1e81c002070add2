package io.marginscope.ui.book;

import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.report.CsvExport;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import io.marginscope.store.Session;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.editors.PositionEditor;
import io.marginscope.ui.risk.RiskRun;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.stress.StressView;
import io.marginscope.ui.app.WorkstationTestBase;
import io.marginscope.ui.control.NumberText;

/**
 * What-if editing through the workstation, headless (Monocle), on the default sample book: positions
 * added, edited and removed through the form and the table; every figure after an edit, an undo and a
 * redo is compared with the engines called directly on the book on show; a bad field leaves the book
 * as it was; a saved what-if session reopens with the edited positions and the same figures.
 */
class PortfolioEditTest extends WorkstationTestBase {

    private static final Position CALL = new Position("btc-c100k", Instrument.option("BTC", InstrumentType.CALL,
            Instant.parse("2024-12-27T08:00:00Z"), 100_000, Settlement.LINEAR), -5, 3000);

    @Start
    void start(Stage stage) throws Exception {
        freshDataDir("ms-edit");
        open(stage, SHARED_PREFS);
    }

    @AfterEach
    void closeOtherWindows(FxRobot robot) {
        robot.interact(() -> {
            for (javafx.stage.Window w : new ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w != stage && w.isShowing() && w instanceof Stage s) {
                    s.hide();
                }
            }
        });
    }

    private RiskViewModel risk() {
        return window.risk();
    }

    private MarginViewModel margin() {
        return window.marginWorkspace().margin();
    }

    /** Waits until the risk and margin runs of the book on show have finished and nothing is pending. */
    private RiskRun settled(Predicate<Portfolio> book) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> {
            LoadedBook b = model.current();
            RiskRun r = risk().run();
            MarginRun m = margin().run();
            return b != null && book.test(b.book()) && !model.service().isRunning()
                    && r != null && r.request().book() == b.book() && !risk().service().isRunning()
                    && !risk().staleProperty().get()
                    && m != null && m.request().book() == b.book() && !margin().service().isRunning()
                    && !margin().staleProperty().get();
        }));
        WaitForAsyncUtils.waitForFxEvents();
        return fx(risk()::run);
    }

    private RiskResult engine(Portfolio book, MarketSnapshot market) {
        RiskParameters p = fx(risk()::parameters);
        return new RiskEngine().compute(book, market, FactorModel.build(book, market, null, p), p, RiskProgress.NONE);
    }

    private MarginResult marginEngine(Portfolio book, MarketSnapshot market) throws Exception {
        return new MarginCalculator(new RiskEngine()).prepare(book, market, null,
                fx(() -> margin().policyProperty().get()),
                fx(() -> margin().settings())).at(market);
    }

    /** The risk and margin figures on show are those of the engines on the book on show. */
    private void figuresAreTheEnginesOnTheBookOnShow() throws Exception {
        LoadedBook b = fx(model::current);
        RiskResult want = engine(b.book(), b.market());
        RiskRun run = fx(risk()::run);
        assertThat(run.result().var()).isEqualTo(want.var());
        assertThat(run.result().es()).isEqualTo(want.es());
        assertThat(fx(window.tiles().varTileNode()::getValue)).isEqualTo(want.var());
        assertThat(fx(window.tiles().esTileNode()::getValue)).isEqualTo(want.es());
        assertThat(fx(window.tiles().equityTileNode()::getValue)).isEqualTo(b.valuation().equity());
        assertThat(fx(() -> ((Label) window.portfolio().getScene().lookup("#equityValue")).getText()))
                .isEqualTo(Formats.money(b.valuation().equity()));
        MarginResult mm = marginEngine(b.book(), b.market());
        assertThat(fx(() -> margin().run().margin().maintenanceMargin())).isEqualTo(mm.maintenanceMargin());
        assertThat(fx(() -> window.marginWorkspace().tiles().mmBar().getValue())).isEqualTo(mm.maintenanceMargin());
        // the positions table shows the run's component ES of every row of the book on show
        assertThat(fx(() -> window.portfolio().table().getItems().stream().map(v -> v.position().id()).toList()))
                .containsExactlyInAnyOrderElementsOf(b.book().positions().stream().map(Position::id).toList());
    }

    private PositionEditor openEditor(FxRobot robot, String button) throws Exception {
        robot.clickOn(button);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.editing().editor() != null
                && window.editing().editor().dialog().isShowing()));
        return fx(window.editing()::editor);
    }

    private void fill(FxRobot robot, PositionEditor e, Position p) {
        robot.interact(() -> {
            e.idField().setText(p.id());
            e.underlyingField().getEditor().setText(p.underlying());
            e.typeField().setValue(p.type());
            e.expiryField().getEditor().setText(p.instrument().expiry() == null ? ""
                    : p.instrument().expiry().toString().substring(0, 10));
            // typed as the analyst writes numbers (under de_DE "100000,5", never "100000.5")
            NumberText typed = NumberText.current();
            e.strikeField().setText(Double.isNaN(p.instrument().strike()) ? "" : typed.format(p.instrument().strike()));
            e.quantityField().setText(typed.format(p.quantity()));
            e.entryField().setText(Double.isNaN(p.entryPrice()) ? "" : typed.format(p.entryPrice()));
            e.settlementField().setValue(p.instrument().settlement());
        });
    }

    private void ok(FxRobot robot, PositionEditor e) throws Exception {
        assertThat(fx(() -> e.okButton().isDisabled())).as(fx(e::problem)).isFalse();
        robot.clickOn("#editorOk");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !e.dialog().isShowing()));
    }

    private void select(FxRobot robot, String... ids) {
        robot.interact(() -> {
            var table = window.portfolio().table();
            table.getSelectionModel().clearSelection();
            for (String id : ids) {
                for (int i = 0; i < table.getItems().size(); i++) {
                    if (table.getItems().get(i).position().id().equals(id)) {
                        table.getSelectionModel().select(i);
                    }
                }
            }
        });
    }

    private Position position(String id) {
        return fx(() -> model.current().book().positions().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElse(null));
    }

    @Test
    void addThroughTheFormThenUndoAndRedoGiveTheEnginesFigures(FxRobot robot) throws Exception {
        RiskRun first = settled(b -> b.size() == 7);
        LoadedBook loaded = fx(model::current);
        figuresAreTheEnginesOnTheBookOnShow();

        // a stress scenario run before the edit is run again on the edited book
        robot.clickOn("#stressTab");
        StressView stress = window.marginWorkspace().stress();
        StressScenario scenario = ScenarioLibrary.load(ScenarioLibrary.ids().getFirst());
        robot.interact(() -> {
            var items = stress.list().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).name().equals(scenario.name())) {
                    stress.list().getSelectionModel().clearAndSelect(i);
                }
            }
        });
        robot.clickOn("#runSelectedButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !stress.service().isRunning()
                && stress.table().getItems().size() == 1));
        robot.clickOn("#riskTab");

        PositionEditor e = openEditor(robot, "#addPosition");
        assertThat(fx(() -> e.okButton().isDisabled())).isTrue();
        fill(robot, e, CALL);
        assertThat(fx(e::problem)).isEmpty();
        assertThat(fx(() -> ((Label) e.dialog().getDialogPane().lookup("#editorPreview")).getText()))
                .contains("mark", "value");
        ok(robot, e);

        RiskRun edited = settled(b -> b.size() == 8);
        LoadedBook after = fx(model::current);
        assertThat(after.book().positions()).hasSize(8).endsWith(CALL);
        assertThat(after.book().positions().subList(0, 7)).isEqualTo(loaded.book().positions());
        assertThat(after.market()).isSameAs(loaded.market());
        figuresAreTheEnginesOnTheBookOnShow();
        assertThat(edited.result().es()).isNotEqualTo(first.result().es());
        assertThat(edited.byPosition()).containsKey("btc-c100k");
        assertThat(fx(() -> model.undoLabelProperty().get())).isEqualTo("Add btc-c100k");
        assertThat(fx(() -> robot.lookup("#undoButton").queryAs(Button.class).getTooltip().getText()))
                .isEqualTo("Undo Add btc-c100k (Ctrl+Z)");
        assertThat(fx(() -> robot.lookup("#whatIf").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#whatIfBadge").queryAs(Label.class).getText())).isEqualTo("What-if: 1 added");
        assertThat(fx(() -> robot.lookup("#summaryWhatIf").query().isVisible())).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(stage::getTitle).contains("(what-if)"));
        assertThat(fx(stage::getTitle)).startsWith("MarginScope — btc-short-strangle (what-if)");
        // the added row is selected
        assertThat(fx(() -> window.portfolio().table().getSelectionModel().getSelectedItem().position()))
                .isEqualTo(CALL);
        // the stress table was run again, on the edited book
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !stress.service().isRunning()
                && stress.service().getValue() != null
                && stress.service().getValue().request().book() == after.book()));
        StressResult want = StressEngine.run(after.book(), after.market(), scenario);
        assertThat(fx(() -> stress.table().getItems().getFirst().pnl())).isEqualTo(want.pnl());
        assertThat(want.positionPnl()).containsKey("btc-c100k");

        // undo: the loaded book exactly, and the first figures
        robot.clickOn("#undoButton");
        RiskRun undone = settled(b -> b.size() == 7);
        assertThat(fx(model::current)).isSameAs(loaded);
        assertThat(fx(model::current).book().positions()).isEqualTo(loaded.book().positions());
        assertThat(undone.result().var()).isEqualTo(first.result().var());
        assertThat(undone.result().es()).isEqualTo(first.result().es());
        figuresAreTheEnginesOnTheBookOnShow();
        assertThat(fx(() -> robot.lookup("#whatIf").query().isVisible())).isFalse();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !fx(stage::getTitle).contains("what-if"));
        assertThat(fx(() -> robot.lookup("#redoButton").queryAs(Button.class).getTooltip().getText()))
                .isEqualTo("Redo Add btc-c100k (Ctrl+Shift+Z)");

        // redo: the edited figures again
        robot.clickOn("#redoButton");
        RiskRun redone = settled(b -> b.size() == 8);
        assertThat(fx(model::current)).isSameAs(after);
        assertThat(redone.result().var()).isEqualTo(edited.result().var());
        assertThat(redone.result().es()).isEqualTo(edited.result().es());
        figuresAreTheEnginesOnTheBookOnShow();
    }

    @Test
    void editAQuantityByDoubleClickThenRemoveTwoRowsAsOneStep(FxRobot robot) throws Exception {
        settled(b -> b.size() == 7);
        LoadedBook loaded = fx(model::current);
        Node row = fx(() -> robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && r.getItem() instanceof PositionValuation v
                        && v.position().id().equals("btc-perp-hedge"))
                .findFirst().orElseThrow());
        robot.doubleClickOn(row);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.editing().editor() != null));
        PositionEditor e = fx(window.editing()::editor);
        // pre-filled; the fields a PERP has no use for are disabled
        assertThat(fx(() -> e.idField().getText())).isEqualTo("btc-perp-hedge");
        assertThat(fx(() -> e.quantityField().getText())).isEqualTo(NumberText.current().format(1.4));
        assertThat(fx(() -> e.entryField().getText())).isEqualTo("91480");
        assertThat(fx(() -> e.typeField().getValue())).isEqualTo(InstrumentType.PERP);
        assertThat(fx(() -> e.expiryField().isDisabled() && e.strikeField().isDisabled())).isTrue();
        assertThat(fx(() -> e.okButton().isDisabled())).isFalse();
        robot.interact(() -> e.quantityField().setText(NumberText.current().format(2.5)));
        ok(robot, e);

        settled(b -> position("btc-perp-hedge") != null && position("btc-perp-hedge").quantity() == 2.5);
        assertThat(fx(() -> model.undoLabelProperty().get())).isEqualTo("Edit btc-perp-hedge");
        Position hedge = position("btc-perp-hedge");
        assertThat(hedge).isEqualTo(loaded.book().positions().get(4).withQuantity(2.5));
        assertThat(fx(() -> model.current().book().size())).isEqualTo(7);
        figuresAreTheEnginesOnTheBookOnShow();
        assertThat(fx(() -> robot.lookup("#whatIfBadge").queryAs(Label.class).getText())).isEqualTo("What-if: 1 changed");

        // two rows, the Delete key: one step
        select(robot, "usdc-coll", "btc-coll");
        robot.interact(() -> window.portfolio().table().requestFocus());
        robot.type(KeyCode.DELETE);
        settled(b -> b.size() == 5);
        assertThat(fx(() -> model.current().book().positions().stream().map(Position::id).toList()))
                .doesNotContain("usdc-coll", "btc-coll").contains("btc-perp-hedge");
        assertThat(fx(() -> model.undoLabelProperty().get())).isEqualTo("Remove 2 positions");
        figuresAreTheEnginesOnTheBookOnShow();

        robot.clickOn("#undoButton");
        settled(b -> b.size() == 7);
        assertThat(fx(() -> model.current().book().positions().stream().map(Position::id).toList()))
                .isEqualTo(loaded.book().positions().stream().map(Position::id).toList());
        assertThat(position("btc-perp-hedge").quantity()).isEqualTo(2.5);
        assertThat(fx(() -> model.undoLabelProperty().get())).isEqualTo("Edit btc-perp-hedge");

        // Revert (the link on the badge): the loaded book
        robot.clickOn("#revertLink");
        settled(b -> position("btc-perp-hedge").quantity() == 1.4);
        assertThat(fx(model::current).book()).isEqualTo(loaded.book());
        assertThat(fx(() -> model.editedProperty().get())).isFalse();
        figuresAreTheEnginesOnTheBookOnShow();
    }

    @Test
    void aBadFieldKeepsOkDisabledNamesTheFieldAndLeavesTheBook(FxRobot robot) throws Exception {
        settled(b -> b.size() == 7);
        LoadedBook loaded = fx(model::current);
        robot.interact(() -> window.portfolio().table().requestFocus());
        robot.push(KeyCode.CONTROL, KeyCode.N);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.editing().editor() != null));
        PositionEditor e = fx(window.editing()::editor);
        fill(robot, e, CALL);
        assertThat(fx(() -> e.okButton().isDisabled())).isFalse();

        record Case(Runnable change, String field, String shown) { }
        List<Case> cases = List.of(
                new Case(() -> e.quantityField().setText("abc"), "quantity", "Quantity: 'abc' is not a number"),
                new Case(() -> e.strikeField().setText(""), "strike", "Strike: empty; a value is required"),
                new Case(() -> e.strikeField().setText("-5"), "strike", "Strike: strike must be positive"),
                new Case(() -> e.underlyingField().getEditor().setText("XRP"), "underlying",
                        "Underlying: no market data for XRP in the snapshot (it has BTC, ETH, SOL, USDC)"),
                new Case(() -> e.idField().setText("btc-perp-hedge"), "id",
                        "ID: 'btc-perp-hedge' is already in the book; ids are unique"),
                new Case(() -> e.expiryField().getEditor().setText("27/12/2024"), "expiry",
                        "Expiry: '27/12/2024' is not a date (2024-12-27) or an ISO instant"),
                new Case(() -> {
                    e.typeField().setValue(InstrumentType.FUTURE);
                    e.entryField().setText("");
                }, "entry_price", "Entry price: empty; a value is required"));
        for (Case c : cases) {
            fill(robot, e, CALL);
            robot.interact(c.change());
            assertThat(fx(() -> e.okButton().isDisabled())).as(c.shown()).isTrue();
            assertThat(fx(e::problem)).isEqualTo(c.shown());
            String label = "#error-" + c.field().replace('_', '-');
            assertThat(fx(() -> ((Label) e.dialog().getDialogPane().lookup(label)).getText())).isEqualTo(c.shown());
            assertThat(fx(e::valid)).isNull();
        }
        // every bad field at once, each next to its field
        fill(robot, e, CALL);
        robot.interact(() -> {
            e.quantityField().setText("1..2");
            e.strikeField().setText("");
            e.underlyingField().getEditor().setText("DOGE");
        });
        assertThat(fx(() -> ((Label) e.dialog().getDialogPane().lookup("#error-quantity")).getText()))
                .isEqualTo("Quantity: '1..2' is not a number");
        assertThat(fx(() -> ((Label) e.dialog().getDialogPane().lookup("#error-strike")).getText()))
                .isEqualTo("Strike: empty; a value is required");
        assertThat(fx(() -> ((Label) e.dialog().getDialogPane().lookup("#error-underlying")).getText()))
                .startsWith("Underlying: no market data for DOGE");
        assertThat(fx(e::problem)).startsWith("Underlying: no market data for DOGE");
        assertThat(fx(() -> e.okButton().isDisabled())).isTrue();

        // a strike typed for a PERP is ignored (the field is disabled), and a fixed form is valid again
        fill(robot, e, CALL);
        robot.interact(() -> {
            e.typeField().setValue(InstrumentType.PERP);
            e.strikeField().setText("oops");
        });
        assertThat(fx(() -> e.strikeField().isDisabled() && e.expiryField().isDisabled())).isTrue();
        assertThat(fx(e::problem)).isEmpty();
        assertThat(fx(e::valid).instrument()).isEqualTo(Instrument.perp("BTC", Settlement.LINEAR));

        robot.interact(() -> e.quantityField().setText("abc"));
        robot.clickOn("#editorOk");
        assertThat(fx(() -> e.dialog().isShowing())).isTrue();
        robot.clickOn("#editorCancel");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !e.dialog().isShowing()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(model::current)).isSameAs(loaded);
        assertThat(fx(() -> model.canUndoProperty().get())).isFalse();
        assertThat(fx(() -> model.editedProperty().get())).isFalse();
    }

    @Test
    void aSavedWhatIfSessionAndAnExportHoldTheEditedPositions(FxRobot robot) throws Exception {
        // a book from files under another name than the samples: its session has no file behind it
        Path dir = Files.createTempDirectory("ms-edit-book");
        Files.copy(SAMPLES.resolve("btc-short-strangle.csv"), dir.resolve("my-book.csv"));
        Files.copy(SAMPLES.resolve("btc-short-strangle.market.json"), dir.resolve("my-book.market.json"));
        settled(b -> b.size() == 7);
        robot.interact(() -> window.openDropped(dir.resolve("my-book.csv")));
        settled(b -> b.name().equals("my-book"));

        select(robot, "btc-p80k-dec");
        robot.interact(() -> window.editing().removeSelected());
        settled(b -> b.size() == 6);
        PositionEditor e = openEditor(robot, "#addPosition");
        fill(robot, e, CALL);
        ok(robot, e);
        RiskRun edited = settled(b -> b.size() == 7 && b.positions().contains(CALL));
        LoadedBook book = fx(model::current);
        double equity = book.valuation().equity();

        AtomicReference<Session> saved = new AtomicReference<>();
        robot.interact(() -> window.sessions().save("what-if strangle", saved::set));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> saved.get() != null);
        assertThat(saved.get().inputs().portfolio().name()).isEqualTo("my-book.csv");
        assertThat(saved.get().inputs().portfolio().text()).contains("btc-c100k,BTC,CALL,2024-12-27,100000,-5,3000,LINEAR")
                .doesNotContain("btc-p80k-dec");
        assertThat(Files.readString(dir.resolve("my-book.csv"))).contains("btc-p80k-dec").doesNotContain("btc-c100k");

        // the export writes the edited positions too
        Path out = Files.createTempDirectory("ms-edit-export");
        robot.interact(() -> window.exports().exportCsv(out));
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> fx(() -> !window.exports().service().isRunning()
                && Files.exists(out.resolve(CsvExport.POSITIONS))));
        assertThat(Files.readString(out.resolve(CsvExport.POSITIONS))).contains("btc-c100k").doesNotContain("btc-p80k-dec");

        // File > Save Portfolio As: the edited positions, read back equal
        Path csv = dir.resolve("my-book-whatif.csv");
        AtomicReference<Path> written = new AtomicReference<>();
        robot.interact(() -> window.editing().savePortfolio(csv, written::set));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> written.get() != null);
        assertThat(io.marginscope.io.PortfolioCsv.read(csv).value().positions()).isEqualTo(book.book().positions());

        // away to the loaded book, then open the session: the edited positions and the same figures
        robot.interact(() -> model.revert());
        settled(b -> b.size() == 7 && !b.positions().contains(CALL));
        robot.interact(() -> window.sessions().showWindow());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.sessions().window() != null));
        AtomicReference<String> verdict = new AtomicReference<>();
        robot.interact(() -> window.sessions().open(saved.get().id(), verdict::set));
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> verdict.get() != null);
        assertThat(verdict.get()).contains("the stored results reproduce exactly");
        RiskRun reopened = settled(b -> b.positions().contains(CALL));
        LoadedBook back = fx(model::current);
        assertThat(back.book().name()).isEqualTo("my-book");
        assertThat(back.book().positions()).isEqualTo(book.book().positions());
        assertThat(back.valuation().equity()).isEqualTo(equity);
        assertThat(reopened.result().var()).isEqualTo(edited.result().var());
        assertThat(reopened.result().es()).isEqualTo(edited.result().es());

        // the opened session edited again saves as a new version (its texts come from the session)
        select(robot, "btc-coll");
        robot.interact(() -> window.editing().removeSelected());
        settled(b -> b.size() == 6);
        AtomicReference<Session> again = new AtomicReference<>();
        robot.interact(() -> window.sessions().save("what-if strangle", again::set));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> again.get() != null);
        assertThat(again.get().version()).isEqualTo(2);
        assertThat(again.get().inputs().market().text())
                .isEqualTo(Files.readString(dir.resolve("my-book.market.json")));
        assertThat(again.get().inputs().portfolio().text()).contains("btc-c100k").doesNotContain("btc-coll");
    }
}
