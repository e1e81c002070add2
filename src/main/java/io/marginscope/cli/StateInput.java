package io.marginscope.cli;

import io.marginscope.analysis.MarginExplain;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.StateJson;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.PriceHistory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A state file of {@code explain} with everything it names loaded. */
record StateInput(StateJson file, MarginExplain.State state, List<String> warnings) {

    static StateInput load(Path path) throws InputException {
        StateJson s = StateJson.read(path);
        Loaded<MarketSnapshot> m = SnapshotJson.read(s.market());
        MarketSnapshot market = s.asOf() == null ? m.value() : m.value().withAsOf(s.asOf());
        Loaded<Portfolio> book = PortfolioFiles.read(s.portfolio(), market);
        List<String> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(book.warnings());
        for (String u : book.value().underlyings()) {
            if (!market.has(u)) {
                throw new InputException(s.market().toString(), 0, "assets." + u, "missing: the portfolio "
                        + s.portfolio().getFileName() + " (state " + path.getFileName() + ") holds " + u);
            }
        }
        Portfolio p = s.tier() == null ? book.value() : book.value().withTier(s.tier());
        Loaded<PriceHistory> history = s.history() == null ? null : PriceHistoryFiles.read(s.history());
        return new StateInput(s, new MarginExplain.State(p, market, PolicyPresets.load(s.policy()), history),
                warnings);
    }
}
