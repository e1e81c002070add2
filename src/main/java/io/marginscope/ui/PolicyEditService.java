package io.marginscope.ui;

import io.marginscope.analysis.PolicyChangeExplain;
import io.marginscope.margin.Policy;
import io.marginscope.risk.RiskProgress;
import javafx.concurrent.Task;

/**
 * The margin of the open book under an edited policy, explained against the policy as opened
 * ({@link PolicyChangeExplain}), off the FX thread. {@link #submit} restarts the service: the
 * run in flight is cancelled between evaluations and the latest edit wins.
 */
final class PolicyEditService extends LatestRequestService<PolicyEditService.Request, PolicyEditService.Result> {

    /**
     * @param inputs the book, market (vol overrides applied), history and Monte Carlo settings of the margin runs
     * @param before the policy as opened
     * @param after  the edited policy
     * @param edit   a sequence number of the edit (the view shows only the latest)
     */
    record Request(MarginRequest inputs, Policy before, Policy after, long edit) {
    }

    record Result(Request request, PolicyChangeExplain.Explanation explanation) {
    }

    PolicyEditService() {
        super("policy-edit");
    }

    @Override
    protected Task<Result> createTask(Request r) {
        return new Task<>() {
            @Override
            protected Result call() {
                updateMessage("Margin under the edited policy …");
                updateProgress(-1, 1);
                Task<Result> self = this;
                MarginRequest in = r.inputs();
                long t0 = System.nanoTime();
                PolicyChangeExplain.Explanation e = PolicyChangeExplain.explain(in.book(), in.market(), in.history(),
                        r.before(), r.after(), in.settings(), new RiskProgress() {
                            @Override
                            public void update(double fraction) {
                                updateProgress(fraction, 1);
                                updateMessage("Explaining the change …");
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
