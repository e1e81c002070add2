package io.marginscope.ui.app;

import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.PriceHistoryFiles;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import io.marginscope.ui.workbook.BookRequest;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * Opening files from the menus and by drag and drop: portfolios (with their snapshot), market
 * snapshots for the open book, and price histories for the risk settings.
 */
final class FileActions {

    private final Stage stage;
    private final WorkbookViewModel model;
    private final RiskViewModel risk;
    private final RecentFiles recent;

    FileActions(Stage stage, WorkbookViewModel model, RiskViewModel risk, RecentFiles recent) {
        this.stage = stage;
        this.model = model;
        this.risk = risk;
        this.recent = recent;
    }

    /**
     * A dropped snapshot replaces the market of the open book; a daily price file opens as the price
     * history; anything else opens as a portfolio.
     */
    void openDropped(Path file) {
        if (PortfolioFiles.isMarketFile(file) && model.current() != null) {
            model.load(new BookRequest.NewMarket(model.current(), file));
        } else if (PriceHistoryFiles.assetOfFileName(file.getFileName().toString()) != null) {
            risk.openHistory(file);
        } else {
            openPortfolio(file);
        }
    }

    void choosePortfolio() {
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

    void chooseMarket() {
        File f = marketChooser("Open Market Snapshot").showOpenDialog(stage);
        if (f != null && model.current() != null) {
            model.load(new BookRequest.NewMarket(model.current(), f.toPath()));
        }
    }

    void chooseHistory() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open Price History");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Daily closes (<ASSET>-USD.daily.csv, or date,BTC,ETH,... *.csv)",
                        "*.csv"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        lastFolder(fc);
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            risk.openHistory(f.toPath());
        }
    }

    void chooseHistoryFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open Price History Folder (all <ASSET>-USD.daily.csv files in it)");
        File f = dc.showDialog(stage);
        if (f != null) {
            risk.openHistory(f.toPath());
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
}
