package io.marginscope.ui.policies;

import io.marginscope.margin.Policy;
import io.marginscope.margin.PolicyComparison;
import javafx.concurrent.Task;

import java.util.List;
import io.marginscope.ui.compute.LatestRequestService;
import io.marginscope.ui.margin.MarginRequest;

/**
 * One book under every policy, off the FX thread: {@link PolicyComparison#compare} with policies
 * that cannot apply skipped with their reason. {@link #submit} restarts it (latest inputs win).
 */
public final class PolicyComparisonService
        extends LatestRequestService<PolicyComparisonService.Request, List<PolicyComparison.Row>> {

    /** The inputs of a comparison: the margin inputs and the policies compared. */
    record Request(MarginRequest inputs, List<Policy> policies) {
    }

    public PolicyComparisonService() {
        super("compare");
    }

    @Override
    protected Task<List<PolicyComparison.Row>> createTask(Request r) {
        return new Task<>() {
            @Override
            protected List<PolicyComparison.Row> call() {
                updateProgress(-1, 1);
                updateMessage("Comparing " + r.policies().size() + " policies …");
                MarginRequest in = r.inputs();
                List<PolicyComparison.Row> rows = PolicyComparison.compare(in.book(), in.market(), in.history(),
                        r.policies(), in.settings(), false);
                updateMessage("");
                return rows;
            }
        };
    }
}
