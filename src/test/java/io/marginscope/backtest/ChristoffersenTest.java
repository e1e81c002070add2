package io.marginscope.backtest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChristoffersenTest {

    static boolean[] seq(int... bits) {
        boolean[] b = new boolean[bits.length];
        for (int i = 0; i < bits.length; i++) {
            b[i] = bits[i] == 1;
        }
        return b;
    }

    @Test
    void clusteredExceptions() {
        // 0 0 1 1 1 0 0 0 0 0: pairs 00 01 11 11 10 00 00 00 00 -> n00 = 5, n01 = 1, n10 = 1, n11 = 2
        // pi = 3/9 = 1/3, pi0 = 1/6, pi1 = 2/3
        // ln L0 = 6 ln(2/3) + 3 ln(1/3) = 6(-0.4054651) + 3(-1.0986123) = -2.4327906 - 3.2958369 = -5.7286275
        // ln L1 = 5 ln(5/6) + ln(1/6) + ln(1/3) + 2 ln(2/3)
        //       = -0.9116078 - 1.7917595 - 1.0986123 - 0.8109302 = -4.6129098
        // LR_ind = 11.4572550 - 9.2258196 = 2.2314355, p = 0.1352282
        // Kupiec at c = 0.90 (p = 0.1), n = 10, x = 3:
        //   LR_pof = -2(7 ln 0.9 + 3 ln 0.1) + 2(7 ln 0.7 + 3 ln 0.3) = 14.2503 - 11.1770 = 3.0732717
        // LR_cc = 3.0732717 + 2.2314355 = 5.3047072, p = P(chi2(2) >= 5.3047) = exp(-5.3047/2) = 0.0704851
        Christoffersen c = Christoffersen.test(seq(0, 0, 1, 1, 1, 0, 0, 0, 0, 0), 0.90);
        assertThat(new int[] {c.n00(), c.n01(), c.n10(), c.n11()}).containsExactly(5, 1, 1, 2);
        assertThat(c.lrInd()).isCloseTo(2.231435513142097, within(1e-12));
        assertThat(c.pValueInd()).isCloseTo(0.13522815768706561, within(1e-9));
        assertThat(c.lrCc()).isCloseTo(5.304707249218067, within(1e-12));
        assertThat(c.pValueCc()).isCloseTo(Math.exp(-5.304707249218067 / 2), within(1e-9));
    }

    @Test
    void transitionsAsLikelyAfterAnExceptionGiveZero() {
        // 0 0 1 1 0 0 0 1 0 0: n00 = 4, n01 = 2, n10 = 2, n11 = 1; pi = pi0 = pi1 = 1/3, so L0 = L1
        Christoffersen c = Christoffersen.test(seq(0, 0, 1, 1, 0, 0, 0, 1, 0, 0), 0.90);
        assertThat(new int[] {c.n00(), c.n01(), c.n10(), c.n11()}).containsExactly(4, 2, 2, 1);
        assertThat(c.lrInd()).isCloseTo(0.0, within(1e-12));
        assertThat(c.pValueInd()).isCloseTo(1.0, within(1e-12));
        assertThat(c.lrCc()).isCloseTo(Kupiec.test(10, 3, 0.90).lr(), within(1e-12));
    }

    @Test
    void noExceptions() {
        // n00 = 4, all other counts 0: pi = pi0 = 0, row 1 empty; every term is 4 ln 1 or 0 ln 0 -> LR_ind = 0
        // LR_cc = LR_pof = -2 * 5 ln 0.95 = 0.5129329
        Christoffersen c = Christoffersen.test(seq(0, 0, 0, 0, 0), 0.95);
        assertThat(c.lrInd()).isZero();
        assertThat(c.pValueInd()).isEqualTo(1.0);
        assertThat(c.lrCc()).isCloseTo(0.5129329438755058, within(1e-12));
        assertThat(c.pValueCc()).isCloseTo(0.7737809374999999, within(1e-9));
    }

    @Test
    void onlyExceptions() {
        // n11 = 4: pi = pi1 = 1, row 0 empty -> LR_ind = 0; LR_cc = LR_pof = -2 * 5 ln 0.05 = 29.9573227
        Christoffersen c = Christoffersen.test(seq(1, 1, 1, 1, 1), 0.95);
        assertThat(c.n11()).isEqualTo(4);
        assertThat(c.lrInd()).isZero();
        assertThat(c.lrCc()).isCloseTo(29.957322735539908, within(1e-10));
        assertThat(c.pValueCc()).isCloseTo(3.125e-7, within(1e-12));
    }

    @Test
    void singleObservationHasNoTransitions() {
        // no pairs: LR_ind = 0; one exception at 95%: LR_cc = LR_pof = -2 ln 0.05 = 5.9914645, p = exp(-2.9957) = 0.05
        Christoffersen c = Christoffersen.test(seq(1), 0.95);
        assertThat(c.n00() + c.n01() + c.n10() + c.n11()).isZero();
        assertThat(c.lrInd()).isZero();
        assertThat(c.lrCc()).isCloseTo(5.991464547107982, within(1e-12));
        assertThat(c.pValueCc()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void emptyRowWhenTheOnlyExceptionIsLast() {
        // 0 0 0 0 1: n00 = 3, n01 = 1, row 1 (after an exception) empty; pi = pi0 = 1/4 -> LR_ind = 0
        Christoffersen c = Christoffersen.test(seq(0, 0, 0, 0, 1), 0.95);
        assertThat(new int[] {c.n00(), c.n01(), c.n10(), c.n11()}).containsExactly(3, 1, 0, 0);
        assertThat(c.lrInd()).isZero();
        assertThat(c.lrCc()).isCloseTo(1.3977866668265078, within(1e-12));
    }

    @Test
    void aClusterOfFiveInAYearIsRejectedWhileSpreadOutIsNot() {
        boolean[] clustered = new boolean[250];
        boolean[] spread = new boolean[250];
        for (int k = 0; k < 5; k++) {
            clustered[100 + k] = true;
            spread[20 + 50 * k] = true;
        }
        assertThat(Christoffersen.test(clustered, 0.99).pValueInd()).isLessThan(0.001);
        assertThat(Christoffersen.test(spread, 0.99).pValueInd()).isGreaterThan(0.5);
    }

    @Property(tries = 300)
    void alwaysFiniteAndConsistent(@ForAll @Size(min = 1, max = 400) boolean[] hits) {
        Christoffersen c = Christoffersen.test(hits, 0.99);
        assertThat(c.n00() + c.n01() + c.n10() + c.n11()).isEqualTo(hits.length - 1);
        assertThat(c.lrInd()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(c.lrCc()).isFinite().isCloseTo(Kupiec.test(hits, 0.99).lr() + c.lrInd(), within(1e-9));
        assertThat(c.pValueInd()).isBetween(0.0, 1.0);
        assertThat(c.pValueCc()).isBetween(0.0, 1.0);
    }
}
