package io.marginscope.ui.control;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * While active (in presentation mode), keeps the table columns of a scene wide enough for what they show,
 * so that a number is never elided ("196,..."): after each layout, a table cell or column header on show
 * whose text the skin cut short raises its column's minimum width to the width of the whole text (the table
 * then scrolls sideways if the columns no longer fit). Cells that wrap their text are left alone (long
 * descriptive text wraps instead, and cells of style class {@value #LONG_TEXT} are elided, with a tooltip, or
 * wrapped by the style sheet). {@link #reset} gives the columns back the minimum widths set in code.
 *
 * <p>Only nodes on show are visited (a tab not selected, a hidden panel are skipped), once per pulse;
 * nothing is measured unless a text was elided.
 */
public final class ColumnFit {

    /** The style class of cells of long descriptive text: elided at the desk (with a tooltip), wrapped when presenting. */
    public static final String LONG_TEXT = "long-text-cell";

    private static final String ORIGINAL_MIN = "columnFit.originalMinWidth";

    private final Scene scene;
    private final Text measure = new Text();
    private final java.util.Set<TableColumnBase<?, ?>> widened = new java.util.HashSet<>();
    private boolean active;

    private ColumnFit(Scene scene) {
        this.scene = scene;
        scene.addPostLayoutPulseListener(this::fit);
    }

    /** Follows this scene's tables; fits their columns once {@linkplain #setActive active}. */
    public static ColumnFit follow(Scene scene) {
        return new ColumnFit(scene);
    }

    /** Fits the columns while active (presentation mode); off, the columns keep the widths set in code. */
    public void setActive(boolean on) {
        active = on;
        if (on) {
            scene.getRoot().requestLayout();
        }
    }

    /** Gives back the minimum widths set in code to every column widened so far. */
    public void reset() {
        for (TableColumnBase<?, ?> c : widened) {
            Object min = c.getProperties().remove(ORIGINAL_MIN);
            if (min instanceof Double d) {
                c.setMinWidth(d);
            }
        }
        widened.clear();
    }

    private void fit() {
        if (active && scene.getRoot() != null) {
            visit(scene.getRoot());
        }
    }

    private void visit(Node n) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof TableCell<?, ?> cell) {
            if (!cell.isWrapText() && !cell.getStyleClass().contains(LONG_TEXT) && cell.getTableColumn() != null) {
                widen(cell.getTableColumn(), cell, 0);
            }
            return;
        }
        if (n instanceof TableColumnHeader header && header.getTableColumn() != null) {
            // the header's label, or the label a column sets as its graphic (a header with a tooltip)
            for (Node c : header.lookupAll(".label")) {
                if (c instanceof Labeled label && c.isVisible() && !(c instanceof TableCell<?, ?>)) {
                    widen(header.getTableColumn(), label, insetsUpTo(label, header));
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c);
            }
        }
    }

    /** Widens the column when the label's text is elided: to the text's width, its insets and {@code extra}. */
    private void widen(TableColumnBase<?, ?> column, Labeled label, double extra) {
        String text = label.getText();
        if (text == null || text.isEmpty()) {
            return;
        }
        Text shown = shown(label);
        if (shown == null || text.equals(shown.getText())) {
            return;
        }
        double need = Math.ceil(width(text, label.getFont()) + label.snappedLeftInset() + label.snappedRightInset()
                + graphic(label) + extra + 2);
        if (need > column.getMinWidth()) {
            column.getProperties().putIfAbsent(ORIGINAL_MIN, column.getMinWidth());
            widened.add(column);
            column.setMinWidth(need);
            if (column.getMaxWidth() < need) {
                column.setMaxWidth(need);
            }
        }
    }

    /** The left and right insets of the label's ancestors up to and with {@code top}, and the header's arrow gap. */
    private static double insetsUpTo(Node label, Node top) {
        double sum = 0;
        for (Node p = label.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.layout.Region r) {
                sum += r.snappedLeftInset() + r.snappedRightInset();
            }
            if (p instanceof Labeled l && l.getGraphic() != null) {
                sum += l.getGraphicTextGap();
            }
            if (p == top) {
                break;
            }
        }
        return sum;
    }

    private static double graphic(Labeled label) {
        Node g = label.getGraphic();
        return g == null || !g.isVisible() ? 0 : g.prefWidth(-1) + label.getGraphicTextGap();
    }

    private double width(String text, Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    /** The text the label's skin draws (its LabeledText child), or null before it has a skin. */
    static Text shown(Labeled label) {
        for (Node c : label.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getClass().getSimpleName().equals("LabeledText")) {
                return t;
            }
        }
        return null;
    }
}
