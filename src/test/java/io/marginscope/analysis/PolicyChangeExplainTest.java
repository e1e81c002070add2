package io.marginscope.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginscope.analysis.PolicyChangeExplain.Explanation;
import io.marginscope.analysis.PolicyChangeExplain.Part;
import io.marginscope.io.PolicyJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.risk.RiskEngine;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyChangeExplainTest {

    static final MarginCalculator.Settings FAST = MarginExplainTest.FAST;
    static final String BOOK = "btc-short-strangle.csv";

    static Policy edit(Policy p, Consumer<ObjectNode> change) throws Exception {
        ObjectNode json = PolicyJson.write(p);
        change.accept(json);
        return PolicyJson.read(new TextSource("edited.json", PolicyJson.text(json)), "edited");
    }

    static Explanation explain(Policy a, Policy b) throws Exception {
        Samples.Sample s = Samples.load(BOOK);
        return PolicyChangeExplain.explain(s.book(), s.market(), null, a, b, FAST);
    }

    static double mm(Policy p) throws Exception {
        Samples.Sample s = Samples.load(BOOK);
        return new MarginCalculator(new RiskEngine()).prepare(s.book(), s.market(), null, p, FAST).at(s.market())
                .maintenanceMargin();
    }

    static void sumsToTheChange(Explanation e) {
        double sum = e.parts().stream().mapToDouble(Part::part).sum();
        assertThat(sum).isCloseTo(e.change(), within(1e-9 * Math.max(1, Math.abs(e.after().maintenanceMargin()))));
    }

    @Test
    void oneChangedFieldGetsTheWholeChange() throws Exception {
        Policy pm = PolicyPresets.load("deribit-pm");
        Policy wider = edit(pm, j -> ((ObjectNode) j.at("/exchange/parameters/pairs/BTC")).put("priceRange", 0.20));
        Explanation e = explain(pm, wider);
        assertThat(e.fields()).extracting(PolicyChangeExplain.Field::label)
                .containsExactly("exchange.parameters.pairs.BTC.grid.priceRange");
        assertThat(e.parts()).hasSize(1);
        assertThat(e.before().maintenanceMargin()).isEqualTo(mm(pm));
        assertThat(e.after().maintenanceMargin()).isEqualTo(mm(wider));
        assertThat(e.change()).isPositive();
        assertThat(e.parts().get(0).part()).isEqualTo(e.change());
        assertThat(e.evaluations()).isEqualTo(2);
    }

    @Test
    void identicalPoliciesExplainNothing() throws Exception {
        Policy a = PolicyPresets.load("ramm");
        Policy b = PolicyPresets.load("ramm");
        Explanation e = explain(a, b);
        assertThat(e.fields()).isEmpty();
        assertThat(e.parts()).isEmpty();
        assertThat(e.change()).isZero();
        // a new name is not a change of the margin
        assertThat(PolicyChangeExplain.changedFields(a, edit(a, j -> j.put("name", "mine")))).isEmpty();
    }

    @Test
    void twoFieldsMatchTheShapleyFormulaAndAFieldWithoutEffectGetsZero() throws Exception {
        Policy span = PolicyPresets.load("span");
        Policy edited = edit(span, j -> {
            ((ObjectNode) j.at("/stress/span/priceScanRange")).put("BTC", 0.20);
            ((ObjectNode) j.at("/stress/span")).put("volScanRange", 0.35);
            ((ObjectNode) j.at("/thresholds")).put("warning", 0.7);
        });
        Explanation e = explain(span, edited);
        assertThat(e.grouping()).isEqualTo(PolicyChangeExplain.Grouping.FIELDS);
        assertThat(e.parts()).extracting(Part::label).containsExactly("stress.span.priceScanRange.BTC",
                "stress.span.volScanRange", "thresholds.warning");
        assertThat(e.evaluations()).isEqualTo(8); // 2^3 coalitions
        sumsToTheChange(e);
        assertThat(e.parts().get(2).part()).isZero();
        // by hand: v(0), v(P), v(V), v(PV) and the two-player formula (the third player is a dummy)
        double v0 = mm(span);
        double vp = mm(edit(span, j -> ((ObjectNode) j.at("/stress/span/priceScanRange")).put("BTC", 0.20)));
        double vv = mm(edit(span, j -> ((ObjectNode) j.at("/stress/span")).put("volScanRange", 0.35)));
        double vpv = mm(edited);
        double tol = 1e-9 * vpv;
        assertThat(e.parts().get(0).part()).isCloseTo(0.5 * (vp - v0) + 0.5 * (vpv - vv), within(tol));
        assertThat(e.parts().get(1).part()).isCloseTo(0.5 * (vv - v0) + 0.5 * (vpv - vp), within(tol));
    }

    @Test
    void moreFieldsThanTheCapGroupTheSmallestAsOtherFields() throws Exception {
        Policy ramm = PolicyPresets.load("ramm");
        Policy edited = edit(ramm, j -> {
            ((ObjectNode) j.at("/stress/span/priceScanRange")).put("BTC", 0.22);
            ((ObjectNode) j.at("/stress/span")).put("volScanRange", 0.4);
            ((ObjectNode) j.at("/base")).put("confidence", 0.995);
            ((ObjectNode) j.at("/liquidity")).put("sqrtImpactK", 0.8);
            ((ObjectNode) j.at("/concentration")).put("rate", 0.3);
            ((ObjectNode) j.at("/haircuts")).put("confidence", 0.995);
            ((ObjectNode) j.at("/thresholds")).put("warning", 0.75);
            j.put("imToMm", 2);
        });
        Explanation e = explain(ramm, edited);
        assertThat(e.fields()).hasSize(8);
        assertThat(e.parts()).hasSize(PolicyChangeExplain.MAX_PLAYERS);
        Part other = e.parts().get(e.parts().size() - 1);
        assertThat(other.label()).isEqualTo("other fields (3)");
        assertThat(other.fields()).extracting(PolicyChangeExplain.Field::label).contains("thresholds.warning", "imToMm");
        sumsToTheChange(e);
        assertThat(e.evaluations()).isLessThanOrEqualTo(8 + 64);
    }

    @Test
    void fieldsThatMustMoveTogetherArePlayedAsTheirBlock() throws Exception {
        Policy span = PolicyPresets.load("span");
        // warning 0.8 -> 1.1 alone is above the liquidation level 1.0: not a policy
        Policy edited = edit(span, j -> {
            ((ObjectNode) j.at("/thresholds")).put("warning", 1.1);
            ((ObjectNode) j.at("/thresholds")).put("liquidation", 1.2);
            ((ObjectNode) j.at("/stress/span")).put("volScanRange", 0.3);
        });
        Explanation e = explain(span, edited);
        assertThat(e.grouping()).isEqualTo(PolicyChangeExplain.Grouping.BLOCKS);
        assertThat(e.parts()).extracting(Part::label).containsExactly("stress.span.volScanRange", "thresholds (2 fields)");
        assertThat(e.parts().get(1).part()).isZero();
        assertThat(e.parts().get(0).part()).isEqualTo(e.change());
        sumsToTheChange(e);
    }

    @Test
    void theWorkedExampleOfTheMethodology() throws Exception {
        // docs/methodology.md section 16.7: deribit-pm on the strangle, BTC price range 0.16 -> 0.20, mmFactor 0.8 -> 0.9
        Policy pm = PolicyPresets.load("deribit-pm");
        Policy edited = edit(pm, j -> {
            ((ObjectNode) j.at("/exchange/parameters/pairs/BTC")).put("priceRange", 0.20);
            ((ObjectNode) j.at("/exchange/parameters")).put("mmFactor", 0.9);
        });
        Explanation e = explain(pm, edited);
        assertThat(e.before().maintenanceMargin()).isCloseTo(160_729.89, within(0.005));
        assertThat(e.after().maintenanceMargin()).isCloseTo(231_174.58, within(0.005));
        assertThat(e.parts()).extracting(Part::label).containsExactly("exchange.parameters.mmFactor",
                "exchange.parameters.pairs.BTC.grid.priceRange");
        assertThat(e.parts().get(0).part()).isCloseTo(22_888.65, within(0.005));
        assertThat(e.parts().get(1).part()).isCloseTo(47_556.04, within(0.005));
        assertThat(mm(edit(pm, j -> ((ObjectNode) j.at("/exchange/parameters/pairs/BTC")).put("priceRange", 0.20))))
                .isCloseTo(205_488.52, within(0.005));
        assertThat(mm(edit(pm, j -> ((ObjectNode) j.at("/exchange/parameters")).put("mmFactor", 0.9))))
                .isCloseTo(180_821.12, within(0.005));
        sumsToTheChange(e);
    }
}
