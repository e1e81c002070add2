package io.marginscope.ui.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.TradeNetting;
import io.marginscope.analysis.WhatIf;
import io.marginscope.cli.MarginScopeCommand;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.app.WorkstationTestBase;
import io.marginscope.ui.control.NumberText;

/**
 * The trade ticket, headless (Monocle), on the default sample book (btc-short-strangle): what it shows
 * for a typed trade is {@link WhatIf#run} on the same inputs and what {@code marginscope whatif} prints
 * for the same trade file; Add to book nets the trade into the book as an undoable step.
 */
class TradeTicketTest extends WorkstationTestBase {

    private static final String PREFS = "io/marginscope/test-ticket-" + ProcessHandle.current().pid();
    /** The workstation's default Monte Carlo settings, which are the CLI's defaults too. */
    private static final MarginCalculator.Settings DEFAULTS = new MarginCalculator.Settings(10_000, 42L);

    private TradeTicketModel ticket;

    @Start
    void start(Stage stage) {
        open(stage, PREFS);
    }

    @Override
    protected void opened() {
        ticket = window.ticket().model();
    }

    /** Waits for a ticket run that is current (not stale, nothing pending) and matches. */
    private TradeTicketService.Run settled(Predicate<TradeTicketService.Run> done) throws Exception {
        return settled(120, ticket::run, ticket.service(), ticket.staleProperty(), done);
    }

    /** The book on show, then a click into the ticket (which starts it): the book's own figures. */
    private TradeTicketService.Run firstRun(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current() != null));
        robot.clickOn("#ticketQuantity");
        return settled(r -> r.request().book().size() == 7 && r.whatIf() == null);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
    }

    private static Portfolio trade(Position row) {
        return new Portfolio("t", List.of(row));
    }

    /** whatif in-process on the sample book and a trade file holding the row, as its JSON. */
    private static JsonNode cli(Path dir, Position row) throws Exception {
        Instrument i = row.instrument();
        Path file = dir.resolve("trade.csv");
        Files.writeString(file, "id,underlying,type,expiry,strike,quantity,entry_price,settlement\n"
                + row.id() + "," + i.underlying() + "," + i.type() + ","
                + (i.expiry() == null ? "" : i.expiry().toString()) + ","
                + (i.type().isOption() ? Double.toString(i.strike()) : "") + ","
                + Double.toString(row.quantity()) + "," + Double.toString(row.entryPrice()) + ","
                + i.settlement() + "\n");
        return cliOn(file);
    }

    private static JsonNode cliOn(Path tradeFile) throws Exception {
        CommandLine cl = MarginScopeCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("whatif", "--portfolio", SAMPLES.resolve("btc-short-strangle.csv").toString(),
                "--market", SAMPLES.resolve("btc-short-strangle.market.json").toString(), "--trade", tradeFile.toString());
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString());
    }

    private static String signed(double usd) {
        return (Math.round(usd) > 0 ? "+" : "") + Formats.money(usd);
    }

    @Test
    void nothingRunsUntilTheAnalystTurnsToTheTicket(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current() != null));
        robot.interact(() -> window.risk().scenariosProperty().set(20_000));
        WaitForAsyncUtils.sleep(2 * RiskViewModel.DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(ticket::runsStarted)).isZero();
        assertThat(fx(ticket::run)).isNull();
        assertThat(text(robot, "marginalMargin")).startsWith("Pick a position in the table or type a trade");
        TradeTicketService.Run run = firstRun(robot);
        assertThat(run.request().settings()).isEqualTo(new MarginCalculator.Settings(20_000, 42L));
        // hidden, it stops; shown again, it runs for the inputs as they are then
        int runs = fx(ticket::runsStarted);
        robot.interact(() -> window.ticket().openProperty().set(false));
        robot.interact(() -> window.risk().seedProperty().set(7));
        WaitForAsyncUtils.sleep(2 * RiskViewModel.DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        assertThat(fx(ticket::runsStarted)).isEqualTo(runs);
        robot.interact(() -> window.ticket().openProperty().set(true));
        run = settled(r -> r.request().settings().seed() == 7);
        assertThat(run.request().settings()).isEqualTo(new MarginCalculator.Settings(20_000, 7L));
        LoadedBook b = model.current();
        assertThat(run.before().margin()).isEqualTo(BookFigures.of(b.book(), b.market(), null,
                PolicyPresets.load("ramm"), new MarginCalculator.Settings(20_000, 7L)).margin());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTradeTypedAfterPickingARowShowsWhatIfRunAndWhatTheCliPrints(FxRobot robot, @TempDir Path dir)
            throws Exception {
        firstRun(robot);
        // pick the short Dec 80k put in the table: the ticket takes its instrument; buy one back
        TableView<PositionValuation> table = robot.lookup("#positionsTable").queryAs(TableView.class);
        int row = fx(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).position().id().equals("btc-p80k-dec")) {
                    return i;
                }
            }
            return -1;
        });
        robot.interact(() -> table.getSelectionModel().select(row));
        assertThat(fx(() -> ticket.typeProperty().get())).isEqualTo(InstrumentType.PUT);
        assertThat(fx(() -> ticket.expiryProperty().get())).isEqualTo("2024-12-27");
        assertThat(fx(() -> ticket.strikeProperty().get())).isEqualTo("80000");
        assertThat(fx(() -> ticket.heldProperty().get().id())).isEqualTo("btc-p80k-dec");
        robot.clickOn("#ticketQuantity").write("1");
        TradeTicketService.Run run = settled(r -> r.whatIf() != null);

        // the same trade built here: the instrument of the row, at its Black-76 mark on the snapshot
        LoadedBook b = model.current();
        Instrument put = new Instrument("BTC", InstrumentType.PUT, Instant.parse("2024-12-27T08:00:00Z"), 80000,
                Settlement.LINEAR);
        double mark = PositionPricer.value(new Position("m", put, 1, Double.NaN), b.market()).price();
        Position traded = new Position("BTC-27DEC24-80000-P", put, 1, mark);
        assertThat(run.request().trade().positions()).containsExactly(traded);
        WhatIf.Result expected = WhatIf.run(b.book(), trade(traded), b.market(), null, PolicyPresets.load("ramm"),
                DEFAULTS);
        WhatIf.Result shown = fx(ticket::result);
        assertThat(shown.before().margin()).isEqualTo(expected.before().margin());
        assertThat(shown.after().margin()).isEqualTo(expected.after().margin());
        assertThat(shown.after().var()).isEqualTo(expected.after().var());
        assertThat(shown.after().es()).isEqualTo(expected.after().es());
        assertThat(shown.after().liquidation()).isEqualTo(expected.after().liquidation());
        assertThat(shown.after().greeksByExpiry()).isEqualTo(expected.after().greeksByExpiry());
        assertThat(shown.marginalMargin()).isEqualTo(expected.marginalMargin());
        assertThat(shown.netting().book().positions()).isEqualTo(expected.netting().book().positions());

        // what the CLI prints for the same trade file
        JsonNode j = cli(dir, traded);
        assertThat(j.get("marginalMargin").asDouble()).isEqualTo(shown.marginalMargin());
        for (String f : new String[] {"maintenanceMargin", "initialMargin", "var", "es", "equity", "freeMargin"}) {
            assertThat(j.get("before").get(f).asDouble()).as("before " + f).isEqualTo(
                    f.equals("var") ? shown.before().var() : f.equals("es") ? shown.before().es()
                            : field(shown.before(), f));
            assertThat(j.get("after").get(f).asDouble()).as("after " + f).isEqualTo(
                    f.equals("var") ? shown.after().var() : f.equals("es") ? shown.after().es()
                            : field(shown.after(), f));
        }
        assertThat(j.get("after").get("liquidation").get("BTC").get("price").asDouble())
                .isEqualTo(shown.after().liquidation().get("BTC").price());

        // and the text on show is those numbers, formatted
        assertThat(text(robot, "ticket-mm-before")).isEqualTo(Formats.money(expected.before().maintenanceMargin()));
        assertThat(text(robot, "ticket-mm-after")).isEqualTo(Formats.money(expected.after().maintenanceMargin()));
        assertThat(text(robot, "ticket-mm-change")).isEqualTo(signed(expected.marginalMargin()));
        assertThat(text(robot, "ticket-var-after")).isEqualTo(Formats.money(expected.after().var()));
        assertThat(text(robot, "ticket-es-after")).isEqualTo(Formats.money(expected.after().es()));
        assertThat(text(robot, "ticket-es-change")).isEqualTo(signed(expected.after().es() - expected.before().es()));
        assertThat(text(robot, "ticket-equity-change"))
                .isEqualTo(signed(expected.after().equity() - expected.before().equity()));
        assertThat(text(robot, "ticket-liq-BTC-after"))
                .isEqualTo(Formats.money(expected.after().liquidation().get("BTC").price()));
        assertThat(text(robot, "ticket-ratio-after"))
                .isEqualTo(Formats.ratio(expected.after().margin().marginRatio()));
        double mm = expected.marginalMargin();
        assertThat(text(robot, "marginalMargin")).isEqualTo((mm > 0 ? "Uses " : "Frees ")
                + Formats.money(Math.abs(mm)) + " USD of margin");
    }

    private static double field(BookFigures f, String name) {
        return switch (name) {
            case "maintenanceMargin" -> f.margin().maintenanceMargin();
            case "initialMargin" -> f.margin().initialMargin();
            case "equity" -> f.margin().equity();
            case "freeMargin" -> f.margin().freeMargin();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void aShortPerpAgainstTheLongDeltaFreesMargin(FxRobot robot) throws Exception {
        firstRun(robot);
        robot.interact(() -> {
            ticket.underlyingProperty().set("BTC");
            ticket.typeProperty().set(InstrumentType.PERP);
        });
        robot.clickOn("#ticketQuantity").write(NumberText.current().format(-2.5));
        TradeTicketService.Run run = settled(r -> r.whatIf() != null);
        assertThat(run.request().trade().positions().getFirst().quantity()).isEqualTo(-2.5);
        // the book is long 2.53 BTC of delta (spot collateral and the perp): selling perps hedges it
        assertThat(run.whatIf().marginalMargin()).isNegative();
        assertThat(text(robot, "marginalMargin")).startsWith("Frees ");
        assertThat(fx(() -> robot.lookup("#marginalMargin").queryAs(Label.class).getParent().getStyleClass()))
                .contains("frees");
        assertThat(text(robot, "ticket-mm-change")).startsWith("-");
        LoadedBook b = model.current();
        Position traded = run.request().trade().positions().getFirst();
        assertThat(traded.entryPrice()).isEqualTo(b.market().asset("BTC").spot());
        assertThat(run.whatIf().marginalMargin()).isEqualTo(WhatIf.run(b.book(), trade(traded), b.market(), null,
                PolicyPresets.load("ramm"), DEFAULTS).marginalMargin());
    }

    @Test
    void addToBookNetsTheTradeAndUndoBringsTheBookBack(FxRobot robot) throws Exception {
        firstRun(robot);
        Portfolio first = fx(() -> model.current().book());
        robot.interact(() -> ticket.typeProperty().set(InstrumentType.PERP));
        robot.clickOn("#ticketQuantity").write(NumberText.current().format(-1.5));
        TradeTicketService.Run run = settled(r -> r.whatIf() != null);
        Portfolio trade = run.request().trade();
        // the trade of the README's screenshot: whatif on its file prints what the ticket shows
        JsonNode j = cliOn(SAMPLES.resolve("examples/ticket-sell-perp.csv"));
        assertThat(j.get("marginalMargin").asDouble()).isEqualTo(run.whatIf().marginalMargin());
        assertThat(j.get("after").get("maintenanceMargin").asDouble())
                .isEqualTo(run.whatIf().after().maintenanceMargin());
        assertThat(j.get("after").get("es").asDouble()).isEqualTo(run.whatIf().after().es());
        assertThat(fx(() -> robot.lookup("#ticketConfirm").queryAs(Button.class).isDisabled())).isFalse();
        robot.interact(() -> robot.lookup("#ticketConfirm").queryAs(Button.class).fire());
        Portfolio netted = TradeNetting.apply(first, trade).book();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current().book() != first));
        assertThat(fx(() -> model.current().book())).isEqualTo(netted);
        assertThat(fx(() -> model.undoLabelProperty().get())).isEqualTo("Trade " + NumberText.current().format(-1.5) + " BTC-PERP");
        assertThat(fx(() -> robot.lookup("#ticketQuantity").queryAs(TextField.class).getText())).isEmpty();

        // the ticket now shows the new book's figures, without a trade
        TradeTicketService.Run after = settled(r -> r.request().book() == model.current().book());
        assertThat(after.whatIf()).isNull();
        LoadedBook b = model.current();
        BookFigures now = BookFigures.of(b.book(), b.market(), null, PolicyPresets.load("ramm"), DEFAULTS);
        assertThat(after.before().margin()).isEqualTo(now.margin());
        assertThat(after.before().margin()).isEqualTo(run.whatIf().after().margin());
        assertThat(text(robot, "ticket-mm-before")).isEqualTo(Formats.money(now.maintenanceMargin()));
        assertThat(text(robot, "ticket-mm-after")).isEmpty();

        // Edit > Undo
        MenuItem undo = fx(() -> window.editMenu().getItems().stream().filter(i -> "undoItem".equals(i.getId()))
                .findFirst().orElseThrow());
        assertThat(fx(undo::getText)).isEqualTo("Undo Trade " + NumberText.current().format(-1.5) + " BTC-PERP");
        robot.interact(undo::fire);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> model.current().book() == first));
        assertThat(fx(() -> model.current().book().positions())).isEqualTo(first.positions());
        TradeTicketService.Run back = settled(r -> r.request().book() == first);
        assertThat(back.before().margin()).isEqualTo(run.whatIf().before().margin());
    }

    @Test
    void badInputNamesTheFieldAndShowsNoNumbers(FxRobot robot) throws Exception {
        firstRun(robot);
        robot.clickOn("#ticketQuantity").write("1x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "ticketError")).isEqualTo("Quantity: '1x' is not a number");
        assertThat(fx(ticket::run)).isNull();
        assertThat(fx(() -> robot.lookup("#ticketResults").queryAs(javafx.scene.layout.GridPane.class)
                .getChildren())).isEmpty();
        assertThat(fx(() -> robot.lookup("#ticketQuantity").queryAs(Node.class).getStyleClass()))
                .contains("field-error");
        assertThat(fx(() -> robot.lookup("#ticketConfirm").queryAs(Button.class).isDisabled())).isTrue();
        assertThat(fx(ticket::confirm)).isFalse();

        robot.interact(() -> {
            ticket.quantityProperty().set("1");
            ticket.typeProperty().set(InstrumentType.CALL);
            ticket.strikeProperty().set("-5");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "ticketError")).isEqualTo("Strike: must be positive");
        assertThat(fx(() -> robot.lookup("#ticketStrike").queryAs(Node.class).getStyleClass()))
                .contains("field-error");
        assertThat(fx(() -> robot.lookup("#ticketQuantity").queryAs(Node.class).getStyleClass()))
                .doesNotContain("field-error");
        robot.interact(() -> ticket.expiryProperty().set("2024-11-01"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "ticketError")).startsWith("Expiry: 2024-11-01 is not after the snapshot");

        // fixed: numbers again, for the corrected trade
        robot.interact(() -> {
            ticket.expiryProperty().set("2024-12-27");
            ticket.strikeProperty().set("100000");
        });
        TradeTicketService.Run run = settled(r -> r.whatIf() != null);
        assertThat(text(robot, "ticketError")).isEmpty();
        assertThat(run.request().trade().positions().getFirst().id()).isEqualTo("BTC-27DEC24-100000-C");
        assertThat(text(robot, "ticket-mm-after")).isEqualTo(Formats.money(run.whatIf().after().maintenanceMargin()));
    }

    @Test
    void typingFastRunsOnceForTheLastInputs(FxRobot robot) throws Exception {
        firstRun(robot);
        robot.interact(() -> ticket.typeProperty().set(InstrumentType.PERP));
        settled(r -> r.whatIf() == null);
        int before = fx(ticket::runsStarted);
        // a quantity typed one key at a time, about 20 ms apart (well inside the 150 ms pause)
        // "-0.75", corrected to "-0.78", in the analyst's locale ("-0,75" and "-0,78" under de_DE)
        String slip = NumberText.current().format(-0.75);
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= slip.length(); i++) {
            keys.add(slip.substring(0, i));
        }
        keys.add(slip.substring(0, slip.length() - 1));
        keys.add(NumberText.current().format(-0.78));
        List<Long> applied = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Boolean> staleWhileTyping = java.util.Collections.synchronizedList(new ArrayList<>());
        for (String k : keys) {
            Platform.runLater(() -> {
                ticket.quantityProperty().set(k);
                applied.add(System.nanoTime());
                staleWhileTyping.add(ticket.run() == null || ticket.staleProperty().get());
            });
            Thread.sleep(20);
        }
        TradeTicketService.Run run = settled(r -> r.whatIf() != null
                && r.request().trade().positions().getFirst().quantity() == -0.78);
        long gaps = 0;
        for (int i = 1; i < applied.size(); i++) {
            gaps += applied.get(i) - applied.get(i - 1) >= RiskViewModel.DEBOUNCE_MS * 1_000_000L ? 1 : 0;
        }
        assertThat(fx(ticket::runsStarted) - before).isBetween(1, (int) (1 + gaps));
        // numbers never presented as current while inputs were changing
        assertThat(staleWhileTyping).containsOnly(true);
        LoadedBook b = model.current();
        Position traded = new Position("BTC-PERP", Instrument.perp("BTC", Settlement.LINEAR), -0.78,
                b.market().asset("BTC").spot());
        assertThat(run.request().trade().positions()).containsExactly(traded);
        WhatIf.Result expected = WhatIf.run(b.book(), trade(traded), b.market(), null, PolicyPresets.load("ramm"),
                DEFAULTS);
        assertThat(run.whatIf().after().margin()).isEqualTo(expected.after().margin());
        assertThat(text(robot, "ticket-mm-change")).isEqualTo(signed(expected.marginalMargin()));
    }
}
