package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VolModelsTest {

    @Test
    void namesBuildTheirModels() {
        assertThat(VolModels.of("historical", 0.94, 250)).isEqualTo(new HistoricalVol(250));
        assertThat(VolModels.of("EWMA", 0.97, 250)).isEqualTo(new EwmaVol(0.97));
        assertThat(VolModels.of("garch", 0.97, 250)).isEqualTo(new GarchVol(false, 0.97));
        assertThat(VolModels.of("snapshot", 0.94, 250, 0.55, 365)).isEqualTo(new SnapshotVol(0.55, 365));
        assertThat(VolModels.of("ewma", 0.94, 250, 0.55, 365)).isEqualTo(new EwmaVol(0.94));
        for (String name : VolModels.NAMES) {
            assertThat(VolModels.of(name, 0.94, 30, 0.5, 365).name()).isEqualTo(name);
        }
    }

    @Test
    void unknownNamesAndPerAssetSnapshotAreExplained() {
        assertThatThrownBy(() -> VolModels.of("garch2", 0.94, 250))
                .hasMessage("unknown vol model 'garch2': expected one of snapshot, historical, ewma, garch");
        assertThatThrownBy(() -> VolModels.of("snapshot", 0.94, 250)).hasMessageContaining("SnapshotVol");
        assertThatThrownBy(() -> VolModels.of("ewma", 1.5, 250)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotVolIsTheGivenVolWhateverTheReturns() {
        SnapshotVol s = new SnapshotVol(0.73, 365);
        double[] r = {0.1, -0.2, 0.3};
        assertThat(s.forecastAnnualVol(r, 1, 365)).isEqualTo(0.73);
        assertThat(s.forecastAnnualVol(r, 10, 250)).isEqualTo(0.73);
        assertThat(s.conditionalDailyVols(r)).containsExactly(new double[] {0.73 / Math.sqrt(365),
                0.73 / Math.sqrt(365), 0.73 / Math.sqrt(365)}, within(0.0));
        assertThat(s.estimate(r, 2, 365)).isEqualTo(new VolForecast(0.73, "snapshot", java.util.List.of()));
        assertThatThrownBy(() -> new SnapshotVol(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
