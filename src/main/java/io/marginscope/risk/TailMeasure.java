package io.marginscope.risk;

/**
 * VaR and ES of a simulated P&L vector, one convention for every simulation method:
 * k = ceil(n (1 - c) - 1e-9) (the 1e-9 absorbs floating-point noise in n (1 - c));
 * VaR = -(k-th smallest P&L), ES = -(mean of the k smallest P&Ls). So ES >= VaR always, and
 * both are losses (positive when the tail loses money).
 *
 * @param var   loss at the confidence
 * @param es    mean loss of the k worst scenarios
 * @param k     number of tail scenarios
 * @param order scenario indexes from the worst P&L up (ties in scenario order)
 */
public record TailMeasure(double var, double es, int k, int[] order) {

    public static int tailCount(int n, double confidence) {
        return Math.max(1, (int) Math.ceil(n * (1 - confidence) - 1e-9));
    }

    public static TailMeasure of(double[] pnl, double confidence) {
        int n = pnl.length;
        int k = tailCount(n, confidence);
        int[] order = sortedOrder(pnl);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += pnl[order[j]];
        }
        return new TailMeasure(-pnl[order[k - 1]], -sum / k, k, order);
    }

    /**
     * VaR and ES only, without the scenario order (null): selection in O(n), then the k smallest sorted
     * and summed in ascending order, so both numbers are bit for bit those of {@link #of}.
     */
    public static TailMeasure totals(double[] pnl, double confidence) {
        int n = pnl.length;
        int k = tailCount(n, confidence);
        double[] scratch = pnl.clone();
        double kth = select(scratch, n, k - 1);
        double[] smallest = new double[k];
        int m = 0;
        for (double x : pnl) {
            if (Double.compare(x, kth) < 0) {
                smallest[m++] = x;
            }
        }
        while (m < k) {
            smallest[m++] = kth;
        }
        java.util.Arrays.sort(smallest);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += smallest[j];
        }
        return new TailMeasure(-smallest[k - 1], -sum / k, k, null);
    }

    /** Indexes that sort the values ascending, stable, without boxing: sort (value, index) pairs packed in longs. */
    static int[] sortedOrder(double[] v) {
        int n = v.length;
        double[] copy = v.clone();
        java.util.Arrays.sort(copy);
        int[] order = new int[n];
        // map each value to its rank by binary search on the sorted copy, ties broken by index order
        int[] nextSlot = new int[n];
        for (int i = 0; i < n; i++) {
            int r = lowerBound(copy, v[i]);
            int slot = r + nextSlot[r]++;
            order[slot] = i;
        }
        return order;
    }

    private static int lowerBound(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], x) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** VaR only, by selection in O(n) on a scratch copy (for incremental VaR loops). */
    public static double valueAtRisk(double[] pnl, double confidence, double[] scratch) {
        int n = pnl.length;
        int k = tailCount(n, confidence);
        System.arraycopy(pnl, 0, scratch, 0, n);
        return -select(scratch, n, k - 1);
    }

    /** The element of rank r (0-based) of a[0..n), by quickselect; reorders a. */
    static double select(double[] a, int n, int r) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Double.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Double.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (r <= j) {
                hi = j;
            } else if (r >= i) {
                lo = i;
            } else {
                return a[r];
            }
        }
        return a[r];
    }
}
