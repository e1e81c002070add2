package io.marginscope.ui.control;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Frees nodes left marked for layout under a parent that is not. A node that asks for layout while its
 * parent is laying itself out does not mark the parent (JavaFX leaves it to the pass in progress); when that
 * pass has already laid the node out, the node stays marked, and every later request from inside it stops
 * there: nothing below is laid out again. Seen on a tab's first show in presentation mode, where the
 * Liquidation tab's table, filled a moment later, kept showing its empty placeholder. After each layout pass
 * this walks what is on show under {@code top} and has the parent of such a node laid out at the next pulse,
 * while {@code when} holds (presentation mode, where it was seen) and at most every half second (a control
 * that marks itself again in each pass would otherwise keep the pulses going).
 */
public final class StuckLayout {

    private StuckLayout() {
    }

    private static final long COOLDOWN_NANOS = 500_000_000L;

    /** Watches the node {@code top} gives (the selected tab's content) after each layout pass, while {@code when}. */
    public static void follow(Scene scene, Supplier<Node> top, BooleanSupplier when) {
        long[] last = {System.nanoTime() - COOLDOWN_NANOS};
        scene.addPostLayoutPulseListener(() -> {
            Node n = top.get();
            if (when.getAsBoolean() && System.nanoTime() - last[0] >= COOLDOWN_NANOS
                    && n instanceof Parent p && p.getParent() != null && free(p.getParent(), p)) {
                last[0] = System.nanoTime();
            }
        });
    }

    /** Whether a stuck node was found (and its parent asked for layout). */
    private static boolean free(Parent parent, Parent node) {
        if (!node.isVisible()) {
            return false;
        }
        if (node.isNeedsLayout() && !parent.isNeedsLayout()) {
            parent.requestLayout();
            return true;
        }
        boolean found = false;
        for (Node c : node.getChildrenUnmodifiable()) {
            if (c instanceof Parent p) {
                found |= free(node, p);
            }
        }
        return found;
    }
}
