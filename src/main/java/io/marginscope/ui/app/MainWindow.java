package io.marginscope.ui.app;

import io.marginscope.ui.control.WindowSizing;
import io.marginscope.io.InputException;
import io.marginscope.io.SampleBooks;
import io.marginscope.ui.control.TileFrame;
import io.marginscope.ui.control.ColumnFit;
import io.marginscope.ui.control.StuckLayout;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import io.marginscope.ui.accounts.AccountsWindow;
import io.marginscope.ui.impact.ImpactWindow;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.live.LivePanel;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.book.PortfolioEditing;
import io.marginscope.ui.book.PortfolioPane;
import io.marginscope.ui.risk.RiskCharts;
import io.marginscope.ui.risk.RiskParameterPanel;
import io.marginscope.ui.risk.RiskTiles;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.sessions.SessionActions;
import io.marginscope.ui.book.SummaryBar;
import io.marginscope.ui.ticket.TradeTicket;
import io.marginscope.ui.ticket.TradeTicketModel;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * The workstation's main window: menus, the summary of the book, the risk settings on the left,
 * the VaR/ES/equity tiles and risk charts above the positions table, and a status bar with
 * progress and cancel. Files open from the menu or by dropping them on the window.
 */
public final class MainWindow {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final RiskViewModel risk;
    private final RecentFiles recent;
    private final FileActions files;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Menu editMenu = new Menu("Edit");
    {
        editMenu.setId("editMenu");
    }
    private final Scene scene;
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark Theme");
    private final RiskTiles tiles;
    private final RiskCharts charts;
    private final MarginWorkspace marginWorkspace;
    private final SessionActions sessions;
    private final ExportActions exports;
    private final LivePanel live;
    private final PortfolioPane portfolio;
    private final PortfolioEditing editing;
    private final TradeTicket ticket;
    private Theme theme;
    private AccountsWindow accounts;
    private ImpactWindow impact;

    public MainWindow(Stage stage, WorkbookViewModel model, RecentFiles recent) {
        this.stage = stage;
        this.model = model;
        this.recent = recent;
        this.risk = new RiskViewModel(model.currentProperty());
        this.files = new FileActions(stage, model, risk, recent);
        this.tiles = new RiskTiles(risk, model.currentProperty());
        this.charts = new RiskCharts(risk);
        this.marginWorkspace = new MarginWorkspace(stage, model, risk);
        this.sessions = new SessionActions(stage, model, risk, marginWorkspace.margin());
        this.exports = new ExportActions(stage, model, risk, marginWorkspace.margin());
        this.live = new LivePanel(stage, model, risk, tiles, sessions);

        this.portfolio = new PortfolioPane(model, risk, marginWorkspace.margin());
        this.editing = new PortfolioEditing(stage, model, portfolio.table());
        portfolio.setTools(editing.tools());
        this.ticket = new TradeTicket(new TradeTicketModel(model, risk, marginWorkspace.margin()));
        ticket.follow(portfolio.table());
        SplitPane split = new SplitPane(charts, portfolio);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.52);
        split.getStyleClass().add("center-split");
        // the ticket stands beside the charts and the positions table at their full height, so that its
        // before / after / change reads without scrolling at 1366x768
        BorderPane body = new BorderPane(split);
        body.setRight(ticket);
        VBox center = new VBox(tiles, body);
        center.getStyleClass().add("results");
        VBox.setVgrow(body, Priority.ALWAYS);
        RiskParameterPanel panel = new RiskParameterPanel(risk, files::chooseHistory);
        javafx.scene.control.Tab riskTab = MarginWorkspace.tab("Risk", "riskTab", center);
        ticket.showingProperty().bind(riskTab.selectedProperty());
        TabPane tabs = new TabPane(riskTab);
        tabs.getTabs().addAll(marginWorkspace.tabs());
        tabs.setId("workstationTabs");
        attachOnFirstShow(tabs);
        // a tab shown again gets a CSS pass that resets the TilesFX texts' fonts: fit them again
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getContent() != null) {
                now.getContent().lookupAll(".tile-frame").forEach(n -> ((TileFrame) n).refit());
            }
        });
        panel.addSectionFirst(marginWorkspace.settings());

        BorderPane root = new BorderPane();
        root.getStyleClass().add("workstation");
        SummaryBar summary = new SummaryBar(model.currentProperty());
        summary.showWhatIf(model.editedProperty());
        summary.followLive(live.liveEquityProperty(), model.currentProperty());
        MenuBar menus = menuBar();
        root.setTop(new VBox(menus, summary, live));
        editMenu.getItems().add(new SeparatorMenuItem());
        editMenu.getItems().addAll(editing.menuItems());
        root.setLeft(panel);
        root.setCenter(tabs);
        StatusBar status = new StatusBar(model, risk);
        Presentation presentation = marginWorkspace.presentation();
        root.setBottom(new VBox(status, presentation.indicator()));
        presentation.setStory(tabs, List.of(new Presentation.Page("Book and risk", riskTab),
                new Presentation.Page("Margin", tab(tabs, "marginTab")),
                new Presentation.Page("Policies side by side", tab(tabs, "policiesTab")),
                new Presentation.Page("Stress", tab(tabs, "stressTab")),
                new Presentation.Page("Backtest verdict", tab(tabs, "backtestTab"))));
        // the analyst's tools step aside for the room; the live bar stays while live mode runs
        presentation.aside(menus);
        presentation.aside(panel);
        presentation.aside(ticket);
        presentation.aside(status);
        presentation.aside(live, live.menuItem().selectedProperty());

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1360, screen.getWidth() * 0.95), Math.min(780, screen.getHeight() * 0.92));
        theme = Theme.saved(WorkstationApp.preferencesNode());
        scene.getStylesheets().setAll(theme.stylesheet(), Theme.structure());
        darkTheme.setSelected(theme == Theme.DARK);
        installDragAndDrop(scene);
        presentation.fitColumns(ColumnFit.follow(scene));
        // a table filled after its tab's first show could stay on its empty placeholder (StuckLayout)
        StuckLayout.follow(scene, () -> {
            javafx.scene.control.Tab now = tabs.getSelectionModel().getSelectedItem();
            return now == null ? null : now.getContent();
        }, presentation::isOn);
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(600);
        WindowSizing.requestSize(stage, scene.getWidth(), scene.getHeight());
        WindowSizing.guardDialogs(stage);
        stage.setTitle("MarginScope");
        model.currentProperty().addListener((o, a, b) -> stage.setTitle("MarginScope — " + model.title(b)));
        model.setOnError(e -> showError("Could not load — the previous book is kept", e));
        risk.setOnError(e -> showError("Could not read the price history — nothing changed", e));
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open Portfolio…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> files.choosePortfolio());
        MenuItem openMarket = new MenuItem("Open Market Snapshot…");
        openMarket.setOnAction(e -> files.chooseMarket());
        MenuItem openHistory = new MenuItem("Open Price History…");
        openHistory.setId("openHistoryItem");
        openHistory.setOnAction(e -> files.chooseHistory());
        MenuItem openHistoryFolder = new MenuItem("Open Price History Folder…");
        openHistoryFolder.setOnAction(e -> files.chooseHistoryFolder());
        MenuItem openClientBase = new MenuItem("Open Client Base…");
        openClientBase.setId("openClientBaseItem");
        openClientBase.setOnAction(e -> impact().chooseBase());
        Menu samples = new Menu("Open Sample");
        for (String name : SampleBooks.names()) {
            MenuItem item = new MenuItem(name);
            item.setOnAction(e -> {
                model.load(new BookRequest.Sample(name));
                // the samples come with the bundled closes when no history is open
                risk.openBundledHistoryIfNone();
            });
            samples.getItems().add(item);
        }
        recentMenu.setOnShowing(e -> refreshRecent());
        refreshRecent();
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, open, openMarket, openHistory, openHistoryFolder, openClientBase, recentMenu,
                samples,
                new SeparatorMenuItem(), quit);
        file.setId("fileMenu");
        file.getItems().add(file.getItems().size() - 2, new SeparatorMenuItem());
        file.getItems().add(file.getItems().size() - 2, editing.saveAsItem());
        file.getItems().addAll(file.getItems().size() - 2, sessions.menuItems());
        file.getItems().add(file.getItems().size() - 2, exports.menu());

        darkTheme.setId("darkThemeItem");
        darkTheme.setAccelerator(KeyCombination.keyCombination("Shortcut+D"));
        darkTheme.setOnAction(e -> applyTheme(darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT));
        MenuItem undo = new MenuItem("Undo");
        undo.setId("undoItem");
        undo.setAccelerator(KeyCombination.keyCombination("Shortcut+Z"));
        undo.textProperty().bind(Bindings.when(model.undoLabelProperty().isEmpty()).then("Undo")
                .otherwise(Bindings.concat("Undo ", model.undoLabelProperty())));
        undo.disableProperty().bind(model.canUndoProperty().not());
        undo.setOnAction(e -> model.undo());
        MenuItem redo = new MenuItem("Redo");
        redo.setId("redoItem");
        redo.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+Z"));
        redo.textProperty().bind(Bindings.when(model.redoLabelProperty().isEmpty()).then("Redo")
                .otherwise(Bindings.concat("Redo ", model.redoLabelProperty())));
        redo.disableProperty().bind(model.canRedoProperty().not());
        redo.setOnAction(e -> model.redo());
        MenuItem revert = new MenuItem("Revert to Loaded Book");
        revert.setId("revertItem");
        revert.disableProperty().bind(model.editedProperty().not());
        revert.setOnAction(e -> model.revert());
        editMenu.getItems().setAll(undo, redo, new SeparatorMenuItem(), revert);

        CheckMenuItem ticketItem = new CheckMenuItem("Trade Ticket");
        ticketItem.setId("tradeTicketItem");
        ticketItem.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        ticketItem.selectedProperty().bindBidirectional(ticket.openProperty());
        Menu view = new Menu("View", null, darkTheme, live.menuItem(), ticketItem);
        view.getItems().addAll(marginWorkspace.viewItems());
        MenuItem accountsItem = new MenuItem("Accounts…");
        accountsItem.setId("accountsItem");
        accountsItem.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+A"));
        accountsItem.setOnAction(e -> accounts().show());
        MenuItem impactItem = new MenuItem("Policy Impact…");
        impactItem.setId("impactItem");
        impactItem.setOnAction(e -> impact().show());
        view.getItems().addAll(new SeparatorMenuItem(), accountsItem, impactItem);

        MenuItem recompute = new MenuItem("Recompute");
        recompute.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        recompute.setOnAction(e -> risk.recompute());
        MenuItem cancel = new MenuItem("Cancel Run");
        cancel.disableProperty().bind(risk.service().runningProperty().not());
        cancel.setOnAction(e -> risk.cancel());
        MenuItem resetVols = new MenuItem("Reset Vol Overrides");
        resetVols.setOnAction(e -> risk.resetVolOverrides());
        Menu riskMenu = new Menu("Risk", null, recompute, cancel, new SeparatorMenuItem(), resetVols);

        MenuItem about = new MenuItem("About MarginScope");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION,
                    "Risk-adjusted maintenance margin for crypto derivatives.\n"
                            + "Valuation: Black-76 on the forward; Greeks per position scaled by quantity.\n"
                            + "Risk: parametric, historical, filtered historical and Monte Carlo VaR/ES "
                            + "with Euler attribution (docs/methodology.md).");
            a.initOwner(stage);
            String v = MainWindow.class.getPackage().getImplementationVersion();
            a.setHeaderText("MarginScope " + (v == null ? "(development build, no jar manifest)" : v));
            a.setTitle("About MarginScope");
            a.show();
        });
        return new MenuBar(file, editMenu, view, riskMenu, new Menu("Help", null, about));
    }

    /**
     * The tabs not on show at start get their content when first selected: their views are built (and
     * follow the book and the runs) from the start, but their skins, CSS and first layout wait, so the
     * first frame only pays for the Risk tab.
     */
    private static void attachOnFirstShow(TabPane tabs) {
        for (javafx.scene.control.Tab t : tabs.getTabs()) {
            if (t.isSelected() || t.getContent() == null) {
                continue;
            }
            javafx.scene.Node content = t.getContent();
            t.setContent(null);
            t.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean on) {
                    if (on) {
                        t.selectedProperty().removeListener(this);
                        t.setContent(content);
                    }
                }
            });
        }
    }

    private static javafx.scene.control.Tab tab(TabPane tabs, String id) {
        return tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow();
    }

    /** Light or dark: swaps the theme's sheet of named colours; the structure sheet stays. */
    void applyTheme(Theme next) {
        theme = next;
        scene.getStylesheets().set(0, next.stylesheet());
        darkTheme.setSelected(next == Theme.DARK);
        next.save(WorkstationApp.preferencesNode());
    }

    /** The Accounts window (accounts side by side), made on first use. */
    public AccountsWindow accounts() {
        if (accounts == null) {
            accounts = new AccountsWindow(stage, model, risk, marginWorkspace.margin(),
                    () -> applyTheme(theme == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        }
        return accounts;
    }

    /** The Impact window (policies across a client base), made on first use. */
    public ImpactWindow impact() {
        if (impact == null) {
            impact = new ImpactWindow(stage, model, risk, marginWorkspace.margin(),
                    () -> applyTheme(theme == Theme.DARK ? Theme.LIGHT : Theme.DARK));
        }
        return impact;
    }

    public Theme theme() {
        return theme;
    }

    public RiskViewModel risk() {
        return risk;
    }

    public MarginWorkspace marginWorkspace() {
        return marginWorkspace;
    }

    public ExportActions exports() {
        return exports;
    }

    public LivePanel live() {
        return live;
    }

    public SessionActions sessions() {
        return sessions;
    }

    public RiskTiles tiles() {
        return tiles;
    }

    public PortfolioPane portfolio() {
        return portfolio;
    }

    public TradeTicket ticket() {
        return ticket;
    }

    /** The Edit menu: undo, redo and revert of what-if edits; the editing tools add their items. */
    public Menu editMenu() {
        return editMenu;
    }

    public PortfolioEditing editing() {
        return editing;
    }

    public RiskCharts charts() {
        return charts;
    }

    /** As if the file were dropped on the window. */
    public void openDropped(Path file) {
        files.openDropped(file);
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        List<Path> paths = recent.list();
        for (Path p : paths) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> files.openPortfolio(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(paths.isEmpty());
    }

    private void installDragAndDrop(Scene s) {
        s.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        s.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                files.openDropped(e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    private void showError(String header, Throwable ex) {
        String text = ex instanceof InputException ie ? ie.getMessage() : String.valueOf(ex);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.initOwner(stage);
        a.setHeaderText(header);
        a.show();
    }
}
