package io.marginscope.feed;

/**
 * Durations in a fixed histogram of 20,000 equal buckets plus an overflow bucket, with the exact
 * sum and maximum: fixed memory, percentiles to one bucket's width. Not thread-safe.
 */
public final class LatencyStats {

    /** A summary in microseconds; percentiles are bucket upper bounds (the max beyond the last bucket). */
    public record Summary(long count, double meanMicros, double p50Micros, double p99Micros, double maxMicros) {
    }

    private static final int BUCKETS = 20_000;

    private final long bucketNanos;
    private final long[] counts = new long[BUCKETS + 1];
    private long count;
    private long sum;
    private long max;

    private LatencyStats(long bucketNanos) {
        this.bucketNanos = bucketNanos;
    }

    /** 100 ns buckets up to 2 ms: tick updates. */
    public static LatencyStats fine() {
        return new LatencyStats(100);
    }

    /** 100 us buckets up to 2 s: full recomputes. */
    public static LatencyStats coarse() {
        return new LatencyStats(100_000);
    }

    public void record(long nanos) {
        long n = Math.max(0, nanos);
        counts[(int) Math.min(BUCKETS, n / bucketNanos)]++;
        count++;
        sum += n;
        max = Math.max(max, n);
    }

    public long count() {
        return count;
    }

    public Summary summary() {
        if (count == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        return new Summary(count, sum / 1e3 / count, percentile(0.50), percentile(0.99), max / 1e3);
    }

    private double percentile(double q) {
        long rank = (long) Math.ceil(q * count);
        long seen = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return b == BUCKETS ? max / 1e3 : Math.min(max, (b + 1) * bucketNanos) / 1e3;
            }
        }
        return max / 1e3;
    }
}
