package io.marginscope.ui.risk;

import io.marginscope.model.MarketSnapshot.AssetPair;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * One pair of the book's assets in the correlation editor: the correlation the settings give it
 * without the analyst's override (the snapshot's pair, else estimated on the price history, else
 * 0), the correlation the last run used (after the override and any repair to the nearest
 * correlation matrix), and the override (null when none). Both assets in book order.
 */
public final class CorrelationRow {

    private final String first;
    private final String second;
    private final ReadOnlyDoubleWrapper base = new ReadOnlyDoubleWrapper(this, "base", Double.NaN);
    private final ReadOnlyDoubleWrapper used = new ReadOnlyDoubleWrapper(this, "used", Double.NaN);
    private final ReadOnlyObjectWrapper<Double> override = new ReadOnlyObjectWrapper<>(this, "override");

    CorrelationRow(String first, String second) {
        this.first = first;
        this.second = second;
    }

    public String first() {
        return first;
    }

    public String second() {
        return second;
    }

    /** "BTC-ETH", as the editor and its messages name the pair. */
    public String name() {
        return first + "-" + second;
    }

    public AssetPair pair() {
        return new AssetPair(first, second);
    }

    boolean is(String a, String b) {
        return first.equals(a) && second.equals(b) || first.equals(b) && second.equals(a);
    }

    public ReadOnlyDoubleProperty baseProperty() {
        return base.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty usedProperty() {
        return used.getReadOnlyProperty();
    }

    void setBase(double v) {
        base.set(v);
    }

    void setUsed(double v) {
        used.set(v);
    }

    /** The analyst's correlation for the pair, or null for the base one (set through the view model, which checks it). */
    public ReadOnlyObjectProperty<Double> overrideProperty() {
        return override.getReadOnlyProperty();
    }

    void setOverride(Double v) {
        override.set(v);
    }
}
