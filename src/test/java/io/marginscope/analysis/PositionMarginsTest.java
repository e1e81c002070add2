package io.marginscope.analysis;

import io.marginscope.io.PolicyJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.risk.RiskEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PositionMarginsTest {

    static final MarginCalculator.Settings FAST = new MarginCalculator.Settings(2_000, 42L);

    @Test
    void incrementalMarginIsTheMarginOfTheBookMinusThatOfTheBookWithoutThePosition() throws Exception {
        for (String name : Samples.BOOKS) {
            Samples.Sample s = Samples.load(name);
            for (String preset : List.of("ramm", "span", "deribit-standard")) {
                Policy policy = PolicyPresets.load(preset);
                PositionMargins.Result r = PositionMargins.of(s.book(), s.market(), null, policy, FAST);
                double mm = new MarginCalculator(new RiskEngine()).prepare(s.book(), s.market(), null, policy, FAST)
                        .at(s.market()).maintenanceMargin();
                if (!Double.isFinite(mm)) {
                    // the policy does not cover this book (NOT_COVERED): no MM, so no share of it either
                    assertThat(r.maintenanceMargin()).as(name + " " + preset).isNaN();
                    continue;
                }
                assertThat(r.maintenanceMargin()).as(name + " " + preset).isCloseTo(mm, within(1e-9 * (1 + mm)));
                assertThat(r.positions()).hasSize(s.book().size());
                for (int i = 0; i < s.book().size(); i++) {
                    List<Position> rest = new ArrayList<>(s.book().positions());
                    Position gone = rest.remove(i);
                    Portfolio without = s.book().withPositions(rest);
                    // a calculator of its own: the book without the position margined from scratch
                    double mmWithout = rest.isEmpty() ? 0 : new MarginCalculator(new RiskEngine())
                            .prepare(without, s.market(), null, policy, FAST).at(s.market()).maintenanceMargin();
                    PositionMargins.PositionMargin p = r.positions().get(i);
                    assertThat(p.id()).isEqualTo(gone.id());
                    assertThat(p.incrementalMargin()).as(name + " " + preset + " " + gone.id())
                            .isCloseTo(mm - mmWithout, within(1e-9 * (1 + mm)));
                }
            }
        }
    }

    @Test
    void baseSharesAddUpToOneAndAreTheComponentsOfTheBaseMeasure() throws Exception {
        Policy es = PolicyPresets.load("ramm");
        String text = PolicyJson.writeText(es).replace("\"ES\"", "\"VAR\"");
        Policy var = PolicyJson.read(new TextSource("ramm-var.json", text), "ramm-var");
        assertThat(var.base().measure()).isEqualTo(Policy.Measure.VAR);
        for (String name : Samples.BOOKS) {
            Samples.Sample s = Samples.load(name);
            for (Policy policy : List.of(es, var)) {
                MarginCalculator calc = new MarginCalculator(new RiskEngine());
                MarginCalculator.Prepared prepared = calc.prepare(s.book(), s.market(), null, policy, FAST);
                MarginCalculator.Evaluated ev = prepared.evaluated(s.market());
                double measure = policy.base().measure() == Policy.Measure.ES ? ev.risk().es() : ev.risk().var();
                assertThat(measure).isPositive();
                PositionMargins.Result r = PositionMargins.of(calc, prepared, ev, s.market(), null, FAST, () -> false);
                double sum = 0;
                for (int i = 0; i < r.positions().size(); i++) {
                    var pr = ev.risk().positions().get(i);
                    double component = policy.base().measure() == Policy.Measure.ES ? pr.componentEs()
                            : pr.componentVar();
                    assertThat(r.positions().get(i).baseMarginShare()).isEqualTo(component / measure);
                    sum += r.positions().get(i).baseMarginShare();
                }
                assertThat(sum).as(name + " " + policy.name()).isCloseTo(1.0, within(1e-9));
            }
        }
    }

    @Test
    void withoutABaseBlockThereIsNoShare() throws Exception {
        Samples.Sample s = Samples.load("btc-short-strangle.csv");
        Policy span = PolicyPresets.load("span");
        assertThat(span.base()).isNull();
        PositionMargins.Result r = PositionMargins.of(s.book(), s.market(), null, span, FAST);
        assertThat(r.positions()).allSatisfy(p -> {
            assertThat(p.baseMarginShare()).isNaN();
            assertThat(p.incrementalMargin()).isFinite();
        });
    }
}
