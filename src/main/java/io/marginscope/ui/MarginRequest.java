package io.marginscope.ui;

import io.marginscope.model.Loaded;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.Policy;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;

/**
 * The inputs of one margin run, fixed when the run starts.
 *
 * @param book     the book
 * @param market   its snapshot with the analyst's vol and correlation overrides applied
 * @param history  the price history, or null when none is open
 * @param policy   the margin policy
 * @param settings Monte Carlo scenarios and seed (the risk settings' ones)
 */
public record MarginRequest(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history, Policy policy,
                            MarginCalculator.Settings settings) {
}
