package io.marginscope.ui.control;

import javafx.scene.control.TableCell;

/** A table cell for a number already formatted as text: a negative one in the theme's negative colour. */
public final class SignedCell<R> extends TableCell<R, String> {

    @Override
    protected void updateItem(String s, boolean empty) {
        super.updateItem(s, empty);
        setText(empty ? null : s);
        getStyleClass().remove("negative");
        if (!empty && s != null && s.startsWith("-")) {
            getStyleClass().add("negative");
        }
    }
}
