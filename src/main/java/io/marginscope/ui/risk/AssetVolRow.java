package io.marginscope.ui.risk;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One asset of the book in the vol override table: the snapshot's vol, the vol the last run used
 * (after the vol model), and the analyst's override of the snapshot vol (null when none).
 */
public final class AssetVolRow {

    private final String asset;
    private final double snapshotVol;
    private final ReadOnlyDoubleWrapper usedVol = new ReadOnlyDoubleWrapper(this, "usedVol", Double.NaN);
    private final ObjectProperty<Double> override = new SimpleObjectProperty<>(this, "override");

    AssetVolRow(String asset, double snapshotVol) {
        this.asset = asset;
        this.snapshotVol = snapshotVol;
    }

    public String asset() {
        return asset;
    }

    public double snapshotVol() {
        return snapshotVol;
    }

    public ReadOnlyDoubleProperty usedVolProperty() {
        return usedVol.getReadOnlyProperty();
    }

    void setUsedVol(double v) {
        usedVol.set(v);
    }

    /** The override as an annual vol (0.6 = 60%), or null for the snapshot's vol. */
    public ObjectProperty<Double> overrideProperty() {
        return override;
    }
}
