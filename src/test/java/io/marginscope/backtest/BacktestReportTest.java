package io.marginscope.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacktestReportTest {

    static final LocalDate START = LocalDate.of(2024, 1, 1);

    static List<LocalDate> days(int n) {
        List<LocalDate> d = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            d.add(START.plusDays(t));
        }
        return d;
    }

    @Test
    void assemblesEveryTestOnTheSameExceptions() {
        int n = 250;
        double[] pnl = new double[n];
        double[] var = new double[n];
        for (int t = 0; t < n; t++) {
            var[t] = 100;
            pnl[t] = t % 2 == 0 ? 20 : -20;
        }
        int[] hitDays = {10, 11, 100, 180, 200, 240};
        for (int t : hitDays) {
            pnl[t] = -150;
        }
        pnl[50] = -100; // exactly -var: not an exception (pnl < -var is)
        BacktestSeries series = new BacktestSeries(days(n), pnl, var, null);
        BacktestReport r = BacktestReport.of(series, 0.99, new EsSimulation(Predictive.normal(), 500, 42));

        assertThat(r.observations()).isEqualTo(250);
        assertThat(r.exceptions()).isEqualTo(6);
        assertThat(r.expectedExceptions()).isEqualTo(2.5);
        assertThat(r.exceptionDates()).containsExactly(START.plusDays(10), START.plusDays(11), START.plusDays(100),
                START.plusDays(180), START.plusDays(200), START.plusDays(240));
        assertThat(r.kupiec()).isEqualTo(Kupiec.test(250, 6, 0.99));
        assertThat(r.christoffersen().n11()).isEqualTo(1);
        assertThat(r.trafficLight().zoneName()).isEqualTo("YELLOW");
        assertThat(r.trafficLight().plusFactor()).isEqualTo(0.50);
        assertThat(r.esTest().esFromInput()).isFalse();
        assertThat(r.esTest().z2()).isLessThan(0);
        assertThat(r.performance().shortfallDays()).isEqualTo(6);
        assertThat(r.performance().shortfallMax()).isEqualTo(50);
    }

    @Test
    void expectedExceptionsInDecimal() {
        assertThat(BacktestReport.expectedExceptions(250, 0.99)).isEqualTo(2.5);
        assertThat(BacktestReport.expectedExceptions(500, 0.975)).isEqualTo(12.5);
    }

    @Test
    void seriesChecksItsInput() {
        List<LocalDate> two = days(2);
        assertThatThrownBy(() -> new BacktestSeries(List.of(START, START), new double[2], new double[] {1, 1}, null))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> new BacktestSeries(two, new double[2], new double[] {1, 0}, null))
                .hasMessageContaining("var");
        assertThatThrownBy(() -> new BacktestSeries(two, new double[2], new double[] {1, 1}, new double[] {2, 0.5}))
                .hasMessageContaining("es");
        assertThatThrownBy(() -> new BacktestSeries(List.of(), new double[0], new double[0], null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
