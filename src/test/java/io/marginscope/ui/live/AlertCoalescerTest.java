package io.marginscope.ui.live;

import io.marginscope.feed.MarginAlert;
import io.marginscope.margin.MarginResult.Zone;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Eight alerts in a burst make two notifications: the first, then the last with the count of the rest. */
class AlertCoalescerTest {

    static MarginAlert alert(int i, Zone to) {
        return new MarginAlert(Instant.ofEpochSecond(i), Zone.OK, to, 0.9 + i / 100.0, 0.8, true);
    }

    @Test
    void aBurstShowsOneNoticeAtATimeWithTheCountOfTheOthers() {
        AlertCoalescer c = new AlertCoalescer(6_000);
        AlertCoalescer.Notice first = c.offer(alert(0, Zone.WARNING), 0);
        assertThat(first).isNotNull();
        assertThat(first.title()).isEqualTo("Margin warning");
        for (int i = 1; i < 8; i++) {
            assertThat(c.offer(alert(i, i % 2 == 0 ? Zone.WARNING : Zone.LIQUIDATION), i * 100L)).isNull();
        }
        assertThat(c.poll(5_999)).as("the first is still on show").isNull();
        AlertCoalescer.Notice folded = c.poll(6_000);
        assertThat(folded.alert()).isEqualTo(alert(7, Zone.LIQUIDATION));
        assertThat(folded.more()).isEqualTo(6);
        assertThat(folded.title()).isEqualTo("Margin liquidation (+6 more alerts)");
        assertThat(c.poll(20_000)).isNull();
        // quiet for a while: the next alert shows at once
        assertThat(c.offer(alert(9, Zone.OK), 20_000)).isNotNull();
    }

    @Test
    void resetDropsWhatWasPending() {
        AlertCoalescer c = new AlertCoalescer(6_000);
        c.offer(alert(0, Zone.WARNING), 0);
        c.offer(alert(1, Zone.LIQUIDATION), 10);
        c.reset();
        assertThat(c.poll(10_000)).isNull();
    }
}
