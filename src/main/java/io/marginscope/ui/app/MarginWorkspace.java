package io.marginscope.ui.app;

import io.marginscope.ui.control.Formats;
import io.marginscope.io.InputException;
import io.marginscope.margin.MarginResult;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.List;
import io.marginscope.ui.backtest.BacktestView;
import io.marginscope.ui.backtest.BacktestViewModel;
import io.marginscope.ui.risk.GreeksView;
import io.marginscope.ui.margin.LiquidationView;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginTiles;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.policies.PoliciesView;
import io.marginscope.ui.policies.PolicyChooser;
import io.marginscope.ui.editors.PolicyEditor;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.margin.SpotLadderChart;
import io.marginscope.ui.stress.StressView;
import io.marginscope.ui.workbook.WorkbookViewModel;
import io.marginscope.ui.control.RunBar;

/**
 * The margin part of the workstation, kept apart from the main window: the policy chooser for
 * the settings panel, the Margin tab, and the alerts when the margin ratio crosses the policy's
 * thresholds (ControlsFX notifications owned by the main stage).
 */
public final class MarginWorkspace {

    private final Stage stage;
    private final MarginViewModel margin;
    private final MarginTiles tiles;
    private final PolicyChooser chooser;
    private final Tab marginTab;
    private final SpotLadderChart ladder;
    private final PoliciesView policies;
    private final Tab policiesTab;
    private final StressView stress;
    private final Tab stressTab;
    private final BacktestView backtest;
    private final Tab backtestTab;
    private final GreeksView greeks;
    private final Tab greeksTab;
    private final LiquidationView liquidation;
    private final Tab liquidationTab;
    private final Presentation presentation;
    private final javafx.beans.property.ReadOnlyObjectProperty<LoadedBook> book;
    private PolicyEditor editor;

    public MarginWorkspace(Stage stage, WorkbookViewModel model, RiskViewModel risk) {
        this.stage = stage;
        this.margin = new MarginViewModel(model.currentProperty(), risk);
        this.tiles = new MarginTiles(margin);
        this.chooser = new PolicyChooser(margin, stage);
        chooser.setOnEdit(this::editPolicy);

        Label notice = new Label();
        notice.getStyleClass().add("notice");
        notice.textProperty().bind(margin.noticeProperty());
        notice.visibleProperty().bind(margin.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        notice.setWrapText(true);
        ladder = new SpotLadderChart(margin);
        VBox.setVgrow(ladder, Priority.ALWAYS);
        VBox content = new VBox(8, RunBar.of(margin.service(), margin::recompute, margin.service()::cancel), tiles, notice, ladder);
        content.getStyleClass().add("results");
        marginTab = tab("Margin", "marginTab", content);
        greeks = new GreeksView(model.currentProperty());
        greeksTab = tab("Greeks", "greeksTab", greeks);
        liquidation = new LiquidationView(margin);
        liquidationTab = tab("Liquidation", "liquidationTab", liquidation);
        liquidationTab.selectedProperty().addListener((o, was, on) -> liquidation.setShowing(on));
        policies = new PoliciesView(margin, model.currentProperty(), risk);
        policies.setOnEdit(this::editPolicy);
        this.book = model.currentProperty();
        policiesTab = tab("Policies", "policiesTab", policies);
        stress = new StressView(margin, model.currentProperty(), stage);
        stressTab = tab("Stress", "stressTab", stress);
        backtest = new BacktestView(new BacktestViewModel(model.currentProperty(), risk));
        backtestTab = tab("Backtest", "backtestTab", backtest);
        backtestTab.selectedProperty().addListener((o, was, on) -> backtest.setShowing(on));

        presentation = new Presentation(stage);

        margin.setOnError(e -> {
            String text = e instanceof InputException ie ? ie.getMessage() : String.valueOf(e.getMessage());
            Alert a = new Alert(Alert.AlertType.ERROR, text);
            a.initOwner(stage);
            a.setHeaderText("Could not read the policy — the previous policy is kept");
            a.show();
        });
        margin.setOnCrossing(this::notifyCrossing);
    }

    static Tab tab(String title, String id, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        VBox.setVgrow(content, Priority.ALWAYS);
        return t;
    }

    /** View > Presentation: full screen and large type, for showing the numbers to a room ({@link Presentation}). */
    public void present(boolean on) {
        presentation.present(on);
    }

    public Presentation presentation() {
        return presentation;
    }

    private void notifyCrossing(MarginViewModel.Crossing c) {
        if (!stage.isShowing()) {
            return;
        }
        String ratio = Double.isFinite(c.margin().marginRatio()) ? Formats.ratio(c.margin().marginRatio()) : "n/a";
        String text = "Margin ratio " + ratio + " under " + c.margin().policy() + ": " + c.from() + " → " + c.to()
                + " (warning at " + Formats.ratio(c.thresholds().warning()) + ", liquidation at "
                + Formats.ratio(c.thresholds().liquidation()) + ")";
        Notifications n = Notifications.create()
                .owner(stage)
                .title(c.to() == MarginResult.Zone.OK ? "Margin back to OK" : "Margin " + c.to())
                .text(text)
                .position(Pos.TOP_RIGHT)
                .hideAfter(Duration.seconds(8));
        switch (c.to()) {
            case LIQUIDATION -> n.showError();
            case WARNING -> n.showWarning();
            case OK -> n.showInformation();
        }
    }

    /** Edit policy…: the editor of the policy on show (one window, reopened on the current policy). */
    public void editPolicy() {
        if (editor == null) {
            editor = new PolicyEditor(stage, margin, book);
        }
        editor.show();
    }

    public PolicyEditor editor() {
        return editor;
    }

    /** The tabs this workspace adds to the main window, in order. */
    public List<Tab> tabs() {
        return List.of(marginTab, greeksTab, liquidationTab, policiesTab, stressTab, backtestTab);
    }

    /** What the settings panel shows above the risk settings. */
    public Node settings() {
        return chooser;
    }

    /** Items for the main window's View menu. */
    public List<MenuItem> viewItems() {
        return List.of(new SeparatorMenuItem(), presentation.item());
    }

    public MarginViewModel margin() {
        return margin;
    }

    public SpotLadderChart ladder() {
        return ladder;
    }

    public BacktestView backtest() {
        return backtest;
    }

    public GreeksView greeks() {
        return greeks;
    }

    public LiquidationView liquidation() {
        return liquidation;
    }

    public StressView stress() {
        return stress;
    }

    public PoliciesView policies() {
        return policies;
    }

    public MarginTiles tiles() {
        return tiles;
    }

    public PolicyChooser chooser() {
        return chooser;
    }
}
