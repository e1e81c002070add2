package io.marginscope.risk;

import io.marginscope.backtest.EsSimulation;
import io.marginscope.backtest.RollingBacktest;
import io.marginscope.io.BundledHistory;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.marginscope.risk.RiskFixtures.book;
import static io.marginscope.risk.RiskFixtures.compute;
import static io.marginscope.risk.RiskFixtures.market;
import static io.marginscope.risk.RiskFixtures.perp;
import static io.marginscope.risk.RiskFixtures.spot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time rule: a daily close dated D is known from D+1 00:00 UTC, so a snapshot at 08:00 on the
 * crash day 2020-03-12 (BTC -38.8% at that day's close) gives exactly the figures of the day
 * before: those of a snapshot at 00:00 that day, when the close of 2020-03-11 has just become
 * known, and those of the closes up to 2020-03-11 alone, in every use of the history; the figures
 * change once the crash close is known (2020-03-13 00:00).
 */
class TimeRuleTest {

    static final Instant CRASH_MORNING = Instant.parse("2020-03-12T08:00:00Z");
    static final Instant EVE = Instant.parse("2020-03-12T00:00:00Z");
    static final Instant AFTER_CLOSE = Instant.parse("2020-03-13T00:00:00Z");

    static Loaded<PriceHistory> history;

    @BeforeAll
    static void load() throws Exception {
        history = BundledHistory.read();
    }

    static final Portfolio BOOK = book(spot("btc", "BTC", 1.5), perp("e", "ETH", -20, 200));

    static MarketSnapshot at(Instant t) {
        return market(7_900, 0.8, 195, 0.9, 0.8).withAsOf(t);
    }

    static RiskResult risk(Instant t, RiskParameters p) {
        MarketSnapshot m = at(t);
        RiskFactors f = FactorModel.build(BOOK, m, history, p);
        return new RiskEngine().compute(BOOK, m, f, p, RiskProgress.NONE);
    }

    /** The bundled history with the closes after {@code last} removed. */
    static Loaded<PriceHistory> upTo(String last) {
        return new Loaded<>(new PriceHistory(history.value().series().stream()
                .map(p -> p.upTo(LocalDate.parse(last))).toList()), List.of());
    }

    @Test
    void theRuleGivesTheDayBeforeForAnyTimeOfTheDay() {
        assertThat(PriceHistory.lastCloseKnownAt(CRASH_MORNING)).isEqualTo(LocalDate.parse("2020-03-11"));
        assertThat(PriceHistory.lastCloseKnownAt(EVE)).isEqualTo(LocalDate.parse("2020-03-11"));
        assertThat(PriceHistory.lastCloseKnownAt(Instant.parse("2020-03-11T23:59:59Z")))
                .isEqualTo(LocalDate.parse("2020-03-10"));
        assertThat(PriceHistory.lastCloseKnownAt(Instant.parse("2020-03-12T23:59:59.999Z")))
                .isEqualTo(LocalDate.parse("2020-03-11"));
        assertThat(PriceHistory.lastCloseKnownAt(AFTER_CLOSE)).isEqualTo(LocalDate.parse("2020-03-12"));
    }

    @Test
    void everyRiskMethodAndVolModelAtEightOnTheCrashDayEqualsTheEveAndMovesOnceTheCloseIsKnown() {
        for (RiskMethod method : List.of(RiskMethod.HISTORICAL, RiskMethod.FHS, RiskMethod.PARAMETRIC)) {
            for (String vol : List.of("historical", "ewma", "garch")) {
                RiskParameters p = RiskParameters.defaults().withMethod(method).withVolModel(vol);
                RiskResult morning = risk(CRASH_MORNING, p);
                RiskResult eve = risk(EVE, p);
                RiskResult after = risk(AFTER_CLOSE, p);
                String what = method + "/" + vol;
                assertThat(morning.var()).as(what).isEqualTo(eve.var());
                assertThat(morning.es()).as(what).isEqualTo(eve.es());
                assertThat(morning.factors().vols()).as(what).isEqualTo(eve.factors().vols());
                assertThat(morning.factors().correlation()).as(what).isEqualTo(eve.factors().correlation());
                // the crash close, once known, raises the vol forecasts and (historical, FHS) the VaR
                if (!vol.equals("historical") || method != RiskMethod.PARAMETRIC) {
                    assertThat(after.var()).as(what).isGreaterThan(morning.var());
                }
            }
        }
        // the figures of the closes up to the day before alone
        for (RiskMethod method : List.of(RiskMethod.HISTORICAL, RiskMethod.FHS)) {
            RiskParameters p = RiskParameters.defaults().withMethod(method).withVolModel("garch");
            MarketSnapshot m = at(CRASH_MORNING);
            RiskResult cut = new RiskEngine().compute(BOOK, m, FactorModel.build(BOOK, m, upTo("2020-03-11"), p), p,
                    RiskProgress.NONE);
            assertThat(risk(CRASH_MORNING, p).var()).as(method.cliName()).isEqualTo(cut.var());
            assertThat(risk(CRASH_MORNING, p).factors().vols()).as(method.cliName()).isEqualTo(cut.factors().vols());
        }
        // the warning says which close was left out and why
        RiskResult morning = risk(CRASH_MORNING, RiskParameters.defaults().withMethod(RiskMethod.HISTORICAL));
        assertThat(morning.warnings()).contains("close of 2020-03-12 (BTC, ETH) not used: the snapshot's "
                + "2020-03-12T08:00:00Z is before its end; a daily close dated D counts from D+1 00:00 UTC");
    }

    @Test
    void theMarginBaseAndItsAntiProcyclicalityToolsFollowTheRule() throws Exception {
        var policy = PolicyPresets.load("ramm");
        MarginCalculator.Settings s = new MarginCalculator.Settings(10_000, 42);
        MarginResult morning = new MarginCalculator(new RiskEngine()).prepare(BOOK, at(CRASH_MORNING), history,
                policy, s).at(at(CRASH_MORNING));
        MarginResult eve = new MarginCalculator(new RiskEngine()).prepare(BOOK, at(EVE), history, policy, s)
                .at(at(EVE));
        MarginResult after = new MarginCalculator(new RiskEngine()).prepare(BOOK, at(AFTER_CLOSE), history,
                policy, s).at(at(AFTER_CLOSE));
        assertThat(morning.maintenanceMargin()).isEqualTo(eve.maintenanceMargin());
        assertThat(morning.initialMargin()).isEqualTo(eve.initialMargin());
        assertThat(after.maintenanceMargin()).isNotEqualTo(morning.maintenanceMargin());
    }

    @Test
    void theRollingBacktestEndsWithTheLastKnownClose() {
        Portfolio btc = book(spot("btc", "BTC", 1));
        RiskParameters p = RiskParameters.defaults().withMethod(RiskMethod.HISTORICAL);
        var morning = RollingBacktest.run(btc, at(CRASH_MORNING), history, p, EsSimulation.defaults(),
                RiskProgress.NONE).series();
        var eve = RollingBacktest.run(btc, at(EVE), history, p, EsSimulation.defaults(), RiskProgress.NONE).series();
        assertThat(morning.dates()).isEqualTo(eve.dates());
        assertThat(morning.var()).isEqualTo(eve.var());
        assertThat(morning.dates().getLast()).isEqualTo(LocalDate.parse("2020-03-11"));
    }

    @Test
    void withoutTheHistoryTheRuleHasNoEffect() {
        RiskParameters p = RiskParameters.defaults();
        assertThat(compute(BOOK, at(CRASH_MORNING), p).var()).isEqualTo(compute(BOOK, at(EVE), p).var());
    }
}
