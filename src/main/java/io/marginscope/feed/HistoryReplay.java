package io.marginscope.feed;

import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The generator behind {@link ReplayFeed}: the daily closes of a price history over a window of
 * days, in calendar order.
 *
 * <p>Clock: the close of day D is stamped at the end of that UTC day, {@code D+1 00:00Z} (when the
 * daily candle closes). The first update is the close of {@code from}.
 *
 * <p>Intraday: with {@code stepsPerDay = 1} there is one update per day, the close itself. With
 * {@code stepsPerDay = N > 1}, each day after the first is filled by a Brownian bridge in log price
 * from the previous close to the day's close: N updates at {@code D 00:00Z + k/N day}, k = 1..N,
 * the last one exactly the close. The bridge's daily vol per asset is the root mean square (zero
 * mean) of the daily log returns of the {@value #VOL_LOOKBACK_DAYS} days up to {@code from}: the vol
 * known when the window starts, so a calm day stays calm and a crash day is mostly its own drift
 * (with fewer than 5 such returns, the window's own returns are used). Assets are bridged
 * independently (intraday correlation is not modelled), from one random stream seeded by
 * {@code seed}. Daily highs and lows are not used: the bridge may not reach a day's low.
 *
 * <p>Gaps: an asset without a close on day D sends nothing that day; on its next close it is
 * bridged from its last close. Not thread-safe (one feed thread drives it).
 */
public final class HistoryReplay {

    private final List<String> assets;
    private final LocalDate from;
    private final LocalDate to;
    private final int stepsPerDay;
    private final SplittableRandom rng;
    /** [asset] close per calendar day of the window, NaN when missing. */
    private final double[][] closes;
    private final double[] dailyVol;
    private final double[] lastClose;
    private final int days;
    private int day;
    private int step;
    private final double[][] bridge;

    /**
     * @param assets      the assets to replay, all held by the history
     * @param stepsPerDay 1 for one tick per day, N > 1 for a Brownian bridge of N steps per day
     * @throws IllegalArgumentException for an empty or reversed window, an asset the history does
     *                                  not hold, or no close of an asset inside the window
     */
    public HistoryReplay(PriceHistory history, List<String> assets, LocalDate from, LocalDate to, int stepsPerDay,
                         long seed) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("replay window: " + to + " is before " + from);
        }
        if (stepsPerDay < 1) {
            throw new IllegalArgumentException("steps per day must be >= 1");
        }
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("nothing to replay: no asset");
        }
        this.assets = List.copyOf(assets);
        this.from = from;
        this.to = to;
        this.stepsPerDay = stepsPerDay;
        this.rng = new SplittableRandom(seed);
        days = Math.toIntExact(to.toEpochDay() - from.toEpochDay() + 1);
        int n = assets.size();
        closes = new double[n][days];
        dailyVol = new double[n];
        lastClose = new double[n];
        bridge = new double[n][stepsPerDay + 1];
        for (int a = 0; a < n; a++) {
            AssetPrices p = history.of(assets.get(a));
            java.util.Arrays.fill(closes[a], Double.NaN);
            int found = 0;
            for (int i = 0; i < p.size(); i++) {
                long d = p.dates().get(i).toEpochDay() - from.toEpochDay();
                if (d >= 0 && d < days) {
                    closes[a][(int) d] = p.closes()[i];
                    found++;
                }
            }
            if (found == 0) {
                throw new IllegalArgumentException(assets.get(a) + ": no close between " + from + " and " + to
                        + " in the history (it has " + p.first() + " to " + p.last() + ")");
            }
            dailyVol[a] = bridgeVol(p, from, closes[a]);
            lastClose[a] = Double.NaN;
        }
    }

    /** Days of daily returns up to {@code from} behind the bridge's vol. */
    public static final int VOL_LOOKBACK_DAYS = 30;

    private static double bridgeVol(AssetPrices p, LocalDate from, double[] window) {
        LocalDate first = from.minusDays(VOL_LOOKBACK_DAYS);
        double[] before = new double[VOL_LOOKBACK_DAYS + 1];
        java.util.Arrays.fill(before, Double.NaN);
        for (int i = 0; i < p.size(); i++) {
            LocalDate d = p.dates().get(i);
            if (!d.isBefore(first) && !d.isAfter(from)) {
                before[(int) (d.toEpochDay() - first.toEpochDay())] = p.closes()[i];
            }
        }
        int count = 0;
        for (int d = 1; d < before.length; d++) {
            if (!Double.isNaN(before[d]) && !Double.isNaN(before[d - 1])) {
                count++;
            }
        }
        return count >= 5 ? rmsDailyReturn(before) : rmsDailyReturn(window);
    }

    private static double rmsDailyReturn(double[] c) {
        double sum = 0;
        int count = 0;
        for (int d = 1; d < c.length; d++) {
            if (!Double.isNaN(c[d]) && !Double.isNaN(c[d - 1])) {
                double r = Math.log(c[d] / c[d - 1]);
                sum += r * r;
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }

    /** The instant the close of {@code date} is stamped with: the end of that UTC day. */
    public static Instant closeInstant(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The next update, or null after the close of {@code to}. */
    public List<Tick> next() {
        while (day < days) {
            List<Tick> out = day == 0 ? firstDay() : intraday();
            if (out != null && !out.isEmpty()) {
                return Collections.unmodifiableList(out);
            }
        }
        return null;
    }

    /** The closes of the first day of the window (the start of each asset's path). */
    private List<Tick> firstDay() {
        List<Tick> out = new ArrayList<>();
        Instant at = closeInstant(from);
        for (int a = 0; a < assets.size(); a++) {
            double c = closes[a][0];
            if (!Double.isNaN(c)) {
                out.add(Tick.price(at, assets.get(a), c));
                lastClose[a] = c;
            }
        }
        day = 1;
        step = 0;
        return out;
    }

    /** Step {@code step + 1} of day {@code day}: a bridge point, or the close at the last step. */
    private List<Tick> intraday() {
        if (step == 0) {
            drawBridges();
        }
        step++;
        LocalDate date = from.plusDays(day);
        Instant at = date.atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(Duration.ofNanos(Math.round(86_400e9 * step / stepsPerDay)));
        List<Tick> out = new ArrayList<>();
        for (int a = 0; a < assets.size(); a++) {
            double c1 = closes[a][day];
            if (Double.isNaN(c1)) {
                continue;
            }
            double price;
            if (Double.isNaN(lastClose[a]) || step == stepsPerDay) {
                if (step != stepsPerDay) {
                    continue; // an asset whose first close is today starts at the close
                }
                price = c1;
            } else {
                double t = (double) step / stepsPerDay;
                price = Math.exp(Math.log(lastClose[a]) * (1 - t) + Math.log(c1) * t + bridge[a][step]);
            }
            out.add(Tick.price(at, assets.get(a), price));
        }
        if (step == stepsPerDay) {
            for (int a = 0; a < assets.size(); a++) {
                if (!Double.isNaN(closes[a][day])) {
                    lastClose[a] = closes[a][day];
                }
            }
            day++;
            step = 0;
        }
        return out;
    }

    /** B(k) = W(k) - (k/N) W(N) with W a random walk of N steps of variance dailyVol^2 / N. */
    private void drawBridges() {
        int n = stepsPerDay;
        for (int a = 0; a < assets.size(); a++) {
            double[] b = bridge[a];
            b[0] = 0;
            double sd = dailyVol[a] / Math.sqrt(n);
            for (int k = 1; k <= n; k++) {
                b[k] = b[k - 1] + (n > 1 ? sd * rng.nextGaussian() : 0);
            }
            double end = b[n];
            for (int k = 1; k <= n; k++) {
                b[k] -= end * k / n;
            }
        }
    }

    public List<String> assets() {
        return assets;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public int stepsPerDay() {
        return stepsPerDay;
    }

    /** The bridge's daily vol per asset (see the class comment). */
    public Map<String, Double> bridgeDailyVols() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int a = 0; a < assets.size(); a++) {
            out.put(assets.get(a), dailyVol[a]);
        }
        return out;
    }

    /** Updates this replay will emit: one for the first day, then stepsPerDay per following day. */
    public long expectedUpdates() {
        return 1 + (long) (days - 1) * stepsPerDay;
    }
}
