package io.marginscope.ui.editors;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where to write a JSON file, and whether it replaces one that exists. */
record JsonTarget(Path path, boolean replace) {

    /**
     * The JSON file chosen in a save dialog ({@code .json} added when the name has none); when it exists, the
     * analyst is asked whether to replace it with {@code what}. Null when nothing is chosen or the file is kept.
     */
    static JsonTarget of(Window owner, File chosen, String what) {
        if (chosen == null) {
            return null;
        }
        Path path = chosen.toPath();
        if (!path.getFileName().toString().contains(".")) {
            path = path.resolveSibling(path.getFileName() + ".json");
        }
        if (!Files.exists(path)) {
            return new JsonTarget(path, false);
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, path + " exists. Replace it with " + what + "?",
                ButtonType.YES, ButtonType.NO);
        a.initOwner(owner);
        a.setHeaderText("Replace an existing file?");
        boolean replace = a.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
        return replace ? new JsonTarget(path, true) : null;
    }
}
