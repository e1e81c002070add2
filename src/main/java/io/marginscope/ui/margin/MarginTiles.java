package io.marginscope.ui.margin;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import eu.hansolo.tilesfx.skins.BarChartItem;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.ui.control.Sparkline;
import io.marginscope.ui.control.TileFrame;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

import java.text.DecimalFormat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.risk.RiskTiles;

/**
 * The margin tiles: the margin ratio gauge with its zones at the policy's thresholds, adjusted
 * equity against IM and MM, the distance to liquidation of each underlying, the worst stress loss,
 * and a sparkline of the margin ratio over the session. Each tile is built once and updated by
 * value, animation off; every number comes from the last {@link MarginRun}. Money is printed
 * with grouping (the bars' values too). The sparkline is drawn by {@link Sparkline} inside a
 * custom tile: TilesFX's own sparkline pads its points with the minimum value, so it always
 * started from 0.
 */
public final class MarginTiles extends HBox {

    private static final double WIDTH = 220;
    private static final double HEIGHT = 170;
    /** Points the sparkline keeps: the session's last runs. */
    static final int SESSION_POINTS = 60;
    /** How the bars print USD: whole dollars, grouped (as {@link Formats#money}). */
    static final String BAR_MONEY = "%,.0f";

    private final TileFrame ratio;
    private final TileFrame cover;
    private final TileFrame liquidation;
    private final TileFrame stress;
    private final TileFrame session;
    private final BarChartItem equityBar = new BarChartItem("Adjusted equity", 0);
    private final BarChartItem imBar = new BarChartItem("Initial margin", 0);
    private final BarChartItem mmBar = new BarChartItem("Maintenance margin", 0);
    private final Sparkline spark = new Sparkline("#,##0.00%");
    private final Deque<Double> sessionRatios = new ArrayDeque<>();
    private Policy.Thresholds thresholds;

    public MarginTiles(MarginViewModel margin) {
        super(8);
        getStyleClass().add("risk-tiles");
        ratio = frame(ratioTile());
        cover = frame(coverTile());
        liquidation = frame(liquidationTile());
        stress = frame(stressTile());
        session = frame(sessionTile(spark));
        for (BarChartItem b : new BarChartItem[] {equityBar, imBar, mmBar}) {
            b.setLocale(Locale.getDefault(Locale.Category.FORMAT));
            b.setFormatString(BAR_MONEY);
        }
        getChildren().addAll(ratio, cover, liquidation, stress, session);
        help(ratio, "Margin ratio = MM / adjusted equity. Adjusted equity = equity with collateral at "
                + "value x (1 - haircut). Zones at the policy's thresholds: OK below the warning ratio, "
                + "WARNING from it, LIQUIDATION at or above the liquidation ratio. Not defined when the "
                + "adjusted equity is not positive.");
        help(cover, "Adjusted equity against the initial margin IM = MM x imToMm and the maintenance margin "
                + "MM = max(base, stress, floor) + liquidity + concentration (+ exchange blocks), USD. "
                + "Free margin = adjusted equity - IM.");
        help(liquidation, "Liquidation price of each underlying: the spot, the other assets fixed, at which "
                + "the adjusted equity equals MM, everything re-evaluated at that spot; the nearest root to "
                + "today's spot. Distance = (price / spot - 1) x 100%.");
        help(stress, "Worst stress loss: the stress component of MM, the largest weighted loss over the "
                + "policy's scenario sets (SPAN array, grid, episodes), USD.");
        help(session, "The margin ratio (MM / adjusted equity) of each margin run in this session, the last "
                + SESSION_POINTS + " runs.");
        ratio.setOnZoneColours(this::colourZones);
        cover.setOnZoneColours(this::colourZones);
        cover.tile().valueColorProperty().addListener(o -> colourZones());
        clear("Open a book");
        margin.runProperty().addListener((o, was, run) -> {
            if (run == null) {
                clear("computing …");
            } else {
                show(run);
            }
        });
        margin.noticeProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                clear(now);
            }
        });
        margin.staleProperty().addListener((o, was, stale) -> {
            for (TileFrame f : new TileFrame[] {ratio, cover, liquidation, stress}) {
                f.setStale(stale);
            }
        });
    }

    private static Tile ratioTile() {
        Tile t = TileBuilder.create()
                .skinType(Tile.SkinType.GAUGE)
                .prefSize(WIDTH, HEIGHT)
                .title("Margin ratio")
                .unit("%")
                .minValue(0)
                .maxValue(150)
                .decimals(2)
                .tickLabelDecimals(0)
                .sectionsVisible(true)
                .highlightSections(true)
                .thresholdVisible(false)
                .animated(false)
                .roundedCorners(true)
                .build();
        t.setId("marginRatioTile");
        return t;
    }

    private Tile coverTile() {
        Tile t = TileBuilder.create()
                .skinType(Tile.SkinType.BAR_CHART)
                .prefSize(WIDTH * 1.3, HEIGHT)
                .title("Equity vs IM vs MM")
                .barChartItems(equityBar, imBar, mmBar)
                .decimals(0)
                .animated(false)
                .roundedCorners(true)
                .build();
        t.setId("marginCoverTile");
        return t;
    }

    private static Tile liquidationTile() {
        Tile t = TileBuilder.create()
                .skinType(Tile.SkinType.TEXT)
                .prefSize(WIDTH, HEIGHT)
                .title("Distance to liquidation")
                .descriptionAlignment(javafx.geometry.Pos.TOP_LEFT)
                .textVisible(true)
                .animated(false)
                .roundedCorners(true)
                .build();
        t.setId("liquidationTile");
        return t;
    }

    private static Tile stressTile() {
        Tile t = TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .prefSize(WIDTH, HEIGHT)
                .title("Worst stress loss")
                .unit("USD")
                .minValue(-Double.MAX_VALUE / 4)
                .maxValue(Double.MAX_VALUE / 4)
                .decimals(0)
                .customDecimalFormatEnabled(true)
                .customDecimalFormat(new DecimalFormat(RiskTiles.MONEY_PATTERN))
                .animated(false)
                .roundedCorners(true)
                .textSize(Tile.TextSize.BIGGER)
                .build();
        t.setId("worstStressTile");
        return t;
    }

    private static Tile sessionTile(Sparkline spark) {
        Tile t = TileBuilder.create()
                .skinType(Tile.SkinType.CUSTOM)
                .prefSize(WIDTH, HEIGHT)
                .title("Margin ratio this session")
                .graphic(spark)
                .textVisible(true)
                .text("no run yet")
                .animated(false)
                .roundedCorners(true)
                .build();
        t.setId("ratioSparkTile");
        return t;
    }

    private static TileFrame frame(Tile t) {
        TileFrame f = new TileFrame(t);
        f.setMinSize(170, HEIGHT);
        f.setPrefSize(t.getPrefWidth(), HEIGHT);
        f.setMaxSize(Double.MAX_VALUE, HEIGHT);
        HBox.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static void help(TileFrame f, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(440);
        t.setShowDuration(Duration.seconds(30));
        f.tile().setTooltip(t);
    }

    /** The gauge's sections and the bars' colours, from the policy's thresholds and the theme. */
    private void colourZones() {
        if (ratio == null || cover == null) {
            return;
        }
        Tile g = ratio.tile();
        // the gauge reads in percent, the one display format of the ratio
        double warn = thresholds == null ? 0.8 : thresholds.warning();
        double liq = thresholds == null ? 1.0 : thresholds.liquidation();
        double max = Math.max(150, liq * 125);
        g.setMaxValue(max);
        g.setSections(new Section(0, warn * 100, ratio.okColour()), new Section(warn * 100, liq * 100,
                ratio.warningColour()), new Section(liq * 100, max, ratio.breachColour()));
        equityBar.setBarColor(cover.okColour());
        imBar.setBarColor(cover.warningColour());
        mmBar.setBarColor(cover.breachColour());
        for (BarChartItem b : new BarChartItem[] {equityBar, imBar, mmBar}) {
            b.setNameColor(cover.tile().getValueColor());
            b.setValueColor(cover.tile().getValueColor());
        }
        spark.setLevels(warn, liq);
    }

    private void show(MarginRun run) {
        MarginResult m = run.margin();
        thresholds = run.request().policy().thresholds();
        colourZones();
        Tile g = ratio.tile();
        // in percent, the one display format of the ratio; no figure when the ratio does not exist
        boolean defined = Double.isFinite(m.marginRatio());
        g.setValueVisible(defined);
        g.setValue(defined ? Math.min(m.marginRatio() * 100, g.getMaxValue()) : g.getMaxValue());
        g.setTitle("Margin ratio · " + run.request().policy().name());
        g.setText(defined ? m.zone().name() : "n/a: adjusted equity ≤ 0 · " + m.zone().name());
        g.setDescription(defined ? Formats.ratio(m.marginRatio()) : "n/a");
        // an exchange-model policy may margin only part of the book: the run's own result says which
        io.marginscope.margin.PolicyCoverage covered = io.marginscope.margin.PolicyCoverage.of(run.request().book(), m);
        if (covered.none()) {
            defined = false;
            g.setValueVisible(false);
            g.setDescription("n/a");
            g.setText(covered.ratioUndefinedReason());
        } else if (covered.partial()) {
            g.setText(m.zone().name() + " · partial: " + covered.notCovered().size() + " of " + covered.positions()
                    + " not margined");
        }
        if (!java.util.Objects.equals(run.request().book().name(), shownBook)) {
            // another book: nothing of the previous one's session stays on show
            shownBook = run.request().book().name();
            sessionRatios.clear();
            spark.setValues(List.of());
            session.tile().setText(defined ? "no run yet" : "n/a: adjusted equity ≤ 0");
        }

        // the bars' full width is the largest of the three (TilesFX's default is 100)
        double full = java.util.stream.DoubleStream.of(m.adjustedEquity(), m.initialMargin(), m.maintenanceMargin())
                .filter(Double::isFinite).reduce(1, Math::max);
        for (BarChartItem b : new BarChartItem[] {equityBar, imBar, mmBar}) {
            b.setMaxValue(full);
        }
        bar(equityBar, m.adjustedEquity());
        bar(imBar, m.initialMargin());
        bar(mmBar, m.maintenanceMargin());
        cover.tile().setText("Free margin " + (Double.isFinite(m.freeMargin()) ? Formats.money(m.freeMargin())
                : NOT_COMPUTED));

        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, LiquidationPrice> e : run.liquidation().entrySet()) {
            LiquidationPrice lp = e.getValue();
            lines.append(e.getKey()).append("  ");
            if (lp.breached()) {
                lines.append("breached");
            } else if (!lp.exists()) {
                lines.append("none in -98% .. x10");
            } else {
                lines.append(new DecimalFormat("+0.0;-0.0").format(lp.distancePct())).append("%  at ")
                        .append(Formats.money(lp.price()));
            }
            lines.append('\n');
        }
        liquidation.tile().setDescription(lines.isEmpty() ? "no underlying with a vol" : lines.toString().strip());

        Tile s = stress.tile();
        s.setValueVisible(true);
        s.setValue(m.components().stress());
        s.setText(run.request().policy().name());
        if (defined) {
            sessionRatios.addLast(m.marginRatio());
            while (sessionRatios.size() > SESSION_POINTS) {
                sessionRatios.removeFirst();
            }
            spark.setValues(List.copyOf(sessionRatios));
            int n = sessionRatios.size();
            session.tile().setText(n == 1 ? "1 run" : "last " + n + " runs");
        }
    }

    /** The name of the book of the last run shown: the session sparkline starts again with another book. */
    private String shownBook;

    private void clear(String why) {
        ratio.tile().setValueVisible(false);
        ratio.tile().setText(why);
        stress.tile().setValueVisible(false);
        stress.tile().setText(why);
        liquidation.tile().setDescription(why);
        cover.tile().setText(why);
    }

    Tile ratioGauge() {
        return ratio.tile();
    }

    /** The MM bar of the equity vs IM vs MM tile. */
    public BarChartItem mmBar() {
        return mmBar;
    }

    BarChartItem imBar() {
        return imBar;
    }

    Tile stressTileNode() {
        return stress.tile();
    }

    Tile coverTileNode() {
        return cover.tile();
    }

    BarChartItem equityBar() {
        return equityBar;
    }

    /** The margin ratios the session sparkline draws, oldest first. */
    Sparkline sparkline() {
        return spark;
    }

    /** The MM as the equity / IM / MM tile prints it. */
    public String mmText() {
        return shownText(mmBar);
    }

    /** The IM as the equity / IM / MM tile prints it. */
    public String imText() {
        return shownText(imBar);
    }

    /** The margin ratio as the gauge prints it: a percent, or n/a when it does not exist. */
    public String ratioText() {
        Tile g = ratio.tile();
        return g.isValueVisible() ? g.getDescription() : "n/a";
    }

    /** What a bar prints for a figure the policy did not compute (positions not covered): never 0. */
    static final String NOT_COMPUTED = "n/a (not covered)";

    /** A bar's figure, or {@link #NOT_COMPUTED} with an empty bar when the figure does not exist. */
    private static void bar(BarChartItem b, double usd) {
        boolean finite = Double.isFinite(usd);
        b.setFormatString(finite ? BAR_MONEY : NOT_COMPUTED);
        b.setValue(finite ? usd : 0);
    }

    /** The text a bar prints: its figure in the bar's format, or {@link #NOT_COMPUTED}. */
    static String shownText(BarChartItem b) {
        return String.format(Locale.getDefault(Locale.Category.FORMAT), b.getFormatString(), b.getValue());
    }

    /** The texts the equity vs IM vs MM tile prints for its three bars. */
    static String barText(double usd) {
        return String.format(Locale.getDefault(Locale.Category.FORMAT), BAR_MONEY, usd);
    }
}
