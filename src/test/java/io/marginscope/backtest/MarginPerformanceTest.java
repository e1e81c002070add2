package io.marginscope.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MarginPerformanceTest {

    static final LocalDate D1 = LocalDate.of(2024, 3, 1);
    static final List<LocalDate> DAYS = List.of(D1, D1.plusDays(1), D1.plusDays(2), D1.plusDays(3), D1.plusDays(4));

    @Test
    void byHand() {
        double[] pnl = {10, -30, 5, -50, 15};
        double[] margin = {10, 25, 50, 30, 50};
        MarginPerformance m = MarginPerformance.of(DAYS, pnl, margin);
        // total -50, mean margin 165 / 5 = 33, return on margin -50 / 33 = -1.5151515
        assertThat(m.totalPnl()).isEqualTo(-50);
        assertThat(m.meanMargin()).isEqualTo(33);
        assertThat(m.returnOnMargin()).isCloseTo(-50.0 / 33, within(1e-12));
        // mean -10; deviations 20, -20, 15, -40, 25 -> squares sum 3250, sd = sqrt(3250 / 4) = 28.5043856
        // Sharpe = -10 / 28.5043856 * sqrt(365) = -6.7024680
        assertThat(m.sharpe()).isCloseTo(-6.702467972551373, within(1e-9));
        // DD = sqrt((30^2 + 50^2) / 5) = sqrt(680) = 26.0768096; Sortino = -10 / 26.0768096 * sqrt(365) = -7.3264228
        assertThat(m.sortino()).isCloseTo(-7.326422768871264, within(1e-9));
        // increases: day 2 +15 (+150%), day 3 +25 (+100%), day 5 +20 (+66.7%)
        assertThat(m.largestIncrease().date()).isEqualTo(DAYS.get(2));
        assertThat(m.largestIncrease().absolute()).isEqualTo(25);
        assertThat(m.largestIncrease().relative()).isEqualTo(1.0);
        assertThat(m.largestRelativeIncrease().date()).isEqualTo(DAYS.get(1));
        assertThat(m.largestRelativeIncrease().relative()).isEqualTo(1.5);
        // exceptions: day 2 (-30 < -25, short 5) and day 4 (-50 < -30, short 20)
        assertThat(m.shortfallDays()).isEqualTo(2);
        assertThat(m.shortfallSum()).isEqualTo(25);
        assertThat(m.shortfallMax()).isEqualTo(20);
    }

    @Test
    void undefinedRatiosAreNaNAndNoIncreaseIsNull() {
        MarginPerformance one = MarginPerformance.of(List.of(D1), new double[] {5}, new double[] {10});
        assertThat(one.sharpe()).isNaN();
        assertThat(one.sortino()).isNaN(); // no losing day
        assertThat(one.largestIncrease()).isNull();
        assertThat(one.largestRelativeIncrease()).isNull();
        assertThat(one.shortfallDays()).isZero();
        assertThat(one.shortfallSum()).isZero();
        assertThat(one.shortfallMax()).isZero();

        MarginPerformance flat = MarginPerformance.of(DAYS, new double[] {1, 1, 1, 1, 1}, new double[] {5, 5, 4, 4, 3});
        assertThat(flat.sharpe()).isNaN(); // constant P&L
        assertThat(flat.largestIncrease()).isNull(); // the margin only falls
    }

    @Test
    void risingFromZeroHasAnAbsoluteButNoRelativeIncrease() {
        MarginPerformance m = MarginPerformance.of(DAYS.subList(0, 2), new double[] {1, -1}, new double[] {0, 10});
        assertThat(m.largestIncrease().absolute()).isEqualTo(10);
        assertThat(m.largestIncrease().relative()).isNaN();
        assertThat(m.largestRelativeIncrease()).isNull();
    }
}
