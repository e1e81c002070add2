package io.marginscope.stress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The shocks of one market move: one per named asset, and a default for the assets not named
 * ({@link AssetShock#NONE} when assets not named stay where they are).
 *
 * @param byAsset      per asset symbol (upper case), in the order given
 * @param defaultShock for every asset not in {@code byAsset}
 */
public record ShockSet(Map<String, AssetShock> byAsset, AssetShock defaultShock) {

    /** The key that names the default shock in scenario files ({@code "default"}). */
    public static final String DEFAULT_KEY = "default";

    public ShockSet {
        Objects.requireNonNull(defaultShock, "defaultShock");
        Map<String, AssetShock> copy = new LinkedHashMap<>();
        byAsset.forEach((asset, shock) -> {
            String symbol = asset.trim().toUpperCase(Locale.ROOT);
            if (symbol.isEmpty()) {
                throw new IllegalArgumentException("an asset symbol is empty");
            }
            if (copy.put(symbol, Objects.requireNonNull(shock, asset)) != null) {
                throw new IllegalArgumentException("asset " + symbol + " is shocked twice");
            }
        });
        byAsset = Collections.unmodifiableMap(copy);
    }

    /** Only the named assets move. */
    public static ShockSet of(Map<String, AssetShock> byAsset) {
        return new ShockSet(byAsset, AssetShock.NONE);
    }

    /** Every asset moves alike. */
    public static ShockSet all(AssetShock shock) {
        return new ShockSet(Map.of(), shock);
    }

    /** The shock of an asset: its own, else the default. */
    public AssetShock forAsset(String symbol) {
        AssetShock s = byAsset.get(symbol);
        return s != null ? s : defaultShock;
    }

    public boolean names(String symbol) {
        return byAsset.containsKey(symbol);
    }

    public boolean hasDefault() {
        return !defaultShock.isNone();
    }

    /** Every shock (named and default) transformed. */
    public ShockSet map(UnaryOperator<AssetShock> f) {
        Map<String, AssetShock> out = new LinkedHashMap<>();
        byAsset.forEach((a, s) -> out.put(a, f.apply(s)));
        return new ShockSet(out, f.apply(defaultShock));
    }
}
