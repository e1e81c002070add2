package io.marginscope.margin.exchange;

import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code deribit-pm} on the sample books: every LINEAR position is margined, none left out. */
class DeribitPmSampleBooksTest {

    private static final Path SAMPLES = Path.of(System.getProperty("marginscope.projectDir", "."))
            .resolve("sample-portfolios");

    /**
     * btc-short-strangle.csv: four short USDC-settled BTC options and a USDC BTC perpetual. All are
     * margined in one USDC BTC risk matrix; the totals are 0.8 times its parts, and the book's margin
     * equals the risk matrix of the book split by hand.
     */
    @Test
    void shortStrangleIsFullyMargined() throws Exception {
        Portfolio book = PortfolioCsv.read(SAMPLES.resolve("btc-short-strangle.csv")).value();
        MarketSnapshot market = SnapshotJson.read(SAMPLES.resolve("btc-short-strangle.market.json")).value();
        MarginBreakdown mb = ExchangeMarginPreset.DERIBIT_PM.compute(book, market);

        assertThat(mb.errors()).isEmpty();
        assertThat(mb.complete()).isTrue();
        assertThat(mb.maintenanceUsd()).isPositive();

        DeribitPmBooks.Split split = DeribitPmBooks.split(book, market);
        assertThat(split.books()).isEmpty();
        assertThat(split.linearBooks()).singleElement().satisfies(b -> assertThat(b.holdings())
                .extracting(DeribitPmBook.Holding::name)
                .containsExactlyElementsOf(book.positions().stream().filter(p -> p.type() != InstrumentType.SPOT)
                        .map(Position::id).toList()));
        DeribitPmLinearResult r = DeribitPmLinear.simulate(split.linearBooks().get(0), DeribitPmLinearParameters.BTC);
        assertThat(r.initialRiskVectors()).hasSize(5);

        double worst = mb.componentsUsd().get("USDC.BTC.worstCase");
        double roll = mb.componentsUsd().get("USDC.BTC.rollShock");
        double delta = mb.componentsUsd().get("USDC.BTC.deltaShock");
        assertThat(worst).isPositive();
        assertThat(roll).isCloseTo(0.01 * 1.4 * 92_300, within(1e-9)); // the perpetual only
        assertThat(mb.maintenanceUsd()).isCloseTo(0.8 * (worst + roll + delta), within(1e-6));
        assertThat(mb.maintenanceUsd()).isCloseTo(r.maintenanceMarginUsd(), within(1e-9));
        assertThat(mb.initialUsd()).isCloseTo(r.initialMarginUsd(), within(1e-9));
        // the worst scenario is the +500% extended move: the 16 short calls lose about 7.0m USD there
        // (the perpetual is clamped to +16%), counted at 0.16 / 5 of the loss minus the 25,000 USD
        // dampener, about 199,600 USD, more than any standard scenario (the assumed fraction is flagged)
        assertThat(r.worstCase().source()).isEqualTo("extended");
        assertThat(r.worstCase().priceMove()).isEqualTo(5.0);
        assertThat(r.worstCase().loss()).isCloseTo(0.16 / 5 * -r.preAggregated().extended(7) - 25_000, within(1e-6));
        assertThat(r.worstCase().loss()).isGreaterThan(-r.aggregated().standard(24));
        assertThat(mb.warnings()).anySatisfy(w -> assertThat(w).contains("extended-table move 5.0"));
    }

    /**
     * deribit-options-book.json (mixed): the inverse BTC and ETH books as before, plus the USDC ETH
     * perpetual and the USDC SOL put, SOL with ETH's parameters and a warning saying so.
     */
    @Test
    void mixedDeribitBookIsFullyMargined() throws Exception {
        MarketSnapshot market = SnapshotJson.read(SAMPLES.resolve("deribit-options-book.market.json")).value();
        Portfolio book = PortfolioFiles.read(SAMPLES.resolve("deribit-options-book.json"), market).value();
        MarginBreakdown mb = ExchangeMarginPreset.DERIBIT_PM.compute(book, market);
        assertThat(mb.complete()).isTrue();
        assertThat(mb.componentsUsd()).containsKeys("BTC.maintenance", "ETH.maintenance", "USDC.ETH.maintenance",
                "USDC.SOL.maintenance");
        // 25 ETH of ETH_USDC-PERPETUAL at 3,110: 25 * 3,110 * 0.18 = 13,995 USD at -18%
        assertThat(mb.componentsUsd().get("USDC.ETH.worstCase")).isCloseTo(13_995, within(1e-6));
        assertThat(mb.warnings()).anySatisfy(w -> assertThat(w).startsWith("USDC.SOL:").contains("ETH"));
        assertThat(mb.warnings()).anySatisfy(w -> assertThat(w).startsWith("USDC: the risk matrices of ETH, SOL"));
        double sum = mb.componentsUsd().entrySet().stream().filter(e -> e.getKey().endsWith(".maintenance"))
                .mapToDouble(java.util.Map.Entry::getValue).sum();
        assertThat(mb.maintenanceUsd()).isCloseTo(sum, within(1e-6));
    }
}
