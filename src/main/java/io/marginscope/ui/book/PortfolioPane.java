package io.marginscope.ui.book;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.WorkbookViewModel;

/**
 * The portfolio part of the Risk tab: the positions table with the what-if editing tools above it
 * (the trade ticket stands beside it and the charts).
 */
public final class PortfolioPane extends BorderPane {

    private final PositionsTable table;

    public PortfolioPane(WorkbookViewModel model, RiskViewModel risk, MarginViewModel margin) {
        getStyleClass().add("portfolio-pane");
        setId("portfolioPane");
        table = new PositionsTable(model.rows(), risk.runProperty(), margin.runProperty());
        setCenter(table);
    }

    /** Puts the editing tools above the table. */
    public void setTools(Node tools) {
        setTop(tools);
    }

    public PositionsTable table() {
        return table;
    }
}
