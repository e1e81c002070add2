package io.marginscope.ui;

import io.marginscope.analysis.MarginExplain;
import io.marginscope.model.Loaded;
import io.marginscope.risk.RiskProgress;
import io.marginscope.run.ComputeRun;
import io.marginscope.store.Session;
import javafx.concurrent.Task;

/**
 * Explains the margin change between two saved sessions off the FX thread: each session's inputs
 * become an explain state ({@link ComputeRun#state}) and {@link MarginExplain#explain} splits the
 * change, with the first session's Monte Carlo settings, exactly as
 * {@code marginscope explain --from session:A --to session:B} does. {@link #submit} restarts the
 * service (the run in flight is cancelled between evaluations).
 */
final class SessionExplainService
        extends LatestRequestService<SessionExplainService.Request, SessionExplainService.Result> {

    record Request(Session from, Session to) {
    }

    record Result(Request request, MarginExplain.Explanation explanation) {
    }

    SessionExplainService() {
        super("explain");
    }

    @Override
    protected Task<Result> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Result call() throws Exception {
                updateMessage("Reading the two sessions' inputs …");
                updateProgress(-1, 1);
                Loaded<MarginExplain.State> a = ComputeRun.state(r.from().inputs());
                Loaded<MarginExplain.State> b = ComputeRun.state(r.to().inputs());
                updateMessage("Explaining the change: 32 margin evaluations …");
                Task<Result> self = this;
                long t0 = System.nanoTime();
                MarginExplain.Explanation e = MarginExplain.explain(a.value(), b.value(),
                        ComputeRun.settings(r.from().inputs()), new RiskProgress() {
                            @Override
                            public void update(double fraction) {
                                updateProgress(fraction, 1);
                            }

                            @Override
                            public boolean cancelled() {
                                return self.isCancelled();
                            }
                        });
                e = e.withElapsedNanos(System.nanoTime() - t0);
                updateProgress(1, 1);
                updateMessage("");
                return new Result(r, e);
            }
        };
    }
}
