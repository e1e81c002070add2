package io.marginscope.feed;

import java.time.Duration;

/**
 * Reconnect delays: {@code min(max, initial * multiplier^attempt)}, attempt counting from 0 after
 * the last good connection, each spread by +-jitter (a fraction) so that many clients dropped at
 * once do not come back at once.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < initial <= max");
        }
        if (!(multiplier >= 1) || !(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("backoff: multiplier >= 1, 0 <= jitter < 1");
        }
    }

    /** 1 s, doubling, at most 30 s, +-20%. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);
    }

    /**
     * The delay before reconnect attempt {@code attempt} (0 = the first after a drop).
     *
     * @param unit a number in [0, 1) (a uniform draw) that sets the jitter
     */
    public Duration delay(int attempt, double unit) {
        double base = initial.toNanos() * Math.pow(multiplier, Math.min(attempt, 62));
        double capped = Math.min(base, max.toNanos());
        double spread = capped * (1 + jitter * (2 * unit - 1));
        return Duration.ofNanos(Math.max(1, Math.round(spread)));
    }
}
