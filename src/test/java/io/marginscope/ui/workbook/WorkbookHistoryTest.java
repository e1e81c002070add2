package io.marginscope.ui.workbook;

import io.marginscope.model.Instrument;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import io.marginscope.ui.app.WorkstationTestBase;

/** The what-if history of the book model: steps, labels, redo cleared by a new edit, load starts afresh. */
class WorkbookHistoryTest extends WorkstationTestBase {

    @Start
    void start(Stage stage) {
        model = new WorkbookViewModel();
    }

    private LoadedBook landed(Predicate<LoadedBook> test) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> model.current() != null
                && !model.service().isRunning() && test.test(model.current())));
        return fx(model::current);
    }

    private static Portfolio plus(Portfolio book, String id) {
        List<Position> ps = new ArrayList<>(book.positions());
        ps.add(new Position(id, Instrument.perp("BTC", Settlement.LINEAR), 1, 90_000));
        return book.withPositions(ps);
    }

    private void edit(FxRobot robot, String label, Portfolio next) throws Exception {
        robot.interact(() -> model.edit(label, next));
        landed(b -> b.book() == next);
    }

    private String state() {
        return fx(() -> model.canUndoProperty().get() + " " + model.undoLabelProperty().get() + " | "
                + model.canRedoProperty().get() + " " + model.redoLabelProperty().get() + " | "
                + model.editedProperty().get());
    }

    @Test
    void editsUndoRedoRevertAndLoad(FxRobot robot) throws Exception {
        robot.interact(() -> model.load(new BookRequest.Sample("btc-short-strangle.csv")));
        LoadedBook loaded = landed(b -> true);
        assertThat(state()).isEqualTo("false  | false  | false");
        assertThat(fx(model::origin)).isSameAs(loaded);

        Portfolio a = plus(loaded.book(), "a");
        edit(robot, "Add a", a);
        assertThat(state()).isEqualTo("true Add a | false  | true");
        assertThat(fx(model::current).market()).isSameAs(loaded.market());
        assertThat(fx(model::rows)).hasSize(8);
        Portfolio ab = plus(a, "b");
        edit(robot, "Add b", ab);
        assertThat(state()).isEqualTo("true Add b | false  | true");

        robot.interact(() -> assertThat(model.undo()).isTrue());
        assertThat(fx(model::current).book()).isSameAs(a);
        assertThat(state()).isEqualTo("true Add a | true Add b | true");
        // a new edit clears what could be redone
        Portfolio ac = plus(a, "c");
        edit(robot, "Add c", ac);
        assertThat(state()).isEqualTo("true Add c | false  | true");
        robot.interact(() -> assertThat(model.redo()).isFalse());

        // back to the loaded book by undo: exactly it, not a what-if
        robot.interact(() -> {
            model.undo();
            model.undo();
        });
        assertThat(fx(model::current)).isSameAs(loaded);
        assertThat(state()).isEqualTo("false  | true Add a | false");
        robot.interact(() -> assertThat(model.undo()).isFalse());

        // an edit taken back by hand (the same positions again) is no longer a what-if
        edit(robot, "Add a", a);
        edit(robot, "Remove a", loaded.book().withPositions(loaded.book().positions()));
        assertThat(state()).isEqualTo("true Remove a | false  | false");

        // revert is itself a step
        edit(robot, "Add b", plus(fx(model::current).book(), "b"));
        robot.interact(model::revert);
        assertThat(fx(model::current)).isSameAs(loaded);
        assertThat(state()).isEqualTo("true Revert to loaded book | false  | false");
        robot.interact(model::undo);
        assertThat(fx(model::current).book().size()).isEqualTo(8);
        assertThat(fx(() -> model.editedProperty().get())).isTrue();

        // loading a book starts a new history
        robot.interact(() -> model.load(new BookRequest.Sample("btc-eth-basis.csv")));
        LoadedBook other = landed(b -> b.book().name().equals("btc-eth-basis"));
        assertThat(state()).isEqualTo("false  | false  | false");
        assertThat(fx(model::origin)).isSameAs(other);
    }
}
