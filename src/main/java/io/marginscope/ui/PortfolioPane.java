package io.marginscope.ui;

import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

/**
 * The portfolio part of the Risk tab: the positions table in the middle, the what-if editing tools
 * above it and the trade ticket beside it.
 */
public final class PortfolioPane extends BorderPane {

    private final PositionsTable table;

    public PortfolioPane(WorkbookViewModel model, RiskViewModel risk) {
        getStyleClass().add("portfolio-pane");
        setId("portfolioPane");
        table = new PositionsTable(model.rows(), risk.runProperty());
        setCenter(table);
    }

    /** Puts the editing tools above the table. */
    void setTools(Node tools) {
        setTop(tools);
    }

    /** Puts a panel (the trade ticket) beside the table. */
    void setSide(Node side) {
        setRight(side);
    }

    PositionsTable table() {
        return table;
    }
}
