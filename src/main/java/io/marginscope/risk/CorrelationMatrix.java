package io.marginscope.risk;

import java.util.List;

/**
 * A correlation matrix of named assets: {@code values[i][j]} is the correlation of
 * {@code assets.get(i)} and {@code assets.get(j)}; square, symmetric, finite.
 *
 * <p>The record holds an array: {@code values()} is a copy, and {@code equals} compares by identity.
 */
public record CorrelationMatrix(List<String> assets, double[][] values) {

    public CorrelationMatrix {
        assets = List.copyOf(assets);
        values = copy(values);
        int n = assets.size();
        if (new java.util.HashSet<>(assets).size() != n) {
            throw new IllegalArgumentException("an asset is listed twice: " + assets);
        }
        if (values.length != n) {
            throw new IllegalArgumentException("one row per asset");
        }
        for (int i = 0; i < n; i++) {
            if (values[i].length != n) {
                throw new IllegalArgumentException("the matrix must be square");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(values[i][j]) || Math.abs(values[i][j] - values[j][i]) > 1e-12) {
                    throw new IllegalArgumentException("the matrix must be finite and symmetric");
                }
            }
        }
    }

    @Override
    public double[][] values() {
        return copy(values);
    }

    public int size() {
        return assets.size();
    }

    public double get(int i, int j) {
        return values[i][j];
    }

    /** The correlation of two assets; IllegalArgumentException when one is not in the matrix. */
    public double get(String a, String b) {
        return values[index(a)][index(b)];
    }

    public boolean has(String asset) {
        return assets.contains(asset);
    }

    private int index(String asset) {
        int i = assets.indexOf(asset);
        if (i < 0) {
            throw new IllegalArgumentException("no correlation for " + asset);
        }
        return i;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
