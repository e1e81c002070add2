package io.marginscope.risk;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Daily closes of one asset, oldest first: {@code closes[i]} is the close (USD per coin) of
 * {@code dates.get(i)}. Dates strictly ascend (no duplicates); closes are positive and finite. Days
 * may be missing: crypto trades every day, so a missing day is a gap in the data (see
 * {@link #missingDays()}), never bridged.
 *
 * <p>The record holds an array: {@code equals} compares it by identity, and {@link #closes()}
 * returns the array itself (do not modify it).
 */
public record AssetPrices(String asset, List<LocalDate> dates, double[] closes) {

    public AssetPrices {
        Objects.requireNonNull(asset, "asset");
        dates = List.copyOf(dates);
        closes = closes.clone();
        if (dates.size() != closes.length) {
            throw new IllegalArgumentException(asset + ": one close per date");
        }
        for (int i = 0; i < closes.length; i++) {
            if (!(closes[i] > 0) || !Double.isFinite(closes[i])) {
                throw new IllegalArgumentException(asset + ": close on " + dates.get(i) + " must be positive and finite");
            }
            if (i > 0 && !dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException(asset + ": dates must strictly ascend (" + dates.get(i) + ")");
            }
        }
    }

    public int size() {
        return closes.length;
    }

    public boolean isEmpty() {
        return closes.length == 0;
    }

    public LocalDate first() {
        return dates.getFirst();
    }

    public LocalDate last() {
        return dates.getLast();
    }

    /** The dates as epoch days, for index arithmetic on the calendar. */
    long[] epochDays() {
        long[] days = new long[dates.size()];
        for (int i = 0; i < days.length; i++) {
            days[i] = dates.get(i).toEpochDay();
        }
        return days;
    }

    /** The prices on or before {@code date} (possibly none). */
    public AssetPrices upTo(LocalDate date) {
        int end = dates.size();
        while (end > 0 && dates.get(end - 1).isAfter(date)) {
            end--;
        }
        return end == dates.size() ? this
                : new AssetPrices(asset, dates.subList(0, end), Arrays.copyOf(closes, end));
    }

    /** Calendar days inside [first, last] that have no close: (last - first + 1) - size; 0 when empty. */
    public long missingDays() {
        if (isEmpty()) {
            return 0;
        }
        return last().toEpochDay() - first().toEpochDay() + 1 - size();
    }

    /** The first calendar day inside [first, last] without a close, or null when there is none. */
    public LocalDate firstMissingDay() {
        for (int i = 1; i < dates.size(); i++) {
            if (dates.get(i).toEpochDay() - dates.get(i - 1).toEpochDay() > 1) {
                return dates.get(i - 1).plusDays(1);
            }
        }
        return null;
    }
}
