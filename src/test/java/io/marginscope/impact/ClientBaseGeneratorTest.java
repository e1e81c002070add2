package io.marginscope.impact;

import io.marginscope.io.SnapshotJson;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic base: deterministic per account, 1 to 20 positions, the documented mixture. */
class ClientBaseGeneratorTest {

    static MarketSnapshot market() throws Exception {
        return SnapshotJson.read(Path.of(System.getProperty("marginscope.projectDir", "."))
                .resolve("sample-portfolios/btc-eth-basis.market.json")).value();
    }

    @Test
    void accountsDependOnlyOnSeedAndIndexAndHaveOneToTwentyPositions() throws Exception {
        MarketSnapshot m = market();
        ClientBaseGenerator a = new ClientBaseGenerator(m, 42);
        ClientBaseGenerator b = new ClientBaseGenerator(m, 42);
        assertThat(a.account(1234)).isEqualTo(b.account(1234));
        assertThat(a.account(1234)).isNotEqualTo(new ClientBaseGenerator(m, 43).account(1234));
        int options = 0;
        int shortPerps = 0;
        int spotOnly = 0;
        int basis = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            Portfolio p = a.account(i);
            assertThat(p.positions()).hasSizeBetween(1, 20);
            assertThat(p.name()).isEqualTo(ClientBaseGenerator.accountName(i + 1));
            assertThat(p.positions().stream().map(Position::id).distinct().count()).isEqualTo(p.positions().size());
            boolean anyOption = p.positions().stream().anyMatch(x -> x.type().isOption());
            options += anyOption ? 1 : 0;
            if (p.positions().stream().allMatch(x -> x.type() == InstrumentType.SPOT)) {
                spotOnly++;
            }
            if (p.positions().stream().anyMatch(x -> x.type() == InstrumentType.FUTURE)
                    && p.positions().stream().anyMatch(x -> x.type() == InstrumentType.SPOT && !x.underlying().equals("USDC"))) {
                basis++;
            }
            if (p.positions().stream().filter(x -> x.type() == InstrumentType.PERP).allMatch(x -> x.quantity() < 0)
                    && p.positions().stream().anyMatch(x -> x.type() == InstrumentType.PERP)
                    && p.positions().stream().noneMatch(x -> x.type().isOption() || x.type() == InstrumentType.FUTURE)) {
                shortPerps++;
            }
        }
        // shares of the mixture (docs/impact.md), within sampling error of 4,000 draws
        assertThat(spotOnly / (double) n).isBetween(0.24, 0.32);        // spot holders 28%
        assertThat(shortPerps / (double) n).isBetween(0.09, 0.15);      // perpetual shorts 12%
        assertThat(options / (double) n).isBetween(0.22, 0.36);         // option sellers 15% + most active traders
        assertThat(basis / (double) n).isBetween(0.08, 0.22);           // basis 10% + some active traders
    }
}
