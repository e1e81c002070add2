package io.marginscope.feed;

import io.marginscope.margin.MarginResult.Zone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} points of a live session in a ring buffer of primitive arrays: memory is
 * fixed at construction, whatever the session's length. Not thread-safe: {@link LiveMargin} guards
 * it.
 */
public final class MarginTimeline {

    /**
     * One point.
     *
     * @param full whether MM was recomputed at this point's market
     */
    public record Point(Instant instant, double equity, double maintenanceMargin, double marginRatio, Zone zone,
                        boolean full) {
    }

    private static final Zone[] ZONES = Zone.values();

    private final int capacity;
    private final long[] seconds;
    private final int[] nanos;
    private final double[] equity;
    private final double[] mm;
    private final double[] ratio;
    private final byte[] zone;
    private final boolean[] full;
    private int next;
    private int size;
    private long appended;

    public MarginTimeline(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("timeline capacity must be >= 1");
        }
        this.capacity = capacity;
        seconds = new long[capacity];
        nanos = new int[capacity];
        equity = new double[capacity];
        mm = new double[capacity];
        ratio = new double[capacity];
        zone = new byte[capacity];
        full = new boolean[capacity];
    }

    void add(LiveState s) {
        seconds[next] = s.instant().getEpochSecond();
        nanos[next] = s.instant().getNano();
        equity[next] = s.equity();
        mm[next] = s.maintenanceMargin();
        ratio[next] = s.marginRatio();
        zone[next] = (byte) s.zone().ordinal();
        full[next] = s.full();
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        appended++;
    }

    public int capacity() {
        return capacity;
    }

    /** Points held (at most the capacity). */
    public int size() {
        return size;
    }

    /** Points ever added; those beyond the capacity were overwritten, oldest first. */
    public long appended() {
        return appended;
    }

    /** The i-th point held, 0 the oldest. */
    public Point get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        int k = Math.floorMod(next - size + i, capacity);
        return new Point(Instant.ofEpochSecond(seconds[k], nanos[k]), equity[k], mm[k], ratio[k], ZONES[zone[k]],
                full[k]);
    }

    /** The points held, oldest first (a copy). */
    public List<Point> points() {
        List<Point> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }
}
