package io.marginscope.ui;

import io.marginscope.io.InputException;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SampleBooks;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The workstation's main window: menus, the summary of the book, the positions table and a status
 * bar with progress and cancel. Files open from the menu or by dropping them on the window.
 */
public final class MainWindow {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final RecentFiles recent;
    private final Menu recentMenu = new Menu("Open Recent");

    public MainWindow(Stage stage, WorkbookViewModel model, RecentFiles recent) {
        this.stage = stage;
        this.model = model;
        this.recent = recent;
        BorderPane root = new BorderPane();
        root.getStyleClass().add("workstation");
        root.setTop(new VBox(menuBar(), new SummaryBar(model.currentProperty())));
        root.setCenter(new PositionsTable(model.rows()));
        root.setBottom(statusBar());

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1360, screen.getWidth() * 0.95), Math.min(780, screen.getHeight() * 0.92));
        scene.getStylesheets().add(Objects.requireNonNull(
                MainWindow.class.getResource("workstation.css")).toExternalForm());
        installDragAndDrop(scene);
        stage.setScene(scene);
        stage.setTitle("MarginScope");
        model.currentProperty().addListener((o, a, b) ->
                stage.setTitle("MarginScope — " + b.book().name()));
        model.setOnError(this::showError);
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open Portfolio…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> choosePortfolio());
        MenuItem openMarket = new MenuItem("Open Market Snapshot…");
        openMarket.setOnAction(e -> chooseMarket());
        Menu samples = new Menu("Open Sample");
        for (String name : SampleBooks.names()) {
            MenuItem item = new MenuItem(name);
            item.setOnAction(e -> model.load(new BookRequest.Sample(name)));
            samples.getItems().add(item);
        }
        recentMenu.setOnShowing(e -> refreshRecent());
        refreshRecent();
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, open, openMarket, recentMenu, samples, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");
        MenuItem about = new MenuItem("About MarginScope");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION,
                    "Risk-adjusted maintenance margin for crypto derivatives.\n"
                            + "Valuation: Black-76 on the forward; Greeks per position scaled by quantity.");
            a.initOwner(stage);
            a.setHeaderText("MarginScope");
            a.show();
        });
        return new MenuBar(file, new Menu("Help", null, about));
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        List<Path> files = recent.list();
        for (Path p : files) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> openPortfolio(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(files.isEmpty());
    }

    private HBox statusBar() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("progress");
        progress.setPrefSize(16, 16);
        progress.visibleProperty().bind(model.service().runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelButton");
        cancel.visibleProperty().bind(model.service().runningProperty());
        cancel.setOnAction(e -> model.cancel());
        Label message = new Label();
        message.setId("statusMessage");
        message.textProperty().bind(Bindings.when(model.service().runningProperty())
                .then(model.service().messageProperty()).otherwise(model.statusProperty()));
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(8, progress, message, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void installDragAndDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty()) {
                openDropped(e.getDragboard().getFiles().get(0).toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /** A dropped snapshot replaces the market of the open book; anything else opens as a portfolio. */
    void openDropped(Path file) {
        if (PortfolioFiles.isMarketFile(file) && model.current() != null) {
            model.load(new BookRequest.NewMarket(model.current(), file));
        } else {
            openPortfolio(file);
        }
    }

    private void choosePortfolio() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open Portfolio");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Portfolios (*.csv, Deribit *.json)", "*.csv", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        lastFolder(fc);
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            openPortfolio(f.toPath());
        }
    }

    private void chooseMarket() {
        File f = marketChooser("Open Market Snapshot").showOpenDialog(stage);
        if (f != null && model.current() != null) {
            model.load(new BookRequest.NewMarket(model.current(), f.toPath()));
        }
    }

    private FileChooser marketChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Market snapshot (*.json)", "*.json"));
        lastFolder(fc);
        return fc;
    }

    private void lastFolder(FileChooser fc) {
        LoadedBook b = model.current();
        if (b != null && b.bookFile() != null && b.bookFile().toAbsolutePath().getParent() != null) {
            fc.setInitialDirectory(b.bookFile().toAbsolutePath().getParent().toFile());
        }
    }

    /** Opens a portfolio with its companion snapshot, else the open market, else asks for one. */
    void openPortfolio(Path portfolio) {
        Path market = PortfolioFiles.companionMarket(portfolio);
        if (market == null && model.current() != null && model.current().marketFile() != null) {
            market = model.current().marketFile();
        }
        if (market == null) {
            File f = marketChooser("Market snapshot for " + portfolio.getFileName()).showOpenDialog(stage);
            if (f == null) {
                return;
            }
            market = f.toPath();
        }
        recent.add(portfolio);
        model.load(new BookRequest.Files(portfolio, market));
    }

    private void showError(Throwable ex) {
        String text = ex instanceof InputException ie ? ie.getMessage() : String.valueOf(ex);
        Alert a = new Alert(Alert.AlertType.ERROR, text);
        a.initOwner(stage);
        a.setHeaderText("Could not load — the previous book is kept");
        a.show();
    }
}
