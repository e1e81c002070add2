package io.marginscope.ui;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

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
    void setTools(Node tools) {
        setTop(tools);
    }

    PositionsTable table() {
        return table;
    }
}
