package io.marginscope.analysis;

import io.marginscope.analysis.MarginExplain.Explanation;
import io.marginscope.analysis.MarginExplain.Group;
import io.marginscope.analysis.MarginExplain.State;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarginExplainTest {

    static final MarginCalculator.Settings FAST = new MarginCalculator.Settings(2_000, 42L);

    static State state(String book, String policy) throws Exception {
        Samples.Sample s = Samples.load(book);
        return new State(s.book(), s.market(), PolicyPresets.load(policy), null);
    }

    static MarketSnapshot spotsDown(MarketSnapshot m) {
        MarketSnapshot out = m;
        for (String a : m.assets().keySet()) {
            if (m.asset(a).vol() > 0) {
                out = out.withAsset(a, out.asset(a).withSpot(out.asset(a).spot() * 0.93));
            }
        }
        return out;
    }

    static MarketSnapshot volsUp(MarketSnapshot m) {
        MarketSnapshot out = m;
        for (String a : m.assets().keySet()) {
            out = out.withVols(a, v -> v * 1.2, (v, t) -> v * 1.2);
        }
        return out;
    }

    static State change(State s, Group g) throws Exception {
        return switch (g) {
            case PRICES -> new State(s.book(), spotsDown(s.market()), s.policy(), s.history());
            case VOLATILITY -> new State(s.book(), volsUp(s.market()), s.policy(), s.history());
            case POSITIONS -> new State(TradeNetting.apply(s.book(), WhatIfTest.trade(
                    "x,BTC,PERP,,,-2,92000,LINEAR\ny,BTC,PUT,2024-12-27,80000,4,3000,LINEAR\n")).book(), s.market(),
                    s.policy(), s.history());
            case POLICY -> new State(s.book(), s.market(), PolicyPresets.load("span"), s.history());
            case TIME -> new State(s.book(), s.market().withAsOf(s.market().asOf().plus(Duration.ofDays(5))),
                    s.policy(), s.history());
        };
    }

    @Test
    void identicalStatesExplainNothing() throws Exception {
        // two loads of the same files: equal inputs, distinct objects
        Explanation e = MarginExplain.explain(state("btc-short-strangle.csv", "ramm"),
                state("btc-short-strangle.csv", "ramm"), FAST);
        assertThat(e.change()).isZero();
        for (Group g : Group.values()) {
            assertThat(e.parts().get(g)).as(g.key()).isZero();
            assertThat(e.differs().get(g)).as(g.key()).isFalse();
        }
        assertThat(e.coalitions()).hasSize(32);
    }

    @Test
    void theWholeChangeGoesToTheOneGroupThatDiffers() throws Exception {
        State a = state("btc-short-strangle.csv", "ramm");
        for (Group g : Group.values()) {
            State b = change(a, g);
            Explanation e = MarginExplain.explain(a, b, FAST);
            assertThat(e.change()).as(g.key()).isNotZero();
            assertThat(e.parts().get(g)).as(g.key()).isCloseTo(e.change(), within(1e-9 * Math.abs(e.change())));
            for (Group other : Group.values()) {
                if (other != g) {
                    assertThat(e.parts().get(other)).as(g.key() + " -> " + other.key()).isZero();
                }
                assertThat(e.differs().get(other)).isEqualTo(other == g);
            }
        }
    }

    @Test
    void thePartsSumToTheChange() throws Exception {
        for (String book : Samples.BOOKS) {
            State a = state(book, "ramm");
            State b = a;
            for (Group g : Group.values()) {
                b = change(b, g);
            }
            Explanation e = MarginExplain.explain(a, b, FAST);
            double sum = e.parts().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).as(book).isCloseTo(e.change(), within(1e-9 * Math.max(1, Math.abs(e.change()))));
            assertThat(Math.abs(e.residual())).isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(e.change())));
            // the ends are the two states' own margins
            assertThat(e.from().maintenanceMargin()).isEqualTo(new MarginCalculator().prepare(a.book(), a.market(),
                    null, a.policy(), FAST).at(a.market()).maintenanceMargin());
            assertThat(e.to().maintenanceMargin()).isEqualTo(new MarginCalculator().prepare(b.book(), b.market(),
                    null, b.policy(), FAST).at(b.market()).maintenanceMargin());
            // without a history, one calculator per book x policy x volatility inputs
            assertThat(e.prepared()).isEqualTo(8);
        }
    }

    @Test
    void twoGroupsShareTheirInteractionEqually() throws Exception {
        State a = state("eth-perp-leveraged.csv", "ramm");
        State b = change(change(a, Group.PRICES), Group.VOLATILITY);
        Explanation e = MarginExplain.explain(a, b, FAST);
        double v0 = e.from().maintenanceMargin();
        double v11 = e.to().maintenanceMargin();
        double vP = mm(MarginExplain.mix(a, b, 1 << Group.PRICES.ordinal()));
        double vV = mm(MarginExplain.mix(a, b, 1 << Group.VOLATILITY.ordinal()));
        // two players: phi_P = ((vP - v0) + (v11 - vV)) / 2
        assertThat(e.parts().get(Group.PRICES)).isCloseTo(((vP - v0) + (v11 - vV)) / 2, within(1e-6));
        assertThat(e.parts().get(Group.VOLATILITY)).isCloseTo(((vV - v0) + (v11 - vP)) / 2, within(1e-6));
        Set<Group> zero = EnumSet.of(Group.POSITIONS, Group.POLICY, Group.TIME);
        zero.forEach(g -> assertThat(e.parts().get(g)).isZero());
    }

    static double mm(State s) {
        return new MarginCalculator().prepare(s.book(), s.market(), s.history(), s.policy(), FAST).at(s.market())
                .maintenanceMargin();
    }
}
