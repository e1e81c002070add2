package io.marginscope.margin;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

import java.util.function.DoubleUnaryOperator;

/**
 * The one search for where adjusted equity meets maintenance margin, used by the liquidation price
 * ({@link LiquidationPrice}: one underlying moved, the others fixed), the liquidation surface (one
 * underlying or all together, under vol shocks), the what-if and the workstation's live tile.
 *
 * <p>The variable is a relative spot move x (spot times 1 + x). From x = 0, where adjusted equity -
 * MM is g0 > 0, the {@link #DOWN} or {@link #UP} ladder is walked outward to the first sign change
 * (no monotonicity assumed: a later crossing is never skipped to, while two crossings between
 * neighbouring points are not seen: the ladder sets the resolution), and the bracket is refined by
 * Brent's method (Apache Commons Math) until it is narrower than {@link #MOVE_ACCURACY} (about 1e-10
 * of the spot). None on the ladder means none: NaN.
 */
public final class LiquidationSolver {

    /** Relative down moves walked, nearest first (to -99%). */
    public static final double[] DOWN = {-0.005, -0.01, -0.02, -0.03, -0.05, -0.075, -0.1, -0.125, -0.15, -0.2,
            -0.25, -0.3, -0.35, -0.4, -0.5, -0.6, -0.7, -0.8, -0.9, -0.95, -0.98, -0.99};
    /** Relative up moves walked, nearest first (to +900%, spot x10). */
    public static final double[] UP = {0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35,
            0.4, 0.5, 0.6, 0.75, 1, 1.5, 2, 3, 5, 9};

    /** Absolute accuracy of the move: the root is known to about 1e-10 of today's spot. */
    public static final double MOVE_ACCURACY = 1e-10;
    /** Relative accuracy of the move (Brent's own stop, far below {@link #MOVE_ACCURACY} here). */
    static final double RELATIVE_ACCURACY = 1e-14;
    static final int MAX_EVALUATIONS = 200;

    private LiquidationSolver() {
    }

    /**
     * The nearest move on one side at which {@code excess} (adjusted equity - MM at move x) changes sign.
     *
     * @param excess adjusted equity - MM as a function of the move
     * @param g0     its value at x = 0 (positive: the book is not breached)
     * @param down   walk {@link #DOWN} (else {@link #UP})
     * @return the move, NaN when the excess keeps its sign over the whole ladder
     */
    public static double crossing(DoubleUnaryOperator excess, double g0, boolean down) {
        return firstCrossing(excess, 0, g0, down ? DOWN : UP);
    }

    /**
     * The first sign change of f on a walk from x0 (where f is f0) through the points in the order given,
     * refined between the last two points; NaN when f keeps the sign of f0 at every point.
     */
    static double firstCrossing(DoubleUnaryOperator f, double x0, double f0, double[] points) {
        double prevX = x0;
        double prevF = f0;
        for (double x : points) {
            double fx = f.applyAsDouble(x);
            if (Math.signum(fx) != Math.signum(prevF)) {
                if (fx == 0) {
                    return x;
                }
                BrentSolver solver = new BrentSolver(RELATIVE_ACCURACY, MOVE_ACCURACY);
                return solver.solve(MAX_EVALUATIONS, f::applyAsDouble, Math.min(prevX, x), Math.max(prevX, x));
            }
            prevX = x;
            prevF = fx;
        }
        return Double.NaN;
    }
}
