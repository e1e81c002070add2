package io.marginscope.margin;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.util.List;

/** The stress component: the worst weighted loss over the policy's scenario sets. */
final class StressComponent {

    private StressComponent() {
    }

    static double worstLoss(Policy.Stress stress, Portfolio book, MarketSnapshot market, List<String> warnings) {
        throw new UnsupportedOperationException("wired when the stress library lands");
    }
}
