package io.marginscope.io;

import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.stress.AssetShock;
import io.marginscope.stress.ScanRanges;
import io.marginscope.stress.ShockSet;
import io.marginscope.stress.SpanArray;
import io.marginscope.stress.StressGrid;
import io.marginscope.stress.StressScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ScenarioJson#write}: what it writes reads back to an equal scenario. */
class ScenarioJsonWriteTest {

    static StressScenario roundTrip(StressScenario s) throws InputException {
        return ScenarioJson.read(new TextSource("written.json", ScenarioJson.writeText(s)));
    }

    @Test
    void everyLibraryEpisodesAggregateMoveReadsBackEqual() throws Exception {
        List<StressScenario> library = ScenarioLibrary.all();
        assertThat(library).isNotEmpty();
        for (StressScenario s : library) {
            StressScenario single = s.aggregate();
            assertThat(roundTrip(single)).as(s.name()).isEqualTo(single);
        }
    }

    @Test
    void spanAndGridScenariosReadBackEqual() throws Exception {
        List<StressScenario> all = new ArrayList<>(SpanArray.of(List.of("BTC", "ETH"),
                new ScanRanges(Map.of("BTC", 0.16, "ETH", 0.2), 0.25), 0.25, 3, 0.35));
        all.addAll(StressGrid.of(List.of("BTC"), new ScanRanges(Map.of("BTC", 0.16), 0.2), 9, 0.45, 0.3));
        for (StressScenario s : all) {
            assertThat(roundTrip(s)).as(s.name()).isEqualTo(s);
        }
    }

    @Test
    void aCustomScenarioWithCorrelationsAndBothVolUnitsReadsBackEqualFromAFile(@TempDir Path dir) throws Exception {
        Map<String, AssetShock> shocks = new LinkedHashMap<>();
        shocks.put("BTC", new AssetShock(-0.25, 0.5, 10));
        shocks.put("ETH", AssetShock.points(-0.3125, -2.5));
        StressScenario s = new StressScenario("BTC crash, vol spike", "a custom stress", "desk", 
                new ShockSet(shocks, AssetShock.relative(-0.1, 0.2)), 2.5, 0.75,
                Map.of(new AssetPair("ETH", "BTC"), 0.95, new AssetPair("BTC", "SOL"), -0.1), List.of());
        Path file = dir.resolve("s.json");
        ScenarioJson.write(s, file);
        assertThat(ScenarioJson.read(file)).isEqualTo(s);
        // a scenario that moves nothing still has the one shock the reader asks for
        StressScenario none = StressScenario.of("flat", ShockSet.all(AssetShock.NONE));
        assertThat(roundTrip(none)).isEqualTo(none);
    }

    @Test
    void aPathScenarioIsRefused() throws Exception {
        StressScenario path = ScenarioLibrary.all().stream().filter(StressScenario::isPath).findFirst().orElseThrow();
        assertThatThrownBy(() -> ScenarioJson.write(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregate");
    }
}
