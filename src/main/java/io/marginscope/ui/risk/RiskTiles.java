package io.marginscope.ui.risk;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskResult;
import io.marginscope.risk.TailMeasure;
import io.marginscope.ui.control.TileFrame;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

import java.text.DecimalFormat;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;

/**
 * The VaR, ES and equity tiles. Each is built once by its factory method with {@link TileBuilder}
 * and then updated by value ({@code setValue}, never bound), with animation off: a result replaces
 * the number at once instead of restarting a needle animation per run.
 */
public final class RiskTiles extends HBox {

    /** How the tiles print USD: whole dollars, grouped. */
    public static final String MONEY_PATTERN = "#,##0";
    private static final double WIDTH = 240;
    private static final double HEIGHT = 128;

    private final TileFrame var = varTile();
    private final TileFrame es = esTile();
    private final TileFrame equity = equityTile();
    private final Tooltip varHelp = help(var);
    private final Tooltip esHelp = help(es);
    private final Tooltip equityHelp = help(equity);

    public RiskTiles(RiskViewModel risk, javafx.beans.property.ReadOnlyObjectProperty<LoadedBook> book) {
        super(8);
        getStyleClass().add("risk-tiles");
        getChildren().addAll(var, es, equity);
        equityHelp.setText("Equity: the sum of the positions' values (USD): collateral at spot, perps and futures "
                + "at their unrealised P&L, options at quantity x Black-76 price. From the pricing engine.");
        clear("Open a book");
        risk.runProperty().addListener((o, was, run) -> {
            if (run == null) {
                clear(risk.noticeProperty().get().isEmpty() ? "not computed" : "see the settings panel");
            } else {
                show(run);
            }
        });
        risk.noticeProperty().addListener((o, was, now) -> {
            if (risk.run() == null && !now.isEmpty()) {
                clear("see the settings panel");
            }
        });
        risk.staleProperty().addListener((o, was, stale) -> {
            var.setStale(stale);
            es.setStale(stale);
        });
        book.addListener((o, was, b) -> showEquity(b));
    }

    private static TileBuilder<?> number(String title) {
        return TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .prefSize(WIDTH, HEIGHT)
                .title(title)
                .unit("USD")
                .minValue(-Double.MAX_VALUE / 4)
                .maxValue(Double.MAX_VALUE / 4)
                .decimals(0)
                .customDecimalFormatEnabled(true)
                .customDecimalFormat(new DecimalFormat(MONEY_PATTERN))
                .animated(false)
                .roundedCorners(true)
                .textSize(Tile.TextSize.BIGGER)
                .textVisible(true);
    }

    /** Value at risk of the last run. */
    private static TileFrame varTile() {
        Tile t = number("VaR").build();
        t.setId("varTile");
        return frame(t);
    }

    /** Expected shortfall of the last run. */
    private static TileFrame esTile() {
        Tile t = number("ES").build();
        t.setId("esTile");
        return frame(t);
    }

    /** Equity of the book on show, from the pricing engine. */
    private static TileFrame equityTile() {
        Tile t = number("Equity").build();
        t.setId("equityTile");
        return frame(t);
    }

    private static TileFrame frame(Tile t) {
        TileFrame f = new TileFrame(t);
        f.setMinSize(180, HEIGHT);
        f.setPrefSize(WIDTH, HEIGHT);
        f.setMaxSize(Double.MAX_VALUE, HEIGHT);
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static Tooltip help(TileFrame f) {
        Tooltip t = new Tooltip();
        t.setWrapText(true);
        t.setMaxWidth(440);
        t.setShowDuration(Duration.seconds(30));
        f.tile().setTooltip(t);
        return t;
    }

    private void show(RiskRun run) {
        RiskResult r = run.result();
        RiskParameters p = r.parameters();
        String head = Formats.confidence(p.confidence()) + " · " + p.horizonDays() + (p.horizonDays() == 1
                ? " day" : " days");
        set(var.tile(), "VaR " + head, r.var(), RiskNames.method(p.method()));
        set(es.tile(), "ES " + head, r.es(), RiskNames.method(p.method()));
        varHelp.setText(varFormula(r));
        esHelp.setText(esFormula(r));
    }

    private static void set(Tile t, String title, double value, String text) {
        t.setTitle(title);
        t.setValueVisible(true);
        t.setValue(value);
        t.setText(text);
    }

    private void clear(String why) {
        for (TileFrame f : new TileFrame[] {var, es}) {
            f.tile().setValueVisible(false);
            f.tile().setText(why);
        }
        varHelp.setText("Value at risk: the loss over the horizon not exceeded with the confidence.");
        esHelp.setText("Expected shortfall: the mean loss beyond the VaR.");
    }

    private void showEquity(LoadedBook b) {
        Tile t = equity.tile();
        if (b == null) {
            t.setValueVisible(false);
            return;
        }
        t.setValueVisible(true);
        t.setValue(b.valuation().equity());
        t.setText(b.book().name());
    }

    /** Live mode: the equity at the feed's market (the book's own equity comes back with {@link #endLive}). */
    public void showLive(double value, String text) {
        Tile t = equity.tile();
        t.setValueVisible(true);
        t.setValue(value);
        t.setText(text);
    }

    public void endLive(LoadedBook b) {
        showEquity(b);
    }

    public Tile equityTileNode() {
        return equity.tile();
    }

    static String varFormula(RiskResult r) {
        RiskParameters p = r.parameters();
        String c = Formats.confidence(p.confidence());
        if (p.method() == RiskMethod.PARAMETRIC) {
            return "Value at risk at " + c + " over " + p.horizonDays() + " days, parametric.\n"
                    + "Delta-normal: VaR = z_c · sqrt(D' Σ D), D_a = Σ delta · spot of asset a (USD), "
                    + "Σ_ab = σ_a σ_b ρ_ab h / daysPerYear, z_c = Φ⁻¹(c).\n"
                    + "With gamma: delta-gamma cumulants k1..k4 and a Cornish-Fisher quantile w, "
                    + "VaR = -(k1 + sqrt(k2) · w).";
        }
        int n = r.pnl().length;
        int k = TailMeasure.tailCount(n, p.confidence());
        return "Value at risk at " + c + " over " + p.horizonDays() + " days, " + RiskNames.method(p.method())
                + ".\nVaR = -(k-th worst P&L), k = ceil(n(1 - c)); here n = " + Formats.count(n) + ", k = "
                + Formats.count(k) + ".";
    }

    static String esFormula(RiskResult r) {
        RiskParameters p = r.parameters();
        String c = Formats.confidence(p.confidence());
        if (p.method() == RiskMethod.PARAMETRIC) {
            return "Expected shortfall at " + c + ": the mean loss beyond the VaR, parametric.\n"
                    + "Delta-normal: ES = sqrt(D' Σ D) · φ(z_c) / (1 - c).\n"
                    + "With gamma: the Cornish-Fisher expansion averaged over the normal tail below z_c.";
        }
        int n = r.pnl().length;
        int k = TailMeasure.tailCount(n, p.confidence());
        return "Expected shortfall at " + c + ": the mean loss of the k worst scenarios.\n"
                + "ES = -(1/k) Σ of the k worst P&Ls, k = ceil(n(1 - c)); here n = " + Formats.count(n)
                + ", k = " + Formats.count(k) + ".";
    }

    /** The VaR the tile shows, NaN when it shows none. */
    public double varValue() {
        return var.tile().isValueVisible() ? var.tile().getValue() : Double.NaN;
    }

    /** The ES the tile shows, NaN when it shows none. */
    public double esValue() {
        return es.tile().isValueVisible() ? es.tile().getValue() : Double.NaN;
    }

    public Tile varTileNode() {
        return var.tile();
    }

    public Tile esTileNode() {
        return es.tile();
    }

    TileFrame varFrame() {
        return var;
    }

    Tooltip varHelp() {
        return varHelp;
    }
}
