package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Named construction of the risk settings and the one home of their defaults. */
class RiskParametersTest {

    @Test
    void theDefaultsAreTheContractsAndLiveInOnePlace() {
        RiskParameters d = RiskParameters.defaults();
        // FORMATS.md section 5: 99%, 2 days, parametric, snapshot vols, RiskMetrics' 0.94, 365 days, 10,000, 42
        assertThat(d).isEqualTo(new RiskParameters(0.99, 2, RiskMethod.PARAMETRIC, "snapshot", 0.94, 365, 10_000, 42L,
                0, 0));
        assertThat(RiskParameters.DEFAULT_EWMA_LAMBDA).isEqualTo(EwmaVol.RISKMETRICS_LAMBDA).isEqualTo(0.94);
        assertThat(RiskParameters.builder().build()).isEqualTo(d);
    }

    @Test
    void theBuilderSetsEachSettingByNameAndChecksLikeTheConstructor() {
        RiskParameters p = RiskParameters.builder().confidence(0.975).horizonDays(5).method(RiskMethod.MONTECARLO)
                .volModel("ewma").ewmaLambda(0.97).windowDays(250).scenarios(2_000).seed(7).studentDof(4)
                .volOfVol(0.5).build();
        assertThat(p).isEqualTo(new RiskParameters(0.975, 5, RiskMethod.MONTECARLO, "ewma", 0.97, 250, 2_000, 7L, 4,
                0.5));
        assertThat(p.toBuilder().seed(8).build()).isEqualTo(p.withScenarios(2_000, 8));
        assertThatThrownBy(() -> RiskParameters.builder().confidence(0.4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
    }
}
