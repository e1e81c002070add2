package io.marginscope.ui.control;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.util.function.Supplier;

/**
 * Frees nodes left marked for layout under a parent that is not. A node that asks for layout while its
 * parent is laying itself out does not mark the parent (JavaFX leaves it to the pass in progress); when that
 * pass has already laid the node out, the node stays marked, and every later request from inside it stops
 * there: nothing below is laid out again. Seen on a tab's first show in presentation mode, where the
 * Liquidation tab's table, filled a moment later, kept showing its empty placeholder. After each layout pass
 * this walks what is on show under {@code top} and has the parent of such a node laid out at the next pulse.
 */
public final class StuckLayout {

    private StuckLayout() {
    }

    /** Watches the node {@code top} gives (the selected tab's content), after each layout pass of the scene. */
    public static void follow(Scene scene, Supplier<Node> top) {
        scene.addPostLayoutPulseListener(() -> {
            Node n = top.get();
            if (n instanceof Parent p && p.getParent() != null) {
                free(p.getParent(), p);
            }
        });
    }

    private static void free(Parent parent, Parent node) {
        if (!node.isVisible()) {
            return;
        }
        if (node.isNeedsLayout() && !parent.isNeedsLayout()) {
            parent.requestLayout();
            return;
        }
        for (Node c : node.getChildrenUnmodifiable()) {
            if (c instanceof Parent p) {
                free(node, p);
            }
        }
    }
}
