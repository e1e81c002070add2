package io.marginscope.ui.live;

import io.marginscope.feed.MarginAlert;

/**
 * Live alerts for an audience: one notification on show at a time. The first alert shows at once;
 * the ones that come while it is on show are folded into one, shown when it goes, with the count
 * of the alerts it stands for. Time is given by the caller (the panel's frame clock), so the rule
 * needs no toolkit.
 */
final class AlertCoalescer {

    /** What to show: the latest alert and how many others it folds in. */
    record Notice(MarginAlert alert, int more) {

        /** "Margin liquidation" or "Margin liquidation (+3 more alerts)". */
        String title() {
            String t = "Margin " + alert.to().name().toLowerCase(java.util.Locale.ROOT);
            return more == 0 ? t : t + " (+" + more + " more alert" + (more == 1 ? "" : "s") + ")";
        }
    }

    private final long onShowMs;
    private long shownAt = Long.MIN_VALUE / 2;
    private MarginAlert pending;
    private int folded;

    /** @param onShowMs how long a notification stays on show */
    AlertCoalescer(long onShowMs) {
        this.onShowMs = onShowMs;
    }

    /** An alert came at {@code now}: the notice to show now, or null when one is on show (it is folded). */
    Notice offer(MarginAlert a, long now) {
        if (pending == null && now - shownAt >= onShowMs) {
            shownAt = now;
            return new Notice(a, 0);
        }
        pending = a;
        folded++;
        return null;
    }

    /** Called each frame: the folded notice once the one on show has gone, else null. */
    Notice poll(long now) {
        if (pending == null || now - shownAt < onShowMs) {
            return null;
        }
        Notice n = new Notice(pending, folded - 1);
        pending = null;
        folded = 0;
        shownAt = now;
        return n;
    }

    /** Live mode stopped: nothing pending. */
    void reset() {
        pending = null;
        folded = 0;
    }
}
