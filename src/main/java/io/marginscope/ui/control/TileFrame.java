package io.marginscope.ui.control;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.events.TileEvt;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * Holds one TilesFX tile and gives it the theme's colours. A tile takes its colours as Java
 * {@link Color} values, not from CSS; this frame has three CSS properties
 * ({@code -ms-tile-background}, {@code -ms-tile-foreground}, {@code -ms-tile-value}) that the theme
 * sets from its named colours, and pushes them into the tile whenever the theme changes. So no
 * colour is written in Java, and switching the theme recolours the tiles.
 *
 * <p>Two traps of tiles inside a styled scene are handled here. A tile's skin sizes its texts with
 * {@code setFont}, and a CSS pass over the tile (a theme switch, a pseudo-class on an ancestor)
 * resets them to the inherited font of the scene; so after the theme's colours arrive the frame asks
 * the tile to resize its texts again, once CSS is done (in layout). And the "stale" look is a veil
 * laid over the tile ({@code .tile-veil}), shown or hidden, rather than a pseudo-class on the frame,
 * which would send CSS through the tile on every run.
 */
public final class TileFrame extends StackPane {

    private static final StyleablePropertyFactory<TileFrame> CSS =
            new StyleablePropertyFactory<>(StackPane.getClassCssMetaData());

    private final Tile tile;
    private final Region veil = new Region();
    private boolean refitTexts;
    private final StyleableProperty<Color> background =
            CSS.createStyleableColorProperty(this, "tileBackground", "-ms-tile-background", f -> f.background,
                    Color.TRANSPARENT);
    private final StyleableProperty<Color> foreground =
            CSS.createStyleableColorProperty(this, "tileForeground", "-ms-tile-foreground", f -> f.foreground,
                    Color.GRAY);
    private final StyleableProperty<Color> value =
            CSS.createStyleableColorProperty(this, "tileValue", "-ms-tile-value", f -> f.value, Color.GRAY);
    private final StyleableProperty<Color> ok =
            CSS.createStyleableColorProperty(this, "tileOk", "-ms-tile-ok", f -> f.ok, Color.GRAY);
    private final StyleableProperty<Color> warning =
            CSS.createStyleableColorProperty(this, "tileWarning", "-ms-tile-warning", f -> f.warning, Color.GRAY);
    private final StyleableProperty<Color> breach =
            CSS.createStyleableColorProperty(this, "tileBreach", "-ms-tile-breach", f -> f.breach, Color.GRAY);
    private Runnable onZoneColours = () -> { };

    public TileFrame(Tile tile) {
        this.tile = tile;
        getStyleClass().add("tile-frame");
        veil.getStyleClass().add("tile-veil");
        veil.setMouseTransparent(true);
        veil.setVisible(false);
        getChildren().addAll(tile, veil);
        asProperty(background).addListener((o, a, c) -> {
            tile.setBackgroundColor(c);
            refit();
        });
        asProperty(foreground).addListener((o, a, c) -> {
            tile.setForegroundBaseColor(c);
            tile.setValueColor(value.getValue());
            refit();
        });
        asProperty(value).addListener((o, a, c) -> {
            tile.setValueColor(c);
            refit();
        });
        for (StyleableProperty<Color> zone : List.of(ok, warning, breach)) {
            asProperty(zone).addListener((o, a, c) -> onZoneColours.run());
        }
    }

    /**
     * Called when the theme's zone colours ({@code -ms-tile-ok}, {@code -ms-tile-warning},
     * {@code -ms-tile-breach}) arrive or change, for tiles whose sections or bars take them.
     */
    public void setOnZoneColours(Runnable r) {
        this.onZoneColours = r;
        r.run();
    }

    public Color okColour() {
        return ok.getValue();
    }

    public Color warningColour() {
        return warning.getValue();
    }

    public Color breachColour() {
        return breach.getValue();
    }

    /** Dims the tile while its number is not for the current inputs. */
    public void setStale(boolean stale) {
        veil.setVisible(stale);
    }

    public boolean isStale() {
        return veil.isVisible();
    }

    /**
     * Sizes the tile's texts again at the next layout: after the theme's colours arrive, and when the
     * tile comes back into view (a tab shown again sends CSS through it, which resets its fonts).
     */
    public void refit() {
        refitTexts = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (refitTexts) {
            refitTexts = false;
            tile.fireTileEvt(new TileEvt(tile, TileEvt.RESIZE));
        }
    }

    @SuppressWarnings("unchecked")
    private static javafx.beans.value.ObservableValue<Color> asProperty(StyleableProperty<Color> p) {
        return (javafx.beans.value.ObservableValue<Color>) p;
    }

    public Tile tile() {
        return tile;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
