package io.marginscope.ui.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.text.NumberFormat;
import java.text.ParseException;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workstation's one number reader and writer, under en_US and de_DE (and a space-grouping locale). */
class NumberTextTest {

    private static final NumberText US = NumberText.of(Locale.US);
    private static final NumberText DE = NumberText.of(Locale.GERMANY);

    @Test
    void germanUsesTheCommaForDecimalsAndTheDotForThousands() throws Exception {
        assertThat(DE.parse("0,5")).isEqualTo(0.5);
        assertThat(DE.parse("-0,78")).isEqualTo(-0.78);
        assertThat(DE.parse("1.234,5")).isEqualTo(1234.5);
        assertThat(DE.parse("1.234.567")).isEqualTo(1_234_567.0);
        assertThat(DE.parse("70,5")).isEqualTo(70.5);
        assertThat(DE.parse("\u22122,5")).isEqualTo(-2.5);
        assertThat(DE.parse("+3")).isEqualTo(3.0);
        assertThat(DE.parse(",25")).isEqualTo(0.25);
        assertThat(DE.parse("2,5E3")).isEqualTo(2500.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"70.5", "0.5", "12.34", "1.2.3", "0,5,1", "1.23,4", "1x", "abc", "--1", "+-1", "1,", ","})
    void germanRefusesWhatIsNotOneGermanNumberInsteadOfCuttingIt(String text) {
        if (text.equals("1,")) {
            // a trailing decimal separator is still one number: 1
            assertThat(parsed(DE, text)).isEqualTo(1.0);
            return;
        }
        assertThatThrownBy(() -> DE.parse(text)).isInstanceOf(ParseException.class)
                .hasMessage("'" + text + "' is not a number");
    }

    @Test
    void englishUsesTheDotForDecimalsAndTheCommaForThousands() throws Exception {
        assertThat(US.parse("0.5")).isEqualTo(0.5);
        assertThat(US.parse("-0.78")).isEqualTo(-0.78);
        assertThat(US.parse("1,234.5")).isEqualTo(1234.5);
        assertThat(US.parse("70.5")).isEqualTo(70.5);
        assertThat(US.parse(" 1e-4 ")).isEqualTo(1e-4);
        assertThat(US.parse(".25")).isEqualTo(0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0,5", "-0,78", "1,2,3", "1.234,5", "12,34", "1.2.3", "1e", "1e99999", ""})
    void englishRefusesAGermanDecimalCommaAndBadGroups(String text) {
        assertThatThrownBy(() -> US.parse(text)).isInstanceOf(ParseException.class);
    }

    @Test
    void emptyAndOutOfRangeAreRefused() {
        assertThatThrownBy(() -> US.parse("   ")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> US.parse(null)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> US.parse("1e400")).isInstanceOf(ParseException.class)
                .hasMessageContaining("out of range");
    }

    @Test
    void aSpaceGroupingLocaleTakesAPlainOrANoBreakSpace() throws Exception {
        NumberText fr = NumberText.of(Locale.FRANCE);
        assertThat(fr.parse("1 234,5")).isEqualTo(1234.5);
        assertThat(fr.parse("1\u202f234,5")).isEqualTo(1234.5);
        assertThat(fr.parse("1\u00a0234\u00a0567")).isEqualTo(1_234_567.0);
        assertThatThrownBy(() -> fr.parse("1 23,5")).isInstanceOf(ParseException.class);
    }

    @Test
    void whatAFieldShowsReadsBackExactly() throws Exception {
        double[] values = {0, 1, -1.5, 0.1, 80_000, 1234.5678, -0.000123, 1e-9, 2_000_000.25, 0.3 - 0.1};
        for (double v : values) {
            assertThat(US.parse(US.format(v))).as("en_US %s", v).isEqualTo(v);
            assertThat(DE.parse(DE.format(v))).as("de_DE %s", v).isEqualTo(v);
        }
        assertThat(US.format(-1.5)).isEqualTo("-1.5");
        assertThat(DE.format(-1.5)).isEqualTo("-1,5");
        assertThat(DE.format(80_000)).isEqualTo("80000");
        assertThat(US.format(Double.NaN)).isEmpty();
    }

    /** The reader takes what java.text's own grouped format writes in the same locale (an independent writer). */
    @Test
    void readsWhatTheLocalesNumberFormatWrites() throws Exception {
        double[] values = {1234.5, -98_765.25, 0.125, 1_000_000, 12_345_678.875, -0.5};
        for (Locale locale : new Locale[] {Locale.US, Locale.GERMANY, Locale.FRANCE, Locale.UK}) {
            NumberFormat f = NumberFormat.getNumberInstance(locale);
            f.setMaximumFractionDigits(10);
            f.setGroupingUsed(true);
            NumberText reader = NumberText.of(locale);
            for (double v : values) {
                assertThat(reader.parse(f.format(v))).as("%s %s", locale, f.format(v)).isEqualTo(v);
            }
        }
    }

    @Test
    void aPercentIsDividedByAHundred() throws Exception {
        assertThat(DE.parsePercentOrPlain("60 %")).isEqualTo(0.6);
        assertThat(DE.parsePercentOrPlain("-35,5%")).isEqualTo(-0.355);
        assertThat(US.parsePercentOrPlain("0.6")).isEqualTo(0.6);
        assertThatThrownBy(() -> US.parsePercentOrPlain("0,6%")).isInstanceOf(ParseException.class);
    }

    private static double parsed(NumberText t, String text) {
        try {
            return t.parse(text);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
